import { signPushKey } from '../../../core/stream-keys.js';
import type { RoomRow } from '../../../storage/schema.js';
import type { WithInput } from '../../framework/dialect.js';
import { formatDateTime } from '../../framework/time.js';
import type { BaijiayunContext } from '../context.js';
import { requireFeature } from '../features.js';
import { isPushLive } from '../room-shape.js';
import { ParamProblem } from '../../framework/params.js';
import { roomById } from './room-ref.js';
import type { ROOM_INPUT } from './live.js';

/** How long a push URL stays valid. */
const PUSH_URL_HOURS = 24;
/** The RTMP application and HLS path prefix the media service will serve streams under. */
const STREAM_APP = 'live';

async function pushRoom(ctx: WithInput<BaijiayunContext, typeof ROOM_INPUT>, what: string): Promise<RoomRow> {
  requireFeature(ctx, 'push-live', what);
  const room = await roomById(ctx, ctx.input.room_id);
  if (!isPushLive(room)) throw new ParamProblem('room_id', 'out_of_range', `room_id: room ${room.numeric_id} is not a push-stream live room (created with is_push_live=1)`);
  return room;
}

/** Lectern's own base URL as clients reach it: LECTERN_PUBLIC_URL, else the request's origin. */
function baseUrl(ctx: BaijiayunContext): string {
  return (ctx.config.publicUrl ?? ctx.req.origin).replace(/\/+$/, '');
}

/** The stream of a room: its room id. */
const streamOf = (room: RoomRow) => room.numeric_id;

/**
 * 33 `/openapi/room/getPushLiveUrl`: an RTMP URL an encoder pushes the class to, on Lectern's own
 * host, carrying a key signed with the room's stream secret that expires after a day
 * (`rtmp://host/live/<signature>/<expiry hex>/<room_id>`, the vendor's layout).
 */
export async function getPushLiveUrl(ctx: WithInput<BaijiayunContext, typeof ROOM_INPUT>) {
  const room = await pushRoom(ctx, 'room/getPushLiveUrl');
  const secret = await ctx.services.streamKeys.secretOf(room);
  const expiresAt = Math.floor(Date.now() / 1000) + PUSH_URL_HOURS * 3600;
  const stream = streamOf(room);
  return {
    expire_time: formatDateTime(expiresAt * 1000, ctx.zone),
    push_url: `rtmp://${new URL(baseUrl(ctx)).hostname}/${STREAM_APP}/${signPushKey(secret, stream, expiresAt)}/${expiresAt.toString(16)}/${stream}`,
  };
}

/** 37 `/openapi/room/getPullStreamUrl`: where viewers pull the pushed class, as RTMP and as HLS, on Lectern's own host. */
export async function getPullStreamUrl(ctx: WithInput<BaijiayunContext, typeof ROOM_INPUT>) {
  const room = await pushRoom(ctx, 'room/getPullStreamUrl');
  const base = baseUrl(ctx);
  const stream = streamOf(room);
  return {
    rtmp_url: `rtmp://${new URL(base).hostname}/${STREAM_APP}/${stream}`,
    m3u8_url: `${base}/${STREAM_APP}/${stream}/playlist.m3u8`,
  };
}
