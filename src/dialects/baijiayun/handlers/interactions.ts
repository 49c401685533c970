import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { ParamProblem } from '../../framework/params.js';
import { parseDateTime, startOfDay } from '../../framework/time.js';
import type { BaijiayunContext } from '../context.js';
import { streamedList } from '../../framework/streamed-envelope.js';
import { requireFeature } from '../features.js';
import { bjyTime, classDay, peopleOf, ROOM_ID, roomByNumber, userNumberOf, userRole } from './data-common.js';
import type { DATED_ROOM_INPUT } from './polls.js';

/** Roles a roll-call does not ask: the people running the class. */
const STAFF_ROLES = ['host', 'assistant', 'speaker'];

export const ROOM_ONLY_INPUT = In.object({ room_id: ROOM_ID() });

/**
 * 30 `/openapi/room_data/getUserCheckinInfo`: one entry per roll-call, listing everyone (but the
 * staff) who was in the room while it ran, checked in (1) or not (0), plus anyone who answered
 * without being counted present.
 */
export async function getUserCheckinInfo(ctx: WithInput<BaijiayunContext, typeof ROOM_ONLY_INPUT>) {
  const room = await roomByNumber(ctx, ctx.input.room_id);
  const now = Date.now();
  // A chunk of roll-calls at a time; each roster holds one entry per person.
  const chunks = ctx.services.activity.rollcallChunks({ tenantId: ctx.tenant.id, roomId: room.id });
  return {
    checkin_list: streamedList(chunks, async (calls) => {
      const rosters = [];
      for (const { rollcall, responses } of calls) {
        const present = await ctx.services.activity.participantsDuring(room.id, rollcall.started_at, rollcall.ended_at ?? now, { excludeRoles: STAFF_ROLES });
        const answered = new Set(responses.map((r) => r.participant_id));
        const roster = [...present.map((p) => ({ participantId: p.participantId, name: p.name }))];
        const listed = new Set(roster.map((p) => p.participantId));
        for (const r of responses) if (!listed.has(r.participant_id)) roster.push({ participantId: r.participant_id, name: r.name });
        rosters.push({ rollcall, roster, answered });
      }
      const people = await peopleOf(ctx, rosters.flatMap((r) => r.roster.map((p) => p.participantId)));
      return rosters.map(({ rollcall, roster, answered }) => ({
        time: bjyTime(rollcall.started_at, ctx.zone),
        user_list: roster.map((p) => ({ nickname: p.name, user_number: userNumberOf(people, p.participantId), checkin: answered.has(p.participantId) ? 1 : 0 })),
      }));
    }),
  };
}

export const RAISE_INPUT = In.object({
  room_id: ROOM_ID(),
  start_time: In.string({ description: 'Like 2019-02-19 16:00:00 (a date alone, or unix seconds, also do)', examples: ['2019-02-19 16:00:00'] }),
  end_time: In.string({ description: 'Like 2019-02-19 18:00:00; a date alone includes that whole day', examples: ['2019-02-19 18:00:00'] }),
});

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The undocumented time format of 34: `YYYY-MM-DD HH:MM[:SS]`, a date (an end date includes its day), or unix seconds. */
function raiseBound(name: string, text: string, zone: string, end: boolean): number {
  const t = text.trim();
  if (/^\d{1,10}$/.test(t)) return Number(t) * 1000 + (end ? 999 : 0);
  const ms = parseDateTime(t, zone, ['yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm', 'yyyy-MM-dd']);
  if (ms === undefined) throw new ParamProblem(name, 'malformed', `${name} must look like 2019-02-19 16:00:00, got "${text}"`);
  if (!end) return ms;
  return DATE_ONLY.test(t) ? startOfDay(ms + 36 * 3_600_000, zone) - 1 : ms + 999;
}

const hms = (ms: number) => {
  const s = Math.max(0, Math.floor(ms / 1000));
  return [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60].map((n) => String(n).padStart(2, '0')).join(':');
};

/**
 * 34 `/openapi/room_data/getRoomRaiseData` (pro): the hand-raises of the window (by when the hand
 * went up), as a bare array. `speak_time` is how long the person spoke once brought on (up to now
 * while still speaking); times that have not happened are `''`.
 */
export async function getRoomRaiseData(ctx: WithInput<BaijiayunContext, typeof RAISE_INPUT>) {
  requireFeature(ctx, 'pro');
  const room = await roomByNumber(ctx, ctx.input.room_id);
  const from = raiseBound('start_time', ctx.input.start_time, ctx.zone, false);
  const to = raiseBound('end_time', ctx.input.end_time, ctx.zone, true);
  if (to < from) throw new ParamProblem('end_time', 'out_of_range', `end_time ${ctx.input.end_time} is before start_time ${ctx.input.start_time}`);
  const hands = await ctx.services.activity.handRaises({ tenantId: ctx.tenant.id, roomId: room.id, from, to });
  const people = await peopleOf(ctx, hands.map((h) => h.participant_id));
  const now = Date.now();
  return hands.map((h) => ({
    room_id: Number(room.numeric_id),
    user_number: userNumberOf(people, h.participant_id),
    user_name: h.name,
    raise_time: bjyTime(h.raised_at, ctx.zone),
    raise_success_time: bjyTime(h.accepted_at, ctx.zone),
    raise_end_time: bjyTime(h.ended_at, ctx.zone),
    speak_time: h.accepted_at === null ? '00:00:00' : hms((h.ended_at ?? now) - h.accepted_at),
  }));
}

