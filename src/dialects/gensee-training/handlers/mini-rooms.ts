import type { RoomRow } from '../../../storage/schema.js';
import type { StudentSummary } from '../../../core/student-summaries.js';
import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { ownerScope } from '../../shared/gensee-ownership.js';
import type { TrainingContext } from '../context.js';
import { checkDistinctTokens, checkSubjectFree, freshToken, MINI_KIND, ownedRoomOfKind, propertiesPatch, roleLinks, trainingProperties } from '../room-view.js';
import { token } from './rooms.js';

const SUBJECT_MAX = 250;
const TEXT_MAX = 4000;
/** Neither 5.57 nor 5.58 states a page size (T-27): 50, as the sync endpoints that do. */
const PAGE_SIZE = 50;
const MINUTE = 60_000;

const text = (description: string) => In.optional(In.clearableString({ max: TEXT_MAX, description }));
const pageNo = () => In.optional(In.int({ min: 1, default: 1 }));

export const CREATE_MINI_INPUT = In.object({
  subject: In.string({ min: 1, max: SUBJECT_MAX }),
  teacherToken: In.optional(token('Teacher password; generated when omitted')),
  studentClientToken: In.optional(token('Student password; generated when omitted')),
  startDate: In.time(),
  speakerInfo: text('Teacher introduction'),
  scheduleInfo: text('Course introduction'),
  description: text('Room introduction'),
  duration: In.int({ min: 30, max: 480, description: 'Class length in minutes, 30–480' }),
  action: In.optional(In.bool({ default: true, description: 'Students go on stage as they join' })),
  maxAttendees: In.optional(In.int({ min: 0 })),
});
export const MODIFY_MINI_INPUT = In.object({
  subject: In.string({ min: 1, max: SUBJECT_MAX }),
  // Empty keeps the current password (5.56: "如果为空使用原来的值").
  teacherToken: In.optional(token('Teacher password; empty keeps the current one')),
  studentClientToken: In.optional(token('Student password; empty keeps the current one')),
  speakerInfo: text('Teacher introduction'),
  scheduleInfo: text('Course introduction'),
  description: text('Room introduction'),
  id: In.string({ description: 'Mini room id (the document prints `Id`)', aliases: ['Id'] }),
  maxAttendees: In.optional(In.int({ min: 0 })),
  action: In.optional(In.bool()),
});
export const MINI_HISTORY_INPUT = In.object({ id: In.string({ description: 'Mini room id' }), pageNo: pageNo() });
export const MINI_SYNC_INPUT = In.object({ pageNo: pageNo() });

/** 5.55 / 5.56's answer. */
async function miniAnswer(ctx: TrainingContext, room: RoomRow) {
  const tokens = await ctx.services.passes.roleTokens(room);
  const links = await roleLinks(ctx, room);
  const start = room.scheduled_start ?? room.created_at;
  const end = room.scheduled_end ?? start;
  return {
    id: room.public_id,
    number: room.number,
    teacherToken: tokens.host,
    studentClientToken: tokens.student ?? '',
    startDate: room.scheduled_start,
    duration: Math.round((end - start) / MINUTE),
    invalidDate: room.scheduled_end,
    teacherJoinUrl: links.teacher,
    studentJoinUrl: links.student,
    action: trainingProperties(room).action,
  };
}

/**
 * 5.55 `/training/miniroom/created`: a mini class (teacher and desktop-client students only) of
 * `duration` minutes; it expires when the class is planned to end (T-44). The student password is
 * the room's student token, generated when omitted like the teacher's.
 */
export async function createMiniRoom(ctx: WithInput<TrainingContext, typeof CREATE_MINI_INPUT>) {
  const i = ctx.input;
  checkDistinctTokens({ teacherToken: i.teacherToken, studentClientToken: i.studentClientToken });
  await checkSubjectFree(ctx, i.subject);
  const taken = new Set([i.teacherToken, i.studentClientToken].filter((t): t is string => t !== undefined));
  const room = await ctx.services.rooms.create({
    tenantId: ctx.tenant.id,
    kind: MINI_KIND,
    title: i.subject,
    description: i.description ?? null,
    ownerUserId: ctx.user.id,
    scheduledStart: i.startDate,
    scheduledEnd: i.startDate + i.duration * MINUTE,
    maxAttendees: i.maxAttendees || null,
    tokens: { host: i.teacherToken ?? freshToken(taken), student: i.studentClientToken ?? freshToken(taken) },
    properties: propertiesPatch({ speakerInfo: i.speakerInfo ?? null, scheduleInfo: i.scheduleInfo ?? null, action: i.action ?? true, webJoin: false, clientJoin: true }),
  });
  return miniAnswer(ctx, room);
}

