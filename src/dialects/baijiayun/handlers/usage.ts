import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { ParamProblem } from '../../framework/params.js';
import { formatDateTime, parseDateTime } from '../../framework/time.js';
import type { BaijiayunContext } from '../context.js';
import { DATE, dateRange, dayAt, dayOf, PRODUCT_TYPE, kindsOf, ROOM_ID, roomByNumber, type Window } from './data-common.js';

/*
 * Account and room usage: person-times (人次) and peak concurrency. Peaks are
 * `AttendanceQueries.peakConcurrency` over each window (the figure CC's max_parallel answers);
 * person-times count each person once per class (see `AttendanceQueries.personTimes`), so a room's
 * cost (27) is its total_user_count (21), and a day's cost (26) is the sum of its rooms' costs.
 */

const BUCKET_MS = 10 * 60_000;
const DAYS_PER_READ = 31;

export const ALL_ROOM_USER_STAT_INPUT = In.object({
  product_type: In.optional(PRODUCT_TYPE()),
  date: DATE('The day'),
});

/** 21 `/openapi/room_data/getAllRoomUserStat`: every room someone was in that day, by room number. */
export async function getAllRoomUserStat(ctx: WithInput<BaijiayunContext, typeof ALL_ROOM_USER_STAT_INPUT>) {
  const day = dayOf('date', ctx.input.date, ctx.zone);
  const scope = { tenantId: ctx.tenant.id, from: day.from, to: day.to, kinds: kindsOf(ctx.input.product_type) };
  const counts = new Map((await ctx.services.attendance.personTimes(scope)).map((c) => [c.roomId, c]));
  const stat: Record<string, { room_id: number; total_user_count: number; student_count: number; peak_user: number }> = {};
  for (const room of await ctx.services.attendance.roomsWithPresence(scope)) {
    const [peak] = await ctx.services.attendance.peaksByWindows({ roomId: room.roomId }, [day]);
    const c = counts.get(room.roomId);
    stat[room.roomNumericId] = { room_id: Number(room.roomNumericId), total_user_count: c?.total ?? 0, student_count: c?.students ?? 0, peak_user: peak.peak };
  }
  return { room_user_stat: stat };
}

export const ROOM_PEAK_INPUT = In.object({
  room_id: ROOM_ID(),
  start_time: In.string({ description: 'Like 2017-11-23 10:00:00', examples: ['2017-11-23 10:00:00'] }),
  end_time: In.string({ description: 'Like 2017-11-23 15:00:00, the same day as start_time', examples: ['2017-11-23 15:00:00'] }),
});

function dateTimeOf(name: string, text: string, zone: string): number {
  const ms = parseDateTime(text, zone, ['yyyy-MM-dd HH:mm:ss']);
  if (ms === undefined) throw new ParamProblem(name, 'malformed', `${name} must look like 2017-11-23 10:00:00, got "${text}"`);
  return ms;
}

/**
 * 22 `/openapi/room_data/getRoomPeakUser`: the room's peak in each 10-minute bucket (aligned on the
 * clock: 15:10:00 is 15:10:00–15:19:59) from start_time to end_time, zeros included. Each bucket is
 * clipped to the range asked for; end_time counts to the end of its second.
 */
export async function getRoomPeakUser(ctx: WithInput<BaijiayunContext, typeof ROOM_PEAK_INPUT>) {
  const room = await roomByNumber(ctx, ctx.input.room_id);
  const start = dateTimeOf('start_time', ctx.input.start_time, ctx.zone);
  const end = dateTimeOf('end_time', ctx.input.end_time, ctx.zone) + 999;
  if (end < start) throw new ParamProblem('end_time', 'out_of_range', `end_time ${ctx.input.end_time} is before start_time ${ctx.input.start_time}`);
  const day = dayAt(start, ctx.zone);
  if (end > day.to) throw new ParamProblem('end_time', 'out_of_range', 'the range from start_time to end_time must not cross days');
  const windows: Array<Window & { key: string }> = [];
  // Buckets start every 10 minutes from the day's start (whole-hour zone offsets keep them on :00, :10, …).
  for (let b = day.from + Math.floor((start - day.from) / BUCKET_MS) * BUCKET_MS; b <= end; b += BUCKET_MS) {
    windows.push({ key: formatDateTime(b, ctx.zone).slice(11), from: Math.max(b, start), to: Math.min(b + BUCKET_MS - 1, end) });
  }
  const peaks = await ctx.services.attendance.peaksByWindows({ roomId: room.id }, windows);
  return { date: day.date, peak_user: Object.fromEntries(windows.map((w, i) => [w.key, peaks[i].peak])) };
}

