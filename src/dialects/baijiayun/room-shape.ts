import type { RoomRow } from '../../storage/schema.js';
import { roomProperties } from '../../core/rooms.js';

const flag = (room: RoomRow, key: string) => Number(roomProperties(room)[key] ?? 0);

/** A push-stream live room (`is_push_live=1`): its video comes from an encoder pushing RTMP. */
export function isPushLive(room: RoomRow): boolean {
  return flag(room, 'is_push_live') === 1;
}

/**
 * How a group live room is split: `groups` (is_group_live 1, new_group_live 1 or 2), or
 * `groups-with-rooms` (is_group_live 2, big/small class: each group also has a small classroom of its
 * own); null for a room that is not group live.
 */
export function groupForm(room: RoomRow): 'groups' | 'groups-with-rooms' | null {
  const isGroupLive = flag(room, 'is_group_live');
  if (isGroupLive === 2) return 'groups-with-rooms';
  if (isGroupLive === 1 || [1, 2].includes(flag(room, 'new_group_live'))) return 'groups';
  return null;
}

/** A large class (`type` 2, in any of its forms), the only rooms that insert-play videos. */
export function isLargeClass(room: RoomRow): boolean {
  const type = Number(roomProperties(room).type ?? 2);
  return type === 2;
}

/** The room's Baijiayun `type` (1 one-to-one, 2 large class, 3/4 small class, 5 dual teacher). */
export function roomTypeOf(room: RoomRow): number {
  return Number(roomProperties(room).type ?? 2);
}
