import type { RecordingRow, RoomRow, VodRow } from '../../storage/schema.js';
import { mayActOn, ownedRoom as ownedSiteRoom } from '../shared/gensee-ownership.js';
import type { TrainingContext } from './context.js';
import { trainingError } from './errors.js';

/*
 * §1.4 ownership (stated in 5.26, applied to every teacher endpoint): an admin acts on everything
 * of the site, a teacher only on what it created. What the caller may not act on answers 501, like
 * what does not exist, so a teacher cannot learn which ids exist.
 */

/** The caller's room by its id (deleted rooms are gone). */
export const ownedRoom = (ctx: TrainingContext, roomId: string): Promise<RoomRow> => ownedSiteRoom(ctx, roomId, 'room');

/** The caller's courseware (a core VOD) by its id. */
export async function ownedCourseware(ctx: TrainingContext, coursewareId: string): Promise<VodRow> {
  const vod = await ctx.services.media.vod(ctx.tenant.id, coursewareId);
  if (!vod || !mayActOn(ctx, vod.owner_user_id)) throw trainingError('NOT_FOUND', `courseware "${coursewareId}" does not exist`);
  return vod;
}

/** The caller's recording by its Long id: its creator's (a room's recordings belong to the room's owner). */
export async function ownedRecording(ctx: TrainingContext, recordingId: number): Promise<RecordingRow> {
  const [recording] = await ctx.services.media.recordings(ctx.tenant.id, [recordingId]);
  if (!recording || !mayActOn(ctx, recording.creator_user_id)) throw trainingError('NOT_FOUND', `recording ${recordingId} does not exist`);
  return recording;
}
