import type { RecordingRow } from '../../../storage/schema.js';
import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { ownedRoom } from '../../shared/gensee-ownership.js';
import type { TrainingContext } from '../context.js';
import { trainingError } from '../errors.js';

const MODES = [1, 2, 3] as const;
const NAME_MAX = 250;
/** Recording ids are numbers (long); a longer text cannot be one. */
const RECORD_ID = { min: 1, description: 'Recording id (5.10 record/syn)' };

export const CREATE_WARMUP_INPUT = In.object({
  name: In.string({ min: 1, max: NAME_MAX }),
  recordId: In.int(RECORD_ID),
  mode: In.optional(In.oneOf(MODES, { default: 1, description: '1 three-split, 2 document/video primary, 3 two-split' })),
});
export const MODIFY_WARMUP_INPUT = In.object({
  id: In.string(),
  name: In.optional(In.string({ max: NAME_MAX, notEmpty: true })),
  recordId: In.optional(In.int(RECORD_ID)),
  mode: In.optional(In.oneOf(MODES)),
});
export const ATTACH_WARMUP_INPUT = In.object({ roomId: In.string(), warmupId: In.string() });
export const DETACH_WARMUP_INPUT = In.object({ roomId: In.string(), warmupId: In.string({ description: 'Reserved: not checked (a room has one warm-up)' }) });

async function siteRecording(ctx: TrainingContext, id: number): Promise<RecordingRow> {
  const [recording] = await ctx.services.media.recordings(ctx.tenant.id, [id]);
  if (!recording) throw trainingError('NOT_FOUND', `recording ${id} does not exist`);
  return recording;
}

async function siteWarmup(ctx: TrainingContext, id: string) {
  const warmup = await ctx.services.warmups.find(ctx.tenant.id, id);
  if (!warmup) throw trainingError('NOT_FOUND', `warm-up "${id}" does not exist`);
  return warmup;
}

/** 5.12 `/training/warmup/created`: a warm-up item built on a recording of the site. */
export async function createWarmup(ctx: WithInput<TrainingContext, typeof CREATE_WARMUP_INPUT>) {
  const { name, recordId, mode } = ctx.input;
  const recording = await siteRecording(ctx, recordId);
  const warmup = await ctx.services.warmups.create({ tenantId: ctx.tenant.id, name, recording, mode: mode ?? 1, ownerUserId: ctx.user.id });
  return { name: warmup.name, id: warmup.public_id, recordId: warmup.recording_id, mode: warmup.mode };
}

/** 5.13 `/training/warmup/modify`: changes only what is sent (T-11); rooms showing it show the change. */
export async function modifyWarmup(ctx: WithInput<TrainingContext, typeof MODIFY_WARMUP_INPUT>) {
  const { id, name, recordId, mode } = ctx.input;
  const warmup = await siteWarmup(ctx, id);
  const recording = recordId === undefined ? undefined : await siteRecording(ctx, recordId);
  await ctx.services.warmups.update(warmup, { name, recording, mode });
  return {};
}

/** 5.14 `/training/warmup/attach`: a room shows one warm-up; attaching another replaces it. */
export async function attachWarmup(ctx: WithInput<TrainingContext, typeof ATTACH_WARMUP_INPUT>) {
  const room = await ownedRoom(ctx, ctx.input.roomId, 'room');
  const warmup = await siteWarmup(ctx, ctx.input.warmupId);
  await ctx.services.warmups.attach(room, warmup);
  return {};
}

/**
 * 5.15 `/training/warmup/detach`: removes the room's warm-up. `warmupId` is reserved and not compared
 * with the attached one, as the document says; a room without a warm-up is already as asked (0).
 */
export async function detachWarmup(ctx: WithInput<TrainingContext, typeof DETACH_WARMUP_INPUT>) {
  const room = await ownedRoom(ctx, ctx.input.roomId, 'room');
  await ctx.services.warmups.detach(room);
  return {};
}
