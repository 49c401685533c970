import type { Kysely } from 'kysely';
import type { Database, RoomRow } from '../storage/schema.js';
import { parseJsonObject } from './json.js';
import type { PollAnswers, PollDefinition } from './ingestion.js';
import type { RoomKind } from './room-kind.js';

/** Participant roles counted as students in per-student figures. */
const STUDENT_ROLES = ['student', 'attendee'] as const;

export interface Interval {
  from: number;
  /** null: still going. */
  to: number | null;
}

export type RollcallOutcome = 'answered' | 'missed' | 'not_received';

/** One student's record in one room, computed from what was recorded there. */
export interface StudentSummary {
  participantId: number;
  /** The number the student joined with, when the partner gave one. */
  userNumber: number | null;
  name: string;
  medals: number;
  handRaises: number[];
  /** Time on stage: from a hand-raise's acceptance to its end. */
  stage: Interval[];
  stageMs: number;
  /** Time inside the room, over every participation. */
  attendanceMs: number;
  rollcalls: Array<{ startedAt: number; answeredAt: number | null; outcome: RollcallOutcome }>;
  /** Share of questions answered right, 0–1, per quiz the student answered. */
  quizzes: number[];
  answerCards: number[];
}

/** A room's totals over its students. */
export interface RoomStudentTotals {
  /** Times a student went on stage (an accepted hand-raise). */
  stageCount: number;
  handRaises: number;
  /** Time students spent inside, summed over every participation. */
  attendanceMs: number;
  /** Different students who came. */
  visitors: number;
}

const lengthOf = (i: Interval, now: number) => Math.max(0, (i.to ?? now) - i.from);

/** The share of a response's questions answered exactly right (questions with no right answer defined do not count). */
export function accuracyOf(definition: PollDefinition, answers: PollAnswers): number | null {
  let graded = 0;
  let right = 0;
  for (const q of definition.questions) {
    const correct = q.options.filter((o) => o.correct).map((o) => o.id).sort((a, b) => a - b);
    if (correct.length === 0) continue;
    graded++;
    const given = answers[String(q.id)];
    if (!Array.isArray(given)) continue;
    const chosen = [...new Set(given.map(Number))].sort((a, b) => a - b);
    if (chosen.length === correct.length && chosen.every((id, i) => id === correct[i])) right++;
  }
  return graded === 0 ? null : right / graded;
}

/**
 * Per-student and per-room figures of a classroom (stage time, hand-raises, medals, roll-call and
 * quiz results), computed from the recorded activity on every read.
 */
export class StudentSummaries {
  constructor(private readonly db: Kysely<Database>) {}

  /** One page of the room's students, in order of first arrival, with the total number of students. */
  async page(room: RoomRow, paging: { pageNo: number; pageSize: number }, now = Date.now()): Promise<{ total: number; rows: StudentSummary[] }> {
    const base = this.db.selectFrom('participations').where('room_id', '=', room.id).where('role', 'in', [...STUDENT_ROLES]);
    const { n } = await base.select((eb) => eb.fn.count<number>('participant_id').distinct().as('n')).executeTakeFirstOrThrow();
    const people = await base.innerJoin('participants', 'participants.id', 'participations.participant_id')
      .select(['participants.id', 'participants.user_number', 'participants.name'])
      .select((eb) => eb.fn.min('participations.joined_at').as('first'))
      .groupBy(['participants.id', 'participants.user_number', 'participants.name'])
      .orderBy('first').orderBy('participants.id')
      .limit(paging.pageSize).offset((paging.pageNo - 1) * paging.pageSize).execute();
    if (people.length === 0) return { total: Number(n), rows: [] };
    const ids = people.map((p) => Number(p.id));
    const [stays, hands, medals, calls, polls] = await Promise.all([
      this.db.selectFrom('participations').select(['participant_id', 'joined_at', 'left_at']).where('room_id', '=', room.id).where('participant_id', 'in', ids).execute(),
      this.db.selectFrom('hand_raises').select(['participant_id', 'raised_at', 'accepted_at', 'ended_at']).where('room_id', '=', room.id).where('participant_id', 'in', ids).orderBy('raised_at').orderBy('id').execute(),
      this.db.selectFrom('rewards').select(['receiver_participant_id', 'quantity']).where('room_id', '=', room.id).where('kind', '=', 'medal').where('receiver_participant_id', 'in', ids).execute(),
      this.db.selectFrom('rollcalls').select(['id', 'started_at', 'ended_at']).where('room_id', '=', room.id).orderBy('started_at').orderBy('id').execute(),
      this.db.selectFrom('polls').select(['id', 'kind', 'definition']).where('room_id', '=', room.id).where('kind', 'in', ['quiz', 'answer_card']).orderBy('published_at').orderBy('id').execute(),
    ]);
    const answersOf = calls.length === 0 ? [] : await this.db.selectFrom('rollcall_responses').select(['rollcall_id', 'participant_id', 'responded_at'])
      .where('rollcall_id', 'in', calls.map((c) => c.id)).where('participant_id', 'in', ids).execute();
    const responses = polls.length === 0 ? [] : await this.db.selectFrom('poll_responses').select(['poll_id', 'participant_id', 'answers'])
      .where('poll_id', 'in', polls.map((p) => p.id)).where('participant_id', 'in', ids).orderBy('submitted_at').orderBy('id').execute();
    const definitions = new Map(polls.map((p) => [p.id, { kind: p.kind, definition: { questions: [], ...parseJsonObject(p.definition) } as PollDefinition }]));

    const rows = people.map((p): StudentSummary => {
      const id = Number(p.id);
      const mine = stays.filter((s) => Number(s.participant_id) === id).map((s) => ({ from: s.joined_at, to: s.left_at }));
      const myHands = hands.filter((h) => Number(h.participant_id) === id);
      const stage = myHands.filter((h) => h.accepted_at !== null).map((h) => ({ from: h.accepted_at!, to: h.ended_at }));
      const present = (at: number) => mine.some((s) => s.from <= at && (s.to === null || s.to >= at));
      const quizzes: number[] = [];
      const answerCards: number[] = [];
      for (const r of responses.filter((x) => Number(x.participant_id) === id)) {
        const poll = definitions.get(r.poll_id)!;
        const accuracy = accuracyOf(poll.definition, parseJsonObject(r.answers) as PollAnswers);
        if (accuracy !== null) (poll.kind === 'quiz' ? quizzes : answerCards).push(accuracy);
      }
      return {
        participantId: id,
        userNumber: p.user_number === null ? null : Number(p.user_number),
        name: p.name,
        medals: medals.filter((m) => Number(m.receiver_participant_id) === id).reduce((sum, m) => sum + m.quantity, 0),
        handRaises: myHands.map((h) => h.raised_at),
        stage,
        stageMs: stage.reduce((sum, i) => sum + lengthOf(i, now), 0),
        attendanceMs: mine.reduce((sum, i) => sum + lengthOf(i, now), 0),
        rollcalls: calls.map((c) => {
          const answer = answersOf.find((a) => a.rollcall_id === c.id && Number(a.participant_id) === id);
          if (answer) return { startedAt: c.started_at, answeredAt: answer.responded_at, outcome: 'answered' as const };
          return { startedAt: c.started_at, answeredAt: null, outcome: present(c.started_at) ? 'missed' as const : 'not_received' as const };
        }),
        quizzes,
        answerCards,
      };
    });
    return { total: Number(n), rows };
  }

