import type { RoomKind } from '../../core/room-kind.js';
import type { RoomRow } from '../../storage/schema.js';
import { roomProperties } from '../../core/rooms.js';

/** The room/create values that decide what kind of class a room is (§5-2). */
export interface ClassShape {
  type: number;
  industryType: number;
  isGroupLive: number;
  newGroupLive: number;
  isPushLive: number;
  isMockLive: number;
}

/**
 * `type` names the class format; for the normal large class (type 2), which the group, push and
 * mock switches require, the first switch set decides, in this order: online dual teacher
 * (new_group_live 2), group live (is_group_live 1 or 2, new_group_live 1), push-stream live,
 * pseudo-live; else industry_type 1 makes it an enterprise broadcast.
 */
export function kindOfShape(s: ClassShape): RoomKind {
  switch (s.type) {
    case 1: return 'one_to_one';
    case 3:
    case 4: return 'small_class';
    case 5: return 'dual_teacher';
  }
  if (s.newGroupLive === 2) return 'dual_teacher';
  if (s.isGroupLive === 1 || s.isGroupLive === 2 || s.newGroupLive === 1) return 'group_live';
  if (s.isPushLive === 1) return 'push_live';
  if (s.isMockLive === 1) return 'pseudo_live';
  return s.industryType === 1 ? 'webinar' : 'large_class';
}

/**
 * The `type` values that describe each kind, the usual one first. Kinds Baijiayun has no type for
 * read as the nearest format: interactive classes as a normal class (2), mini classes as the
 * professional small class (4).
 */
const TYPES_OF_KIND: Readonly<Record<RoomKind, readonly number[]>> = {
  large_class: [2],
  webinar: [2],
  group_live: [2],
  push_live: [2],
  pseudo_live: [2],
  interactive_class: [2],
  one_to_one: [1],
  small_class: [4, 3],
  mini_class: [4],
  dual_teacher: [5],
};

/** A room's `type`: the one it was created with while that still describes its kind, else the kind's usual one. */
export function typeOf(room: RoomRow): number {
  const sent = Number(roomProperties(room).type);
  const types = TYPES_OF_KIND[room.kind];
  return types.includes(sent) ? sent : types[0];
}

export function industryTypeOf(kind: RoomKind): number {
  return kind === 'webinar' ? 1 : 0;
}

/**
 * The product lines of §5-10 (`product_type`) as kinds; 0 or absent means every room. The
 * interactive classroom has no Baijiayun product line: it is listed under 0 only.
 */
export const PRODUCT_LINES: Readonly<Record<number, readonly RoomKind[] | undefined>> = {
  0: undefined,
  1: ['large_class', 'group_live', 'push_live', 'pseudo_live'],
  2: ['small_class', 'one_to_one', 'mini_class'],
  3: ['dual_teacher'],
  4: ['webinar'],
};
