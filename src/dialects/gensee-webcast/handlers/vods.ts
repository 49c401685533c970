import type { JsonObject } from '../../../core/json.js';
import type { ListedVod, VodPatch } from '../../../core/media.js';
import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { ParamProblem } from '../../framework/params.js';
import { ownerScope } from '../../shared/gensee-ownership.js';
import { genseePage } from '../../shared/gensee-envelope.js';
import { listItem, mediaPage, PAGE_NO } from '../../shared/gensee-lists.js';
import { dayWindow, viewingFields } from '../../shared/gensee-media.js';
import { creationWindow } from '../../shared/gensee-window.js';
import type { WebcastContext } from '../context.js';
import { webcastError } from '../errors.js';
import { ownedWebcast } from '../webcast-view.js';
import { type CASTMAKER_INPUT, ownedVod, preparableWebcast, type SYNC_INPUT, vodPlayUrl, vodSettings } from './media-view.js';

/** VOD skins: 5.18 lists gray/blue/green; `default` (the webcast skin list's fourth) is accepted too. */
const VOD_SKINS = ['default', 'gray', 'blue', 'green'] as const;

/**
 * 5.18's parameters, in the document's order. The VOD id is `id` here and `vodId` in 5.19/5.20;
 * each endpoint accepts the other's name too (A-19). Text fields sent empty are cleared, left out
 * kept (A-11: some clients drop empty parameters, so absence cannot mean "clear").
 */
export const VOD_UPDATE_INPUT = In.object({
  id: In.string({ aliases: ['vodId'], description: 'VOD id' }),
  subject: In.string({ max: 250 }),
  speakerInfo: In.optional(In.clearableString()),
  agenda: In.optional(In.clearableString()),
  description: In.optional(In.clearableString()),
  loginRequired: In.optional(In.bool()),
  opened: In.optional(In.bool()),
  vodPassword: In.optional(In.string({ max: 50, description: 'Viewing password; required when pwdRequired is true' })),
  pwdRequired: In.optional(In.bool({ description: 'false removes the password' })),
  skin: In.optional(In.oneOf(VOD_SKINS)),
});

/** 5.19, 5.20. */
export const VOD_ID_INPUT = In.object({ vodId: In.string({ aliases: ['id'], description: 'VOD id' }) });

/** 5.25, 5.26. */
export const WARMUP_INPUT = In.object({ webcastId: In.string(), vodId: In.string() });

/** 5.33: a day (`date` may carry a time, which only picks the day), or one hour of it. */
export const VOD_HISTORY_INPUT = In.object({
  pageNo: PAGE_NO,
  date: In.time({ description: 'Any time on the day to export' }),
  hour: In.optional(In.int({ min: 0, max: 23, description: 'Only this hour (0–23); left out: the whole day' })),
});

/** 5.18 `/webcast/vod/update`. */
export async function updateVod(ctx: WithInput<WebcastContext, typeof VOD_UPDATE_INPUT>) {
  const { id, subject, pwdRequired, vodPassword, skin, description } = ctx.input;
  if (pwdRequired === true && vodPassword === undefined) throw new ParamProblem('vodPassword', 'missing', 'vodPassword is required when pwdRequired is true');
  const vod = await ownedVod(ctx, id);
  const props: JsonObject = {};
  for (const name of ['speakerInfo', 'agenda', 'loginRequired', 'opened'] as const) {
    const v = ctx.input[name];
    if (v !== undefined) props[name] = v;
  }
  if (skin !== undefined) props.skin = skin;
  const patch: VodPatch = { subject, properties: props };
  if (description !== undefined) patch.description = description;
  // The stored password is the protection: pwdRequired=false removes it, a new vodPassword sets it.
  if (pwdRequired === false) patch.password = null;
  else if (vodPassword !== undefined) patch.password = vodPassword;
  await ctx.services.media.updateVod(vod, patch);
  return {};
}

/** 5.19 `/webcast/vod/unpublish`: the VOD stays, unpublished; unpublishing an unpublished VOD is a no-op. */
export async function unpublishVod(ctx: WithInput<WebcastContext, typeof VOD_ID_INPUT>) {
  const vod = await ownedVod(ctx, ctx.input.vodId);
  await ctx.services.media.setPublished(vod, false);
  return {};
}

