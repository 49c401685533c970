import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { genseePage } from '../../shared/gensee-envelope.js';
import { listItem, mediaPage } from '../../shared/gensee-lists.js';
import { siteRecordings } from '../../shared/gensee-media.js';
import { creationWindow } from '../../shared/gensee-window.js';
import type { WebcastContext } from '../context.js';
import { ownedWebcast } from '../webcast-view.js';
import { preparableWebcast, type SYNC_INPUT, vodPlayUrl } from './media-view.js';
import type { WEBCAST_ID_INPUT } from './webcasts.js';

/**
 * The recording ids of 5.27/5.28: documented as `recordId` (5.27) and `recordid` (5.28); both names
 * are accepted on both endpoints and merged, in any list encoding.
 */
const recordIds = (other: string) =>
  In.list({ of: 'wholeNumber', aliases: [other], description: `Recording ids (also accepted as \`${other}\`, A-21); repeats are kept once` });

export const CHOOSE_INPUT = In.object({ webcastId: In.string(), recordId: recordIds('recordid') });
export const REMOVE_INPUT = In.object({ webcastId: In.string(), recordid: recordIds('recordId') });

/** 5.10 `/webcast/record/info`: the VODs recorded in the webcast's classes (not uploads), oldest first, published or not. */
export async function webcastRecordInfo(ctx: WithInput<WebcastContext, typeof WEBCAST_ID_INPUT>) {
  const room = await ownedWebcast(ctx, ctx.input.webcastId);
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
export async function syncRecordings(ctx: WithInput<WebcastContext, typeof SYNC_INPUT>) {
  const window = creationWindow(ctx.input);
  const page = mediaPage(ctx.input.pageNo);
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

/** 5.27 `/webcast/record/choose`: adds insert-play recordings; repeated ids are kept once. */
export async function chooseInsertPlay(ctx: WithInput<WebcastContext, typeof CHOOSE_INPUT>) {
  const { webcastId, recordId: ids } = ctx.input;
  const room = await preparableWebcast(ctx, webcastId);
  const recordings = await siteRecordings(ctx, ids);
  await ctx.services.media.chooseInsertPlay(room, recordings);
  return {};
}

/** 5.28 `/webcast/record/remove`: removes insert-play recordings; ids that were not chosen are ignored. */
export async function removeInsertPlay(ctx: WithInput<WebcastContext, typeof REMOVE_INPUT>) {
  const { webcastId, recordid: ids } = ctx.input;
  const room = await ownedWebcast(ctx, webcastId);
  await siteRecordings(ctx, ids);
  await ctx.services.media.removeInsertPlay(room, ids);
  return {};
}