/** 5.56 `/training/miniroom/modify`: start and length cannot change (T-44); empty passwords keep the current ones. */
export async function modifyMiniRoom(ctx: WithInput<TrainingContext, typeof MODIFY_MINI_INPUT>) {
  const i = ctx.input;
  const room = await ownedRoomOfKind(ctx, i.id, MINI_KIND, 'mini room');
  const tokens = await ctx.services.passes.roleTokens(room);
  checkDistinctTokens({ teacherToken: i.teacherToken ?? tokens.host, studentClientToken: i.studentClientToken ?? tokens.student });
  await checkSubjectFree(ctx, i.subject, room);
  const updated = await ctx.services.rooms.update(room, {
    title: i.subject,
    description: i.description,
    maxAttendees: i.maxAttendees === undefined ? undefined : i.maxAttendees || null,
    tokens: { host: i.teacherToken, student: i.studentClientToken },
    properties: propertiesPatch({ speakerInfo: i.speakerInfo, scheduleInfo: i.scheduleInfo, action: i.action }),
  });
  return miniAnswer(ctx, updated);
}

const pageOf = (pageNo: number, total: number) => ({ pageNo, totalPages: Math.ceil(total / PAGE_SIZE), totalCounts: total });

/** A share 0–1 as a percentage with two decimals, e.g. "66.67%" (T-44). */
const percent = (share: number) => `${(Math.round(share * 10_000) / 100).toFixed(2)}%`;

function studentItem(s: StudentSummary) {
  return {
    userNickname: s.name,
    userId: s.userNumber ?? s.participantId,
    medalCount: s.medals,
    handUpCount: s.handRaises.length,
    podiumDuration: s.stageMs,
    duration: s.attendanceMs,
    handUpTimeStampList: s.handRaises.map((timeStamp) => ({ timeStamp })),
    rollCallDetailList: s.rollcalls.map((r) => ({
      ...(r.answeredAt !== null ? { answerTimestamp: r.answeredAt } : {}),
      status: r.outcome === 'answered' ? 1 : r.outcome === 'missed' ? 2 : 3,
      timestamp: r.startedAt,
    })),
    podiumDetailList: s.stage.map((i) => ({ beginTime: i.from, ...(i.to !== null ? { endTime: i.to } : {}) })),
    voteDetails: s.quizzes.map((a) => ({ accuracy: percent(a) })),
    answerSheetDetail: s.answerCards.map((a) => ({ accuracy: percent(a) })),
  };
}

/**
 * 5.57 `/training/miniroom/export/history`: one entry per student who came, in order of first
 * arrival, 50 a page; durations in milliseconds; `userId` is the number the student joined with
 * (else Lectern's participant id).
 */
export async function miniRoomHistory(ctx: WithInput<TrainingContext, typeof MINI_HISTORY_INPUT>) {
  const room = await ownedRoomOfKind(ctx, ctx.input.id, MINI_KIND, 'mini room');
  const pageNo = ctx.input.pageNo ?? 1;
  const { total, rows } = await ctx.services.studentSummaries.page(room, { pageNo, pageSize: PAGE_SIZE });
  return { recordStatistics: rows.map(studentItem), page: pageOf(pageNo, total) };
}

/**
 * 5.58 `/training/miniroom/syn`: the caller's mini rooms (an admin's: the site's), oldest first, 50
 * a page (T-28: no room filter exists); `duration` is the watch time of all of them, not just the page.
 */
export async function syncMiniRooms(ctx: WithInput<TrainingContext, typeof MINI_SYNC_INPUT>) {
  const pageNo = ctx.input.pageNo ?? 1;
  const filter = { tenantId: ctx.tenant.id, kinds: [MINI_KIND], ownerUserId: ownerScope(ctx) };
  const { rows, total } = await ctx.services.roomListing.page(filter, { pageNo, pageSize: PAGE_SIZE });
  const totals = await ctx.services.studentSummaries.roomTotals(rows.map((r) => r.id));
  const all = await ctx.services.studentSummaries.watchTime(filter);
  return {
    roomStatistics: rows.map((r) => {
      const t = totals.get(r.id)!;
      return { id: r.public_id, stageNum: t.stageCount, handupNum: t.handRaises, watchTotalTime: t.attendanceMs, visitNum: t.visitors };
    }),
    page: pageOf(pageNo, total),
    duration: all,
  };
}
