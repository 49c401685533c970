import type { PlayerLayout } from '../../../core/media.js';
import type { RoomRow, VodRow } from '../../../storage/schema.js';
import type { WebcastContext } from '../context.js';
import { DialectError } from '../../framework/dialect.js';
import { WEBCAST_ERRORS, webcastError } from '../errors.js';
import { ownedWebcast } from '../webcast-view.js';
import { ownedVod } from './media-view.js';

/**
 * What `id` names. `live=true` a webcast, `live=false` a VOD; without `live` (its documented default is
 * illegible, A-23) the id is looked up as a webcast first, then as a VOD: the two id spaces never overlap.
 */
async function playerTarget(ctx: WebcastContext, id: string, live: boolean | undefined): Promise<{ room: RoomRow } | { vod: VodRow }> {
  if (live === true) return { room: await ownedWebcast(ctx, id) };
  if (live === false) return { vod: await ownedVod(ctx, id) };
  const absent = (err: unknown) => err instanceof DialectError && err.entry === WEBCAST_ERRORS.NOT_FOUND;
  try {
    return { room: await ownedWebcast(ctx, id) };
  } catch (err) {
    if (!absent(err)) throw err;
  }
  try {
    return { vod: await ownedVod(ctx, id) };
  } catch (err) {
    if (absent(err)) throw webcastError('NOT_FOUND', `no webcast or VOD "${id}" exists`);
    throw err;
  }
}

/** 5.29 `/webcast/player/setup`: the web player layout of a webcast or a VOD. */
export async function setupPlayer(ctx: WebcastContext) {
  const p = ctx.params;
  const id = p.string('id', { required: true });
  const live = p.bool('live');
  // the description names two styles, the `mode` enum has four; all four are accepted.
  const mode = p.oneOf('mode', [1, 2, 3, 4] as const, { required: true })!;
  const layout: PlayerLayout = {
    mode,
    mobileMode: p.oneOf('mobileMode', [1, 2] as const) ?? 1,
    padMode: p.oneOf('padMode', [1, 2, 3] as const) ?? 1,
  };
  // autoPlay/video/showWindow apply to the video-primary mode only; with another mode they are validated and dropped.
  const videoOptions = { autoPlay: p.bool('autoPlay'), video: p.bool('video'), showWindow: p.bool('showWindow') };
  if (mode === 2) Object.assign(layout, Object.fromEntries(Object.entries(videoOptions).filter(([, v]) => v !== undefined)));
  const target = await playerTarget(ctx, id, live);
  if ('room' in target) await ctx.services.media.setRoomPlayer(target.room, layout);
  else await ctx.services.media.setVodPlayer(target.vod, layout);
  return {};
}
