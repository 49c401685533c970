import type { PlayerLayout } from '../../../core/media.js';
import type { RoomRow, VodRow } from '../../../storage/schema.js';
import type { WebcastContext } from '../context.js';
import { DialectError, type WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { WEBCAST_ERRORS, webcastError } from '../errors.js';
import { ownedWebcast } from '../webcast-view.js';
import { ownedVod } from './media-view.js';

/** 5.29's parameters, in the document's order. */
export const PLAYER_INPUT = In.object({
  id: In.string({ description: 'Webcast or VOD id' }),
  live: In.optional(In.bool({ description: 'true: id names a webcast, false: a VOD; left out: whichever exists (A-23)' })),
  // the description names two styles, the `mode` enum has four; all four are accepted.
  mode: In.oneOf([1, 2, 3, 4], { description: '1 three-split, 2 video-primary, 3 two-split, 4 interaction-enhanced' }),
  mobileMode: In.oneOf([1, 2], { default: 1, description: '1 document-primary, 2 video-primary' }),
  padMode: In.oneOf([1, 2, 3], { default: 1, description: '1 three-split, 2 video-primary, 3 two-split' }),
  autoPlay: In.optional(In.bool({ description: 'mode 2 only' })),
  video: In.optional(In.bool({ description: 'mode 2 only: video (true) or document (false) is the main view' })),
  showWindow: In.optional(In.bool({ description: 'mode 2 only: show the small window' })),
});

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
export async function setupPlayer(ctx: WithInput<WebcastContext, typeof PLAYER_INPUT>) {
  const { id, live, mode, mobileMode, padMode, autoPlay, video, showWindow } = ctx.input;
  const layout: PlayerLayout = { mode, mobileMode, padMode };
  // autoPlay/video/showWindow apply to the video-primary mode only; with another mode they are validated and dropped.
  const videoOptions = { autoPlay, video, showWindow };
  if (mode === 2) Object.assign(layout, Object.fromEntries(Object.entries(videoOptions).filter(([, v]) => v !== undefined)));
  const target = await playerTarget(ctx, id, live);
  if ('room' in target) await ctx.services.media.setRoomPlayer(target.room, layout);
  else await ctx.services.media.setVodPlayer(target.vod, layout);
  return {};
}
