import { ParamProblem, type Params } from '../../framework/params.js';
import { genseePage } from '../../shared/gensee-envelope.js';
import type { WebcastContext } from '../context.js';
import { webcastError } from '../errors.js';
import { ownedWebcast } from '../webcast-view.js';
import { creationWindow, listItem, pageRequest, preparableWebcast, vodPlayUrl } from './media-view.js';

/** 5.10 `/webcast/record/info`: the VODs recorded in the webcast's classes (not uploads), oldest first, published or not. */
export async function webcastRecordInfo(ctx: WebcastContext) {
  const webcastId = ctx.params.string('webcastId', { required: true });
  const room = await ownedWebcast(ctx, webcastId);
  const vods = await ctx.services.media.vodsOfRoom(room, 'record');
  return {
    // the top-level "点播 ID" is the newest of the webcast's VODs (absent when it has none).
    id: vods.length ? vods[vods.length - 1].public_id : undefined,
    recordList: vods.map((v) => listItem({
      id: v.public_id,
      url: vodPlayUrl(ctx, v),
      size: v.size,
      subject: v.subject,
      password: v.password,
      createdTime: v.created_at,
      recordStartTime: v.record_started_at,
      recordEndTime: v.record_ended_at,
    })),
  };
}

/** 5.23 `/webcast/record/sync`: recordings created in the window, 50 a page. */
export async function syncRecordings(ctx: WebcastContext) {
  const window = creationWindow(ctx, true);
  const page = pageRequest(ctx.params);
  const result = await ctx.services.media.pageRecordings(ctx.tenant.id, { window, page });
  return {
    page: genseePage(page, result.total),
    list: result.rows.map((r) => listItem({
      id: String(r.id),
      name: r.name,
      fileName: r.file_name,
      recordStartTime: r.started_at,
      createdTime: r.created_at,
      recordEndTime: r.ended_at,
      size: r.size,
      creator: r.creator_user_id,
      webcastId: r.room_public_id,
    })),
  };
}

/**
 * The recording ids of 5.27/5.28: documented as `recordId` (5.27) and `recordid` (5.28); both names
 * are accepted on both endpoints and merged, in any list encoding Params.list reads.
 */
function recordIds(p: Params): number[] {
  const texts = [...p.list('recordId'), ...p.list('recordid')];
  if (texts.length === 0) throw new ParamProblem('recordId', 'missing', 'recordId is required');
  return texts.map((t) => {
    const v = t.trim();
    if (!/^\d{1,15}$/.test(v)) throw new ParamProblem('recordId', 'unparseable', `recordId must be a list of numbers, got "${v.slice(0, 40)}"`);
    return Number(v);
  });
}

/** Every id must be a recording of the site, or nothing is done. */
async function siteRecordings(ctx: WebcastContext, ids: number[]) {
  const found = await ctx.services.media.recordings(ctx.tenant.id, ids);
  const known = new Set(found.map((r) => r.id));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length) throw webcastError('NOT_FOUND', `recording ${[...new Set(missing)].join(', ')} does not exist`);
  return found;
}

/** 5.27 `/webcast/record/choose`: adds insert-play recordings; repeated ids are kept once. */
export async function chooseInsertPlay(ctx: WebcastContext) {
  const webcastId = ctx.params.string('webcastId', { required: true });
  const ids = recordIds(ctx.params);
  const room = await preparableWebcast(ctx, webcastId);
  const recordings = await siteRecordings(ctx, ids);
  await ctx.services.media.chooseInsertPlay(room, recordings);
  return {};
}

/** 5.28 `/webcast/record/remove`: removes insert-play recordings; ids that were not chosen are ignored. */
export async function removeInsertPlay(ctx: WebcastContext) {
  const webcastId = ctx.params.string('webcastId', { required: true });
  const ids = recordIds(ctx.params);
  const room = await ownedWebcast(ctx, webcastId);
  await siteRecordings(ctx, ids);
  await ctx.services.media.removeInsertPlay(room, ids);
  return {};
}
