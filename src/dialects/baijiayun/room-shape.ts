import { ROOM_FORMAT } from '../../core/room-kind.js';
import { roomProperties } from '../../core/rooms.js';
import type { RoomRow } from '../../storage/schema.js';
import { typeOf } from './room-types.js';

const flag = (room: RoomRow, key: string) => Number(roomProperties(room)[key] ?? 0);

/** A push-stream live room: its video comes from an encoder pushing RTMP. */
export function isPushLive(room: RoomRow): boolean {
  return room.kind === 'push_live';
}

/**
 * How a group live room is split: `groups` (is_group_live 1, new_group_live 1, or the online dual
 * teacher of new_group_live 2), or `groups-with-rooms` (is_group_live 2, big/small class: each group
 * also has a small classroom of its own); null for a room that is not split into groups.
 */
export function groupForm(room: RoomRow): 'groups' | 'groups-with-rooms' | null {
  if (room.kind === 'group_live') return flag(room, 'is_group_live') === 2 ? 'groups-with-rooms' : 'groups';
  if (room.kind === 'dual_teacher' && flag(room, 'new_group_live') === 2) return 'groups';
  return null;
}

/** A large class in any of its broadcast forms (large class, enterprise, group, push, pseudo-live). */
export function isLargeClass(room: RoomRow): boolean {
  return ROOM_FORMAT[room.kind] === 'broadcast';
}

/** The room's Baijiayun `type` (1 one-to-one, 2 large class, 3/4 small class, 5 dual teacher). */
export const roomTypeOf = typeOf;
