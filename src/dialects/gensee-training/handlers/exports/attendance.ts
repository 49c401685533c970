import type { ParticipationRow } from '../../../../storage/schema.js';
import type { WithInput } from '../../../framework/dialect.js';
import { In } from '../../../framework/input.js';
import { streamedList } from '../../../framework/streamed-envelope.js';
import { genseePage } from '../../../shared/gensee-envelope.js';
import { listItem, mediaPage, PAGE_NO } from '../../../shared/gensee-lists.js';
import { dayWindow, viewingFields } from '../../../shared/gensee-media.js';
import { requiredWindow } from '../../../shared/gensee-window.js';
import type { TrainingContext } from '../../context.js';
import { attendanceDevice, playbackDevice } from '../../devices.js';
import { ownedRoom } from '../../owned.js';
import { type DATE_RANGE_INPUT, daysOf, type EXPORT_INPUT, exportScope, STUDENT_ROLES } from './common.js';

/** 5.18 `/training/export/history`: the students' joins whose join time is in the window (re-entries are rows of their own). */
export async function exportHistory(ctx: WithInput<TrainingContext, typeof EXPORT_INPUT>) {
  const { filter } = await exportScope(ctx);
  if (!filter) return { list: [] };
  const activity = ctx.services.activity;
  return {
    list: streamedList(activity.participationChunks({ ...filter, roles: [...STUDENT_ROLES] }), async (rows) => {
      const people = await activity.participantsByIds(ctx.tenant.id, rows.map((p) => p.participant_id));
      return rows.map((p: ParticipationRow) => listItem({
      uid: p.participant_id,
      nickname: p.name,
      joinTime: p.joined_at,
      leaveTime: p.left_at,
      // The person's name as known now; `nickname` is the one used in this class.
      name: people.get(p.participant_id)?.name,
      area: p.area,
      device: attendanceDevice(p.platform, p.user_agent),
      ip: p.ip,
      mobile: p.mobile,
      company: p.company,
      }));
    }),
  };
}

export const STUDY_HISTORY_INPUT = In.object({
  pageNo: PAGE_NO,
  date: In.time({ description: 'The day (a date, or any time of it)' }),
  hour: In.optional(In.int({ min: 0, max: 23, description: 'One hour of the day, 0–23; omitted: the whole day' })),
  joinTimeSync: In.optional(In.string({ max: 10, description: 'Empty or true: viewings that started in the day (hour); any other value: that ended in it' })),
});

/**
 * 5.25 `/training/export/study/history`: courseware viewings of one day (or hour), selected by when
 * they started, or — `joinTimeSync` other than true — by when they ended; 50 a page.
 * `duration` is the watched time in whole seconds, as text.
 */
export async function exportStudyHistory(ctx: WithInput<TrainingContext, typeof STUDY_HISTORY_INPUT>) {
  const page = mediaPage(ctx.input.pageNo);
  const byLeave = ctx.input.joinTimeSync !== undefined && ctx.input.joinTimeSync.toLowerCase() !== 'true';
  const result = await ctx.services.media.pageViews(ctx.tenant.id, { window: dayWindow(ctx.input.date, ctx.input.hour, ctx.zone), page, by: byLeave ? 'leave' : 'start' });
  const { pageNo, totalCounts, totalPages } = genseePage(page, result.total);
  return {
    list: result.rows.map((v) => listItem({
      id: v.vod_public_id,
      ...viewingFields(v),
      device: playbackDevice(v.platform),
      ip: v.ip,
    })),
    pageNo,
    totalCounts,
    totalPages,
  };
}

export const USAGE_INPUT = In.object({
  roomId: In.optional(In.string({ description: 'Room ID; omitted: every room of the site' })),
  startTime: In.time({ description: 'Sessions that ended at or after (inclusive)' }),
  endTime: In.period({ description: 'Sessions that ended at or before (inclusive: a date covers its whole day; at most 7 days after startTime)' }),
});

/**
 * 5.29 `/training/export/room/usage`: live sessions (场次) whose end is in the window. `id` is the
 * session's; `maxConcurrent` is the peak of simultaneous presence over the session, computed
 * as CC's `max_parallel` computes it for the same live; `total` counts every entry (人次).
 * Sessions of rooms deleted since are still listed: the usage happened.
 */
export async function exportRoomUsage(ctx: WithInput<TrainingContext, typeof USAGE_INPUT>) {
  const { from, to } = requiredWindow(ctx.input);
  const room = ctx.input.roomId === undefined ? undefined : await ownedRoom(ctx, ctx.input.roomId);
  const sessions = await ctx.services.activity.sessionsEnded({ tenantId: ctx.tenant.id, roomId: room?.id, from, to });
  const attendance = ctx.services.attendance;
  const list = [];
  for (const s of sessions) {
    const { peak } = await attendance.sessionPeak(s);
    list.push({ id: s.id, startTime: s.started_at, endTime: s.ended_at, subject: s.room_title, number: s.room_number, maxConcurrent: peak, total: await attendance.joins({ sessionId: s.id }) });
  }
  return { list };
}

/**
 * 5.31 `/training/export/room/concurrent`: each day's peak of simultaneous presence across all the
 * site's rooms (the figure CC's `max_parallel` gives for the same day), every day of the range.
 */
export async function exportRoomConcurrency(ctx: WithInput<TrainingContext, typeof DATE_RANGE_INPUT>) {
  const list = [];
  for (const day of daysOf(ctx)) {
    const { peak } = await ctx.services.attendance.peakConcurrency({ tenantId: ctx.tenant.id, from: day.from, to: day.to });
    list.push({ date: day.date, maxConcurrent: peak });
  }
  return { list };
}

/** 5.32 `/training/export/vod/concurrent`: each day's peak of simultaneous courseware viewings across the site. */
export async function exportVodConcurrency(ctx: WithInput<TrainingContext, typeof DATE_RANGE_INPUT>) {
  const list = [];
  for (const day of daysOf(ctx)) {
    const { peak } = await ctx.services.attendance.peakVodViewing(ctx.tenant.id, day.from, day.to);
    list.push({ date: day.date, maxConcurrent: peak });
  }
  return { list };
}
