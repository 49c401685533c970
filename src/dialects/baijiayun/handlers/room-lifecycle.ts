import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import type { BaijiayunContext } from '../context.js';
import { ROOM_ID, roomById } from './room-ref.js';

export const DELETE_INPUT = In.object({ room_id: ROOM_ID });

/**
 * 4 `/openapi/room/delete`: the room (and its groups' small classrooms) is deleted and remembered:
 * asking for it later answers 3002. A class in progress ends first, everyone leaving at once.
 */
export async function deleteRoom(ctx: WithInput<BaijiayunContext, typeof DELETE_INPUT>) {
  const room = await roomById(ctx, ctx.input.room_id);
  await ctx.services.transaction(async (tx) => {
    const subRoomIds = (await tx.roomGroups.ofRoom(room)).map((g) => g.subRoomId).filter((id): id is number => id !== null);
    for (const id of [room.id, ...subRoomIds]) {
      const r = await tx.rooms.find(ctx.tenant.id, { id });
      if (!r || r.deleted_at !== null) continue;
      await tx.ingestion.endSession(r);
      await tx.rooms.softDelete(r);
    }
  });
  return null;
}
