import { parseJsonObject, type JsonObject } from '../../../core/json.js';
import { PLAYER_PROPERTY, type PlayerLayout, type VodPatch } from '../../../core/media.js';
import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { listItem } from '../../shared/gensee-lists.js';
import type { TrainingContext } from '../context.js';
import { convertResult, coursewareUrl, grType } from '../courseware-view.js';
import { syncPage, type SYNC_INPUT } from '../sync.js';
import { ownedCourseware, ownedRoom } from '../owned.js';

/** Text a stored VOD property holds, or null. */
const textProperty = (properties: JsonObject, name: string): string | null => (typeof properties[name] === 'string' ? properties[name] as string : null);

export const ROOM_INPUT = In.object({ roomId: In.string({ description: 'Room ID' }) });
export const COURSEWARE_INPUT = In.object({ coursewareId: In.string({ description: 'Courseware ID' }) });
export const VODVIEW_INPUT = In.object({ id: In.string({ description: 'Courseware ID (the path says vod, A-29)' }) });

/** 5.5 `/training/courseware/list`: every courseware of the room (recorded in it), oldest first. */
export async function listCoursewares(ctx: WithInput<TrainingContext, typeof ROOM_INPUT>) {
  const room = await ownedRoom(ctx, ctx.input.roomId);
  const vods = await ctx.services.media.vodsOfRoom(room);
  return {
    coursewares: vods.map((v) => listItem({
      id: v.public_id,
      number: v.number,
      url: coursewareUrl(ctx, v),
      subject: v.subject,
      // described as the room's name, but an ID everywhere else.
      roomId: room.public_id,
      recordId: v.recording_id,
      // "duration" is listed twice (courseware and VOD length): one value, in milliseconds as 5.10/5.11.
      duration: v.duration_ms,
      description: v.description,
      token: v.password,
      createdTime: v.created_at,
    })),
  };
}

/** 5.6 `/training/courseware/info`. */
export async function coursewareInfo(ctx: WithInput<TrainingContext, typeof COURSEWARE_INPUT>) {
  const vod = await ownedCourseware(ctx, ctx.input.coursewareId);
  const room = vod.room_id === null ? undefined : await ctx.services.rooms.find(ctx.tenant.id, { id: vod.room_id });
  return {
    id: vod.public_id,
    token: vod.password,
    subject: vod.subject,
    roomId: room?.public_id ?? null,
    url: coursewareUrl(ctx, vod),
    description: vod.description,
    creator: vod.owner_user_id,
    number: vod.number,
  };
}

export const MODIFY_COURSEWARE_INPUT = In.object({
  id: In.string({ description: 'Courseware ID' }),
  token: In.optional(In.clearableString({ max: 50, description: 'Viewing token; sent empty, the courseware needs none' })),
  subject: In.string({ max: 250, description: 'Courseware name' }),
  uiMode: In.optional(In.oneOf([1, 2, 3, 4, 5, 6], { description: '1 three-split, 2 document/video primary, 3 two-split, 4–6 interaction-enhanced (A-14)' })),
  uiColor: In.optional(In.oneOf(['blue', 'default', 'green'], { description: 'Three-split colour (default `default`)' })),
  uiWindow: In.optional(In.bool({ description: 'uiMode 2: show the small window (default false)' })),
  uiVideo: In.optional(In.bool({ description: 'uiMode 2: video primary (default false)' })),
  mobileMode: In.optional(In.oneOf([1, 2, 3], { description: 'Mobile player (default 1)' })),
  autoPlay: In.optional(In.bool({ description: 'uiMode 2: play at once (default true)' })),
  playerTheme: In.optional(In.clearableString({ max: 20, description: 'Interaction-enhanced skin: empty 夜空 (night sky), `skyblue` 雪峰' })),
  fullScreenMode: In.optional(In.oneOf([0, 1, 2, 3], { description: 'uiMode 6: 0 video primary, 1 document primary, 2 video only, 3 document only' })),
});

/**
 * 5.7 `/training/courseware/modify`: changes what is sent and keeps the rest (A-11; clients drop
 * empty parameters, so absence cannot mean "reset"). The player settings are write-only.
 */
export async function modifyCourseware(ctx: WithInput<TrainingContext, typeof MODIFY_COURSEWARE_INPUT>) {
  const input = ctx.input;
  const vod = await ownedCourseware(ctx, input.id);
  const extra: JsonObject = {};
  if (input.uiColor !== undefined) extra.uiColor = input.uiColor;
  if (input.playerTheme !== undefined) extra.playerTheme = input.playerTheme;
  if (input.fullScreenMode !== undefined) extra.fullScreenMode = input.fullScreenMode;
  const patch: VodPatch = { subject: input.subject, properties: extra };
  if (input.token !== undefined) patch.password = input.token;
  const layoutSent = [input.uiMode, input.uiWindow, input.uiVideo, input.mobileMode, input.autoPlay].some((v) => v !== undefined);
  await ctx.services.transaction(async (tx) => {
    const updated = await tx.media.updateVod(vod, patch);
    if (!layoutSent) return;
    const current = (parseJsonObject(vod.properties)[PLAYER_PROPERTY] ?? {}) as Partial<PlayerLayout>;
    await tx.media.setVodPlayer(updated, {
      mode: input.uiMode ?? current.mode ?? 1,
      mobileMode: input.mobileMode ?? current.mobileMode ?? 1,
      padMode: current.padMode ?? 1,
      autoPlay: input.autoPlay ?? current.autoPlay,
      video: input.uiVideo ?? current.video,
      showWindow: input.uiWindow ?? current.showWindow,
    });
  });
  return {};
}

/** 5.8 `/training/courseware/deleted`: a room that had it as its warm-up has none afterwards. */
export async function deleteCourseware(ctx: WithInput<TrainingContext, typeof COURSEWARE_INPUT>) {
  const vod = await ownedCourseware(ctx, ctx.input.coursewareId);
  await ctx.services.media.deleteVod(vod);
  return {};
}

/**
 * 5.11 `/training/courseware/syn`: the site's coursewares created in the window, 50 a page, with
 * their conversion state (the state of the job converting an uploaded document or media file).
 */
export async function syncCoursewares(ctx: WithInput<TrainingContext, typeof SYNC_INPUT>) {
  const { rows, page, states } = await syncPage(ctx, (window, page) => ctx.services.media.pageVods(ctx.tenant.id, { window, page }), (v) => v.conversion_job_id);
  return {
    list: rows.map((v) => {
      const props = parseJsonObject(v.properties);
      return listItem({
        id: v.public_id,
        token: v.password,
        subject: v.subject,
        url: coursewareUrl(ctx, v),
        roomId: v.room_public_id,
        description: v.description,
        creator: v.owner_user_id,
        recordId: v.recording_id,
        number: v.number,
        createdTime: v.created_at,
        duration: v.duration_ms,
        recordStartTime: v.record_started_at,
        recordEndTime: v.record_ended_at,
        grType: grType(v),
        convertResult: convertResult(v.conversion_job_id, states),
        plan: textProperty(props, 'agenda'),
        speakerInfo: textProperty(props, 'speakerInfo'),
        // the recording's id, the same value as recordId.
        grId: v.recording_id,
      });
    }),
    page,
  };
}

/** 5.38 `/training/vod/vodview`: how many times the courseware was watched, all time (人次: re-watches count; A-29). */
export async function coursewareViews(ctx: WithInput<TrainingContext, typeof VODVIEW_INPUT>) {
  const vod = await ownedCourseware(ctx, ctx.input.id);
  return { total: await ctx.services.media.viewCount(vod) };
}
