import { RoomListing, type RoomPhase } from '../../../core/room-listing.js';
import type { WithInput } from '../../framework/dialect.js';
import { ownedRoom } from '../../shared/gensee-ownership.js';
import type { TrainingContext } from '../context.js';
import type { ROOM_ID_INPUT } from '../room-view.js';

/** 5.41's status (T-31): 0 not live (never started, between classes, ended or closed for good), 1 someone is inside but class has not started, 2 live. */
export function liveStatus(phase: RoomPhase): 0 | 1 | 2 {
  return phase === 'live' ? 2 : phase === 'occupied' ? 1 : 0;
}

/** 5.41 `/training/query/status`. */
export async function queryStatus(ctx: WithInput<TrainingContext, typeof ROOM_ID_INPUT>) {
  const room = await ownedRoom(ctx, ctx.input.roomId, 'room');
  const inside = await ctx.services.roomListing.presence([room.id]);
  return { status: liveStatus(RoomListing.phaseOf(room, inside.get(room.id) ?? 0)) };
}