/** 5.20 `/webcast/vod/publish`: publishing a published VOD is a no-op success. */
export async function publishVod(ctx: WithInput<WebcastContext, typeof VOD_ID_INPUT>) {
  const vod = await ownedVod(ctx, ctx.input.vodId);
  await ctx.services.media.setPublished(vod, true);
  return {};
}

/** 5.21 `/webcast/castmaker/page`: uploaded VODs created in the window (organizers: their own), 50 a page. */
export async function castmakerPage(ctx: WithInput<WebcastContext, typeof CASTMAKER_INPUT>) {
  const window = creationWindow(ctx.input);
  const page = mediaPage(ctx.input.pageNo);
  const result = await ctx.services.media.pageVods(ctx.tenant.id, { window, page, source: 'upload', ownerUserId: ownerScope(ctx) });
  return {
    page: genseePage(page, result.total),
    list: result.rows.map((v) => listItem({
      id: v.public_id,
      subject: v.subject,
      password: v.password,
      description: v.description,
      createdTime: v.created_at,
      screenshot: vodSettings(v).screenshot,
      webcast: v.room_public_id,
      creator: v.owner_user_id,
      recordId: v.recording_id,
      attendeeJoinUrl: vodPlayUrl(ctx, v),
    })),
  };
}

/** 5.24 `/webcast/vod/sync`: published VODs created in the window, 50 a page. */
export async function syncVods(ctx: WithInput<WebcastContext, typeof SYNC_INPUT>) {
  const window = creationWindow(ctx.input);
  const page = mediaPage(ctx.input.pageNo);
  const result = await ctx.services.media.pageVods(ctx.tenant.id, { window, page, publishedOnly: true });
  return { page: genseePage(page, result.total), list: result.rows.map((v) => syncedVod(ctx, v)) };
}

function syncedVod(ctx: WebcastContext, v: ListedVod) {
  return listItem({
    id: v.public_id,
    subject: v.subject,
    password: v.password,
    description: v.description,
    createdTime: v.created_at,
    attendeeJoinUrl: vodPlayUrl(ctx, v),
    webcastId: v.room_public_id,
    screenshot: vodSettings(v).screenshot,
    creator: v.owner_user_id,
    number: v.number,
    recordId: v.recording_id,
    recordStartTime: v.record_started_at,
    recordEndTime: v.record_ended_at,
  });
}

/** 5.25 `/webcast/warmup/attach`: the webcast's one warm-up VOD (a second attach replaces the first). */
export async function attachWarmup(ctx: WithInput<WebcastContext, typeof WARMUP_INPUT>) {
  const { webcastId, vodId } = ctx.input;
  const room = await preparableWebcast(ctx, webcastId);
  const vod = await ownedVod(ctx, vodId);
  await ctx.services.media.setWarmup(room, vod);
  return {};
}

/** 5.26 `/webcast/warmup/detach`: only the VOD that is the webcast's warm-up can be detached. */
export async function detachWarmup(ctx: WithInput<WebcastContext, typeof WARMUP_INPUT>) {
  const { webcastId, vodId } = ctx.input;
  const room = await ownedWebcast(ctx, webcastId);
  const vod = await ownedVod(ctx, vodId);
  if (ctx.services.media.warmupOf(room) !== vod.public_id) throw webcastError('NOT_FOUND', `VOD "${vodId}" is not the warm-up of webcast "${webcastId}"`);
  await ctx.services.media.clearWarmup(room);
  return {};
}

/**
 * 5.33 `/webcast/export/vod/history`: VOD viewing intervals that started on `date` (the calendar day
 * in the site's zone; `date` may carry a time, which only picks the day), or in its `hour` (0–23).
 * 50 a page. `duration` is the watched time in whole seconds; a viewer still watching has
 * neither `leaveTime` nor `duration` yet.
 */
export async function exportVodHistory(ctx: WithInput<WebcastContext, typeof VOD_HISTORY_INPUT>) {
  const { date, hour } = ctx.input;
  const page = mediaPage(ctx.input.pageNo);
  const result = await ctx.services.media.pageViews(ctx.tenant.id, { window: dayWindow(date, hour, ctx.zone), page });
  return {
    list: result.rows.map((v) => listItem({
      vodId: v.vod_public_id,
      ...viewingFields(v),
      ip: v.ip,
    })),
    ...genseePage(page, result.total),
  };
}
