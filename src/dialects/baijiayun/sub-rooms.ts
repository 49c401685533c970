import type { NewRoom } from '../../core/rooms.js';
import type { RoomRow } from '../../storage/schema.js';
import { isLongTerm } from './sessions.js';

const TITLE_MAX = 50;

/** The small classroom of group `n` of a big/small-class group room: same schedule, a small class. */
export function subRoomOf(room: RoomRow, n: number): NewRoom {
  return {
    tenantId: room.tenant_id,
    kind: 'small_class',
    title: [...`${room.title} 第${n}组`].slice(0, TITLE_MAX).join(''),
    ownerUserId: room.owner_user_id,
    scheduledStart: room.scheduled_start,
    scheduledEnd: room.scheduled_end,
    properties: { type: 4, is_long_term: isLongTerm(room) ? 1 : 0 },
  };
}
