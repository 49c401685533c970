import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { listItem } from '../../shared/gensee-lists.js';
import { siteRecordings } from '../../shared/gensee-media.js';
import type { TrainingContext } from '../context.js';
import { syncPage, type SYNC_INPUT } from '../sync.js';
import { ownedRecording, ownedRoom } from '../owned.js';

/** 5.10 `/training/record/syn`: the site's recordings created in the window, 50 a page. */
export async function syncRecordings(ctx: WithInput<TrainingContext, typeof SYNC_INPUT>) {
  const { rows, page } = await syncPage(ctx, (window, page) => ctx.services.media.pageRecordings(ctx.tenant.id, { window, page }));
  return {
    list: rows.map((r) => listItem({
      // a String here, the Long `recordId`/`grId` elsewhere.
      id: String(r.id),
      name: r.name,
      recordStartTime: r.started_at,
      recordEndTime: r.ended_at,
      createdTime: r.created_at,
      size: r.size,
      roomId: r.room_public_id,
      // Milliseconds; unknown (left out) for an uploaded media file not yet converted.
      duration: r.started_at !== null && r.ended_at !== null ? r.ended_at - r.started_at : null,
      creator: r.creator_user_id,
    })),
    page,
  };
}

export const INSERT_PLAY_INPUT = In.object({
  roomId: In.string({ description: 'Room ID' }),
  recordId: In.optional(In.list({ of: 'wholeNumber', description: 'Recording IDs, sent as recordId[0]=…&recordId[1]=… (or repeated, or comma-separated); none: nothing changes (A-37)' })),
});

/**
 * 5.16 `/training/record/choose`: adds insert-play (插播) recordings to the room; ids chosen twice
 * are kept once (the document leaves duplicates to the caller, Lectern does not store them twice).
 * Every id must be a recording of the site, or nothing changes.
 */
export async function chooseInsertPlay(ctx: WithInput<TrainingContext, typeof INSERT_PLAY_INPUT>) {
  const ids = ctx.input.recordId ?? [];
  const room = await ownedRoom(ctx, ctx.input.roomId);
  const recordings = await siteRecordings(ctx, ids);
  await ctx.services.media.chooseInsertPlay(room, recordings);
  return {};
}

/** 5.17 `/training/record/remove`: ids that were not chosen are ignored; unknown recordings are 501. */
export async function removeInsertPlay(ctx: WithInput<TrainingContext, typeof INSERT_PLAY_INPUT>) {
  const ids = ctx.input.recordId ?? [];
  const room = await ownedRoom(ctx, ctx.input.roomId);
  await siteRecordings(ctx, ids);
  await ctx.services.media.removeInsertPlay(room, ids);
  return {};
}

export const DELETE_RECORDING_INPUT = In.object({ grId: In.int({ min: 1, description: 'Recording ID (Long)' }) });

/**
 * 5.43 `/training/gr/delete`: deletes the recording and what is built on it: the coursewares
 * made from it (and the warm-ups they were), and its insert-play bindings.
 */
export async function deleteRecording(ctx: WithInput<TrainingContext, typeof DELETE_RECORDING_INPUT>) {
  const recording = await ownedRecording(ctx, ctx.input.grId);
  await ctx.services.media.deleteRecording(recording);
  return {};
}
