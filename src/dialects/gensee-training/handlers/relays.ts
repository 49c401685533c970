import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { ownedRoom } from '../../shared/gensee-ownership.js';
import type { TrainingContext } from '../context.js';
import { trainingError } from '../errors.js';

export const RELAY_INPUT = In.object({ roomId: In.string({ description: 'The room that rebroadcasts' }), relayId: In.string({ description: 'The source room (same site)' }) });

/**
 * The two rooms of 5.36/5.37: the caller's own room, and a source that may be any room of the site
 * (relaying a colleague's class is the point of a relay, T-48).
 */
async function pair(ctx: WithInput<TrainingContext, typeof RELAY_INPUT>) {
  const room = await ownedRoom(ctx, ctx.input.roomId, 'room');
  const source = await ctx.services.rooms.find(ctx.tenant.id, { publicId: ctx.input.relayId });
  if (!source || source.deleted_at !== null) throw trainingError('NOT_FOUND', `relay source room "${ctx.input.relayId}" does not exist`);
  return { room, source };
}

/** 5.36 `/training/relay/add`: a room cannot relay itself (500); adding a source twice answers 502. */
export async function addRelay(ctx: WithInput<TrainingContext, typeof RELAY_INPUT>) {
  const { room, source } = await pair(ctx);
  await ctx.services.relays.add(room, source);
  return {};
}

/** 5.37 `/training/relay/remove`: a source the room does not relay answers 501. */
export async function removeRelay(ctx: WithInput<TrainingContext, typeof RELAY_INPUT>) {
  const { room, source } = await pair(ctx);
  await ctx.services.relays.remove(room, source);
  return {};
}
