import type { ParticipationRow } from '../../../storage/schema.js';
import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { ParamProblem } from '../../framework/params.js';
import type { CcContext, CcResult } from '../context.js';
import { ccRoomId, ccTime, LIVE_ID, liveOf, rangeBound, ROOM_ID, roomOf, timeWindow } from './common.js';

export const MAX_PARALLEL_INPUT = In.object({
  liveid: In.optional(LIVE_ID),
  start_time: In.optional(rangeBound('start')),
  end_time: In.optional(rangeBound('end')),
});
/** Endpoints 2 and 3: one live. */
export const LIVE_INPUT = In.object({ liveid: LIVE_ID });
export const GATHER_INPUT = In.object({ roomid: ROOM_ID, liveid: LIVE_ID });

/**
 * 1 `/collect/max_parallel/`: the peak of simultaneous presence and the moment it was first
 * reached — of one live (`liveid`, which wins when a range is sent too) within its start and end,
 * or of the whole account over `start_time`–`end_time` (every room together).
 */
export async function maxParallel(ctx: WithInput<CcContext, typeof MAX_PARALLEL_INPUT>): Promise<CcResult> {
  // A sent range is checked even when liveid decides, so a malformed one never passes silently.
  const window = timeWindow(ctx.input, ctx.zone);
  const attendance = ctx.services.attendance;
  let peak: { peak: number; at: number | null };
  if (ctx.input.liveid !== undefined) {
    const live = await liveOf(ctx, ctx.input.liveid);
    peak = await attendance.sessionPeak(live);
  } else if (window) {
    peak = await attendance.peakConcurrency({ tenantId: ctx.tenant.id, from: window.from, to: window.to - 1 });
  } else {
    throw new ParamProblem('liveid', 'missing', 'liveid, or start_time and end_time, is required');
  }
  return { data: { max_parallel: peak.peak, time: ccTime(peak.at, ctx.zone) } };
}

/** 2 `/collect/live/usercount/`: distinct people in one live (re-entries count once). */
export async function liveUserCount(ctx: WithInput<CcContext, typeof LIVE_INPUT>): Promise<CcResult> {
  const session = await liveOf(ctx, ctx.input.liveid);
  const livecount = await ctx.services.attendance.distinctParticipants({ sessionId: session.id });
  return { data: { livecount } };
}

/** 3 `/collect/live/duration/`: start, end and length of one live in hours (2 decimals; a live still running counts up to now). */
export async function liveDuration(ctx: WithInput<CcContext, typeof LIVE_INPUT>): Promise<CcResult> {
  const live = await liveOf(ctx, ctx.input.liveid);
  const lengthMs = (live.ended_at ?? Date.now()) - live.started_at;
  return { data: { duration: Math.round(lengthMs / 36_000) / 100, start_time: ccTime(live.started_at, ctx.zone), end_time: ccTime(live.ended_at, ctx.zone) } };
}

/** CC's platform codes (catalog 3.11); platforms it has no code for keep Lectern's own name. */
const PLATFORM_CODES: Record<string, string> = { web: '5', h5: '5', android: '2', ios: '3' };
const platformKey = (platform: string | null): string => (platform ? PLATFORM_CODES[platform] ?? platform : 'other');
const UNKNOWN_LOCATION = '其他';

type FirstEntry = Pick<ParticipationRow, 'area' | 'platform'>;

function tally(rows: Iterable<FirstEntry>, key: (r: FirstEntry) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[key(r)] = (out[key(r)] ?? 0) + 1;
  return out;
}

/**
 * 11 `/collect/live/gather`: distinct people of one live, by location and by platform. Each
 * person counts once, under their first entry, so both maps add up to `usercount` (C-10).
 */
export async function liveGather(ctx: WithInput<CcContext, typeof GATHER_INPUT>): Promise<CcResult> {
  const room = await roomOf(ctx, ctx.input.roomid);
  const live = await liveOf(ctx, ctx.input.liveid, { room });
  // One pass over the entries in chunks, keeping only each person's first (memory grows with people, not entries).
  const firstEntry = new Map<number, FirstEntry>();
  for await (const rows of ctx.services.activity.participationChunks({ tenantId: ctx.tenant.id, roomId: room.id, sessionId: live.id })) {
    for (const r of rows) if (!firstEntry.has(r.participant_id)) firstEntry.set(r.participant_id, { area: r.area, platform: r.platform });
  }
  const people = [...firstEntry.values()];
  return {
    data: {
      locations: tally(people, (r) => r.area?.trim() || UNKNOWN_LOCATION),
      roomid: ccRoomId(room),
      platforms: tally(people, (r) => platformKey(r.platform)),
      liveid: live.public_id,
      usercount: people.length,
    },
  };
}