  /** Time students spent inside the tenant's rooms of these kinds (of one owner), summed over every participation. */
  async watchTime(f: { tenantId: string; kinds?: readonly RoomKind[]; ownerUserId?: number }, now = Date.now()): Promise<number> {
    let q = this.db.selectFrom('participations').innerJoin('rooms', 'rooms.id', 'participations.room_id')
      .where('rooms.tenant_id', '=', f.tenantId).where('rooms.deleted_at', 'is', null).where('participations.role', 'in', [...STUDENT_ROLES]);
    if (f.kinds) q = q.where('rooms.kind', 'in', [...f.kinds]);
    if (f.ownerUserId !== undefined) q = q.where('rooms.owner_user_id', '=', f.ownerUserId);
    const row = await q.select((eb) => [
      eb.fn.sum<number>(eb.fn.coalesce('participations.left_at', eb.val(now))).as('left'),
      eb.fn.sum<number>('participations.joined_at').as('joined'),
    ]).executeTakeFirst();
    return Math.max(0, Number(row?.left ?? 0) - Number(row?.joined ?? 0));
  }

  /** Each room's totals over its students, in two grouped queries. */
  async roomTotals(roomIds: readonly number[], now = Date.now()): Promise<Map<number, RoomStudentTotals>> {
    const out = new Map<number, RoomStudentTotals>(roomIds.map((id) => [id, { stageCount: 0, handRaises: 0, attendanceMs: 0, visitors: 0 }]));
    if (roomIds.length === 0) return out;
    const ids = [...roomIds];
    const [stays, hands] = await Promise.all([
      this.db.selectFrom('participations').where('room_id', 'in', ids).where('role', 'in', [...STUDENT_ROLES])
        .select(['room_id'])
        .select((eb) => [
          eb.fn.count<number>('participant_id').distinct().as('visitors'),
          eb.fn.sum<number>(eb.fn.coalesce('left_at', eb.val(now))).as('left'),
          eb.fn.sum<number>('joined_at').as('joined'),
        ])
        .groupBy('room_id').execute(),
      this.db.selectFrom('hand_raises').where('room_id', 'in', ids)
        .select(['room_id'])
        .select((eb) => [eb.fn.countAll<number>().as('raised'), eb.fn.count<number>('accepted_at').as('accepted')])
        .groupBy('room_id').execute(),
    ]);
    for (const s of stays) {
      const t = out.get(Number(s.room_id))!;
      t.visitors = Number(s.visitors);
      t.attendanceMs = Math.max(0, Number(s.left) - Number(s.joined));
    }
    for (const h of hands) {
      const t = out.get(Number(h.room_id))!;
      t.handRaises = Number(h.raised);
      t.stageCount = Number(h.accepted);
    }
    return out;
  }
}
