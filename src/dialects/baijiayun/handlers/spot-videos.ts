import type { RecordingRow, RoomRow } from '../../../storage/schema.js';
import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { ParamProblem } from '../../framework/params.js';
import { formatDateTime } from '../../framework/time.js';
import type { BaijiayunContext } from '../context.js';
import { isLargeClass } from '../room-shape.js';
import { baijiayunSessionId } from '../sessions.js';
import { ROOM_ID, roomById } from './room-ref.js';

/** Catalog §1.7: at most 3 videos a room; each usable for 7 days from when it was set. */
const MAX_SPOT_VIDEOS = 3;
const SPOT_VIDEO_DAYS = 7;
const expiredBefore = (now: number) => now - SPOT_VIDEO_DAYS * 86_400_000;

export const SET_SPOT_INPUT = In.object({
  room_id: ROOM_ID,
  video_ids: In.list({ description: `Comma-separated playback video ids (at most ${MAX_SPOT_VIDEOS})`, examples: ['12345678,23456789'] }),
});

async function largeClass(ctx: BaijiayunContext, roomId: string): Promise<RoomRow> {
  const room = await roomById(ctx, roomId);
  if (!isLargeClass(room)) throw new ParamProblem('room_id', 'out_of_range', `room_id: room ${room.numeric_id} is not a large class: only large classes insert-play videos`);
  return room;
}

/**
 * 46 `/openapi/room/setSpotVideo`: the room's insert-play videos become exactly these (a set, not
 * an addition). Video ids are the account's playback (VOD) numbers. A video set again keeps the day
 * it was first set, unless it had expired: then it is set anew.
 */
export async function setSpotVideo(ctx: WithInput<BaijiayunContext, typeof SET_SPOT_INPUT>) {
  const room = await largeClass(ctx, ctx.input.room_id);
  const ids = [...new Set(ctx.input.video_ids)];
  const bad = ids.find((id) => !/^\d{1,20}$/.test(id));
  if (bad !== undefined) throw new ParamProblem('video_ids', 'malformed', `video_ids must be numbers, got "${bad.slice(0, 40)}"`);
  if (ids.length > MAX_SPOT_VIDEOS) throw new ParamProblem('video_ids', 'out_of_range', `video_ids: a room takes at most ${MAX_SPOT_VIDEOS} spot videos, got ${ids.length}`);
  const vods = await ctx.services.insertPlay.vodsByNumber(ctx.tenant.id, ids);
  const missing = ids.find((id) => !vods.some((v) => v.number === id));
  if (missing !== undefined) throw new ParamProblem('video_ids', 'out_of_range', `video_ids: video ${missing} does not exist`);
  const recordings: RecordingRow[] = await ctx.services.media.recordings(ctx.tenant.id, vods.map((v) => v.recording_id).filter((id): id is number => id !== null));
  const noMedia = vods.find((v) => !recordings.some((r) => r.id === v.recording_id));
  if (noMedia) throw new ParamProblem('video_ids', 'out_of_range', `video_ids: video ${noMedia.number} has no recording to play`);
  const now = Date.now();
  await ctx.services.insertPlay.replace(room, recordings, now, expiredBefore(now));
  return null;
}

export const GET_SPOT_INPUT = In.object({
  room_id: ROOM_ID,
  // The document marks it required, by a copy of 46's table; it is optional here and narrows the list.
  video_ids: In.optional(In.list({ description: 'Only these video ids (optional)' })),
});

/**
 * 47 `/openapi/room/getSpotVideo`: the room's insert-play videos that have not expired. Lectern has
 * no media processing yet, so no file is ever prepared: `prepare_file_time` is "".
 */
export async function getSpotVideo(ctx: WithInput<BaijiayunContext, typeof GET_SPOT_INPUT>) {
  const room = await largeClass(ctx, ctx.input.room_id);
  const only = ctx.input.video_ids ? new Set(ctx.input.video_ids) : null;
  const items = await ctx.services.insertPlay.items(room, expiredBefore(Date.now()));
  const list = [];
  for (const item of items) {
    if (!item.vod || (only && !only.has(item.vod.number))) continue;
    const source = item.recording.room_id === null ? undefined : await ctx.services.rooms.find(ctx.tenant.id, { id: item.recording.room_id });
    const session = item.recording.session_id === null ? null : (await ctx.services.sessions.byId(ctx.tenant.id, item.recording.session_id)) ?? null;
    list.push({
      video_id: Number(item.vod.number),
      playback_room_id: source ? Number(source.numeric_id) : 0,
      playback_session_id: source ? baijiayunSessionId(source, session) : 0,
      prepare_file_time: '',
      create_time: formatDateTime(item.boundAt, ctx.zone),
    });
  }
  return { list };
}