/**
 * The room's rewards of these kinds summed per receiving person, in the order each first received
 * one: one pass over the rewards in chunks, one running total per person.
 */
async function perReceiver(ctx: BaijiayunContext, roomId: number, kinds: string[]): Promise<Array<{ participantId: number; name: string; count: number; amount: number }>> {
  const out = new Map<number, { participantId: number; name: string; count: number; amount: number }>();
  for await (const rows of ctx.services.activity.rewardChunks({ tenantId: ctx.tenant.id, roomId, kinds })) {
    for (const r of rows) {
      if (r.receiver_participant_id === null) continue;
      const entry = out.get(r.receiver_participant_id) ?? { participantId: r.receiver_participant_id, name: '', count: 0, amount: 0 };
      entry.name = r.receiver_name ?? entry.name;
      entry.count += r.quantity;
      entry.amount += r.amount;
      out.set(r.receiver_participant_id, entry);
    }
  }
  return [...out.values()];
}

/** 38 `/openapi/room-data/getRoomRedPackage`: red packets each student grabbed: how many, and their total credits. */
export async function getRoomRedPackage(ctx: WithInput<BaijiayunContext, typeof ROOM_ONLY_INPUT>) {
  const room = await roomByNumber(ctx, ctx.input.room_id);
  const totals = await perReceiver(ctx, room.id, ['red_packet']);
  const people = await peopleOf(ctx, totals.map((t) => t.participantId));
  return { info: totals.map((t) => ({ student_id: String(userNumberOf(people, t.participantId)), count: t.count, amount: t.amount, name: t.name })) };
}

/** 48 `/openapi/room_data/exportRoomPraiseStat`: likes and praise each person received in the room. */
export async function exportRoomPraiseStat(ctx: WithInput<BaijiayunContext, typeof ROOM_ONLY_INPUT>) {
  const room = await roomByNumber(ctx, ctx.input.room_id);
  const totals = await perReceiver(ctx, room.id, ['like', 'praise']);
  const people = await peopleOf(ctx, totals.map((t) => t.participantId));
  return { room_id: room.numeric_id, list: totals.map((t) => ({ user_number: userNumberOf(people, t.participantId), user_name: t.name, count: t.count })) };
}

/** 39 `/openapi/room_data/exportAwardStat` (pro): the lotteries drawn in the window with their winners. */
export async function exportAwardStat(ctx: WithInput<BaijiayunContext, typeof DATED_ROOM_INPUT>) {
  requireFeature(ctx, 'pro');
  const room = await roomByNumber(ctx, ctx.input.room_id);
  const draws = await ctx.services.engagement.lotteries({ roomId: room.id, ...classDay(ctx, room, ctx.input.date) });
  const list = draws.map(({ draw, winners }) => ({
    id: draw.id,
    award_name: draw.prize,
    type: draw.mode === 'password' ? 1 : 0,
    // The table's user_name (not in the example): who drew the lottery.
    user_name: draw.drawer_name ?? '',
    create_time: bjyTime(draw.drawn_at, ctx.zone),
    award_user_list: winners.map((w) => w.name),
  }));
  return { list, total: list.length };
}

/**
 * 40 `/openapi/room_data/exportQaStat` (pro): the questions asked in the window, each as a thread
 * (an inner list): the question, then its answer when there is one. `total` counts the items.
 * `session_id` is the class (live session) the question was asked in, 0 outside any class.
 */
export async function exportQaStat(ctx: WithInput<BaijiayunContext, typeof DATED_ROOM_INPUT>) {
  requireFeature(ctx, 'pro');
  const room = await roomByNumber(ctx, ctx.input.room_id);
  const filter = { tenantId: ctx.tenant.id, roomId: room.id, ...classDay(ctx, room, ctx.input.date) };
  // The envelope (with `total`) is written before the list streams: the database counts the items first.
  const counts = await ctx.services.activity.questionCounts(filter);
  const roles = new Map((await ctx.services.activity.participantsDuring(room.id, 0, Number.MAX_SAFE_INTEGER)).map((p) => [p.participantId, p.role]));
  const partnerId = Number(ctx.credential.keyId);
  const roomId = Number(room.numeric_id);
  const list = streamedList(ctx.services.activity.questionChunks(filter), async (questions) => {
    const people = await peopleOf(ctx, questions.flatMap((q) => [q.asker_participant_id, q.answerer_participant_id]));
    const item = (participantId: number | null, name: string, fallbackRole: 0 | 1 | 2, content: string, at: number, sessionId: number | null) => ({
      partner_id: partnerId,
      room_id: roomId,
      name,
      number: userNumberOf(people, participantId),
      user_role: participantId !== null && roles.has(participantId) ? userRole(roles.get(participantId)!) : fallbackRole,
      content,
      create_time: bjyTime(at, ctx.zone),
      session_id: sessionId ?? 0,
    });
    return questions.map((q) => {
      const thread = [item(q.asker_participant_id, q.asker_name, 0, q.content, q.asked_at, q.session_id)];
      if (q.answer !== null && q.answered_at !== null) thread.push(item(q.answerer_participant_id, q.answerer_name ?? '', 1, q.answer, q.answered_at, q.session_id));
      return thread;
    });
  });
  return { list, total: counts.questions + counts.answered };
}
