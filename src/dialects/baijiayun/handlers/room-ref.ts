import type { RoomRow } from '../../../storage/schema.js';
import { In } from '../../framework/input.js';
import type { BaijiayunContext } from '../context.js';
import { baijiayunError } from '../errors.js';

/** `room_id`: the room's 14-digit number (kept as text: it is an identifier, not a quantity). */
export const ROOM_ID = In.string({ pattern: '^\\d{1,20}$', description: 'Room id (14 digits)', examples: ['26010112345678'] });

/** The tenant's room by `room_id`: 3001 when it is not the tenant's, 3002 once deleted. */
export async function roomById(ctx: BaijiayunContext, roomId: string): Promise<RoomRow> {
  const room = await ctx.services.rooms.find(ctx.tenant.id, { numericId: roomId });
  if (!room) throw baijiayunError('ROOM_NOT_FOUND', `room ${roomId} does not exist`);
  if (room.deleted_at !== null) throw baijiayunError('ROOM_DELETED', `room ${roomId} has been deleted`);
  return room;
}