export const HOUR_PEAK_INPUT = In.object({
  product_type: PRODUCT_TYPE(),
  date: DATE('The day'),
});

/** 23 `/openapi/live_account/getHourPeakUser`: the account's peak in each hour of the day, `00`–`23`. */
export async function getHourPeakUser(ctx: WithInput<BaijiayunContext, typeof HOUR_PEAK_INPUT>) {
  const day = dayOf('date', ctx.input.date, ctx.zone);
  const windows = Array.from({ length: 24 }, (_, h) => ({
    from: day.start.plus({ hours: h }).toMillis(),
    to: h === 23 ? day.to : day.start.plus({ hours: h + 1 }).toMillis() - 1,
  }));
  const peaks = await ctx.services.attendance.peaksByWindows({ tenantId: ctx.tenant.id, kinds: kindsOf(ctx.input.product_type) }, windows);
  return { peak_user: Object.fromEntries(peaks.map((p, h) => [String(h).padStart(2, '0'), p.peak])) };
}

export const DATE_RANGE_INPUT = In.object({
  product_type: In.optional(PRODUCT_TYPE()),
  start_date: DATE('First day'),
  end_date: DATE('Last day (included)'),
});

/** 24 `/openapi/live_account/getDayPeakUser`: the account's peak on every day of the range, zeros included. */
export async function getDayPeakUser(ctx: WithInput<BaijiayunContext, typeof DATE_RANGE_INPUT>) {
  const days = dateRange(ctx.input.start_date, ctx.input.end_date, ctx.zone);
  const scope = { tenantId: ctx.tenant.id, kinds: kindsOf(ctx.input.product_type) };
  const peakUser: Record<string, number> = {};
  // A month of intervals per read, so a year-long range never loads the whole year at once.
  for (let i = 0; i < days.length; i += DAYS_PER_READ) {
    const chunk = days.slice(i, i + DAYS_PER_READ);
    const peaks = await ctx.services.attendance.peaksByWindows(scope, chunk);
    chunk.forEach((d, j) => (peakUser[d.date] = peaks[j].peak));
  }
  return { peak_user: peakUser };
}

/** 26 `/openapi/live_account/getPartnerDailyCost`: person-times consumed each day of the range; days without any are left out. */
export async function getPartnerDailyCost(ctx: WithInput<BaijiayunContext, typeof DATE_RANGE_INPUT>) {
  const days = dateRange(ctx.input.start_date, ctx.input.end_date, ctx.zone);
  const kinds = kindsOf(ctx.input.product_type);
  const cost: Record<string, number> = {};
  // One bounded query per day.
  for (const day of days) {
    const total = (await ctx.services.attendance.personTimes({ tenantId: ctx.tenant.id, from: day.from, to: day.to, kinds })).reduce((sum, r) => sum + r.total, 0);
    if (total > 0) cost[day.date] = total;
  }
  return { cost };
}

export const ALL_ROOM_COST_INPUT = ALL_ROOM_USER_STAT_INPUT;

/** 27 `/openapi/live_account/getAllRoomCost`: person-times consumed in each room that day, by room number. */
export async function getAllRoomCost(ctx: WithInput<BaijiayunContext, typeof ALL_ROOM_COST_INPUT>) {
  const day = dayOf('date', ctx.input.date, ctx.zone);
  const rows = await ctx.services.attendance.personTimes({ tenantId: ctx.tenant.id, from: day.from, to: day.to, kinds: kindsOf(ctx.input.product_type) });
  return { room_cost: Object.fromEntries(rows.map((r) => [r.roomNumericId, r.total])) };
}
