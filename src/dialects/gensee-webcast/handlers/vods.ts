import { DateTime } from 'luxon';
import type { JsonObject } from '../../../core/json.js';
import type { ListedVod, VodPatch } from '../../../core/media.js';
import { ParamProblem, type Params } from '../../framework/params.js';
import { ownerScope } from '../../shared/gensee-ownership.js';
import { genseeTime } from '../../shared/gensee-time.js';
import { genseePage } from '../../shared/gensee-envelope.js';
import type { WebcastContext } from '../context.js';
import { webcastError } from '../errors.js';
import { ownedWebcast } from '../webcast-view.js';
import { creationWindow, listItem, ownedVod, pageRequest, preparableWebcast, vodPlayUrl, vodSettings } from './media-view.js';

/** VOD skins: 5.18 lists gray/blue/green; `default` (the webcast skin list's fourth) is accepted too. */
const VOD_SKINS = ['default', 'gray', 'blue', 'green'] as const;

/** The VOD id: `vodId` in 5.19/5.20, `id` in 5.18; each endpoint accepts the other's name too. */
function vodIdParam(p: Params, primary: 'id' | 'vodId'): string {
  const other = primary === 'id' ? 'vodId' : 'id';
  return p.string(primary) ?? p.string(other) ?? p.string(primary, { required: true });
}

/**
 * A text field of an update: absent keeps the stored value, sent empty clears it (A-11 for 5.18:
 * some clients drop empty parameters, so absence cannot mean "clear").
 */
function textChange(p: Params, name: string): string | null | undefined {
  const raw = p.raw(name);
  if (raw === undefined) return undefined;
  return raw.trim() === '' ? null : raw.trim();
}

/** 5.18 `/webcast/vod/update`. */
export async function updateVod(ctx: WebcastContext) {
  const p = ctx.params;
  const vod = await ownedVod(ctx, vodIdParam(p, 'id'));
  const subject = p.string('subject', { required: true, max: 250 });
  const pwdRequired = p.bool('pwdRequired');
  const vodPassword = p.string('vodPassword', { max: 50 });
  if (pwdRequired === true && vodPassword === undefined) throw new ParamProblem('vodPassword', 'missing', 'vodPassword is required when pwdRequired is true');
  const props: JsonObject = {};
  for (const name of ['speakerInfo', 'agenda'] as const) {
    const v = textChange(p, name);
    if (v !== undefined) props[name] = v;
  }
  for (const name of ['loginRequired', 'opened'] as const) {
    const v = p.bool(name);
    if (v !== undefined) props[name] = v;
  }
  const skin = p.oneOf('skin', VOD_SKINS);
  if (skin !== undefined) props.skin = skin;
  const patch: VodPatch = { subject, properties: props };
  const description = textChange(p, 'description');
  if (description !== undefined) patch.description = description;
  // The stored password is the protection: pwdRequired=false removes it, a new vodPassword sets it.
  if (pwdRequired === false) patch.password = null;
  else if (vodPassword !== undefined) patch.password = vodPassword;
  await ctx.services.media.updateVod(vod, patch);
  return {};
}

/** 5.19 `/webcast/vod/unpublish`: the VOD stays, unpublished; unpublishing an unpublished VOD is a no-op. */
export async function unpublishVod(ctx: WebcastContext) {
  const vod = await ownedVod(ctx, vodIdParam(ctx.params, 'vodId'));
  await ctx.services.media.setPublished(vod, false);
  return {};
}

/** 5.20 `/webcast/vod/publish`: publishing a published VOD is a no-op success. */
export async function publishVod(ctx: WebcastContext) {
  const vod = await ownedVod(ctx, vodIdParam(ctx.params, 'vodId'));
  await ctx.services.media.setPublished(vod, true);
  return {};
}

/** 5.21 `/webcast/castmaker/page`: uploaded VODs created in the window (organizers: their own), 50 a page. */
export async function castmakerPage(ctx: WebcastContext) {
  const window = creationWindow(ctx, false);
  const page = pageRequest(ctx.params);
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
export async function syncVods(ctx: WebcastContext) {
  const window = creationWindow(ctx, true);
  const page = pageRequest(ctx.params);
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
export async function attachWarmup(ctx: WebcastContext) {
  const webcastId = ctx.params.string('webcastId', { required: true });
  const vodId = ctx.params.string('vodId', { required: true });
  const room = await preparableWebcast(ctx, webcastId);
  const vod = await ownedVod(ctx, vodId);
  await ctx.services.media.setWarmup(room, vod);
  return {};
}

/** 5.26 `/webcast/warmup/detach`: only the VOD that is the webcast's warm-up can be detached. */
export async function detachWarmup(ctx: WebcastContext) {
  const webcastId = ctx.params.string('webcastId', { required: true });
  const vodId = ctx.params.string('vodId', { required: true });
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
export async function exportVodHistory(ctx: WebcastContext) {
  const p = ctx.params;
  const page = pageRequest(p);
  const date = genseeTime(p, 'date', ctx.zone, { required: true });
  const hour = p.int('hour', { min: 0, max: 23 });
  const day = DateTime.fromMillis(date, { zone: ctx.zone }).startOf('day');
  const from = hour === undefined ? day : day.plus({ hours: hour });
  const until = hour === undefined ? day.plus({ days: 1 }) : from.plus({ hours: 1 });
  const result = await ctx.services.media.pageViews(ctx.tenant.id, { window: { from: from.toMillis(), to: until.toMillis() - 1 }, page });
  return {
    list: result.rows.map((v) => listItem({
      vodId: v.vod_public_id,
      uid: String(v.participant_id),
      startTime: v.started_at,
      leaveTime: v.left_at,
      name: v.name,
      duration: v.left_at === null ? null : String(Math.round((v.left_at - v.started_at) / 1000)),
      ip: v.ip,
    })),
    ...genseePage(page, result.total),
  };
}
