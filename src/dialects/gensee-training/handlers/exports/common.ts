import { DateTime } from 'luxon';
import type { ActivityFilter } from '../../../../core/activity.js';
import type { RoomRow } from '../../../../storage/schema.js';
import type { WithInput } from '../../../framework/dialect.js';
import { In } from '../../../framework/input.js';
import { ParamProblem } from '../../../framework/params.js';
import { PAGE_NO } from '../../../shared/gensee-lists.js';
import { exportWindow, SESSION_EXPORT, windowFilter } from '../../../shared/gensee-window.js';
import type { TrainingContext } from '../../context.js';
import { ownedRoom } from '../../owned.js';

const exportFields = {
  roomId: In.string({ description: 'Room ID' }),
  startTime: In.optional(In.time({ description: 'From (inclusive). Neither time given: the most recently ended session' })),
  endTime: In.optional(In.period({ description: 'Until (inclusive: a time without seconds covers its whole minute, a date its whole day; at most 7 days after startTime)' })),
};

/** The room exports (5.18–5.21, 5.26, 5.33). */
export const EXPORT_INPUT = In.object(exportFields);
/** The paged room exports (5.34, 5.35; 5.42 takes `pageNo` too although its table lists none, A-27). */
export const PAGED_EXPORT_INPUT = In.object({ ...exportFields, pageNo: PAGE_NO });

/** People who take part in class as students: the exports "of students" leave teachers and assistants out. */
export const STUDENT_ROLES: ReadonlySet<string> = new Set(['student', 'attendee']);

/**
 * The room an export reads (the teacher's own, or any of the site for admins) and its window's
 * filter: the 7-day rule, and the most recently ended session when no time is given (§1.8).
 */
export async function exportScope(ctx: WithInput<TrainingContext, typeof EXPORT_INPUT>): Promise<{ room: RoomRow; filter: ActivityFilter | undefined }> {
  // The window is checked before the room is looked up: a malformed request is a 101 whatever its room.
  const window = exportWindow(ctx.input, SESSION_EXPORT);
  const room = await ownedRoom(ctx, ctx.input.roomId);
  return { room, filter: await windowFilter(ctx, room, window) };
}

export const DATE_RANGE_INPUT = In.object({
  startDate: In.string({ description: 'First day, yyyy-MM-dd' }),
  endDate: In.string({ description: 'Last day, yyyy-MM-dd, at most 30 days after startDate' }),
});

/** §1.8: "开始日期和结束日期间隔不能超过30天". */
const MAX_DAYS_APART = 30;

function calendarDay(name: string, text: string, zone: string): DateTime {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(text) ? DateTime.fromFormat(text, 'yyyy-MM-dd', { zone }) : undefined;
  if (!day?.isValid) throw new ParamProblem(name, 'malformed', `${name} must be a date as yyyy-MM-dd, got "${text.slice(0, 40)}"`);
  return day;
}

/**
 * The days from startDate to endDate (both included) in the site's zone, each with its bounds
 * [from, to] in epoch ms (a day's length follows the zone's clock changes).
 */
export function daysOf(ctx: WithInput<TrainingContext, typeof DATE_RANGE_INPUT>): Array<{ date: string; from: number; to: number }> {
  const first = calendarDay('startDate', ctx.input.startDate, ctx.zone);
  const last = calendarDay('endDate', ctx.input.endDate, ctx.zone);
  if (last < first) throw new ParamProblem('endDate', 'out_of_range', 'endDate must not be before startDate');
  if (last.diff(first, 'days').days > MAX_DAYS_APART) throw new ParamProblem('endDate', 'out_of_range', `startDate and endDate must be at most ${MAX_DAYS_APART} days apart`);
  const days = [];
  for (let d = first; d <= last; d = d.plus({ days: 1 })) days.push({ date: d.toFormat('yyyy-MM-dd'), from: d.toMillis(), to: d.plus({ days: 1 }).toMillis() - 1 });
  return days;
}
