import type { Kysely } from 'kysely';
import { AttendanceQueries } from './attendance.js';
import { runningPeakEvent, startRunningPeak } from './running-peak.js';
import type { Database, LiveSessionRow, ParticipantRow, RoomRow } from '../storage/schema.js';
import { DomainError, notFound } from './errors.js';
import type { PendingEvent } from './events.js';
import { randomHex } from './ids.js';
import type { JsonObject } from './json.js';
import { ParticipantService, type ParticipantIdentity, type ParticipantRole } from './participants.js';
import { withUniqueRetry } from './transactions.js';
import type { UnitOfWorkRunner } from './unit-of-work.js';

export type { ParticipantRole } from './participants.js';

export interface JoinInput {
  room: RoomRow;
  who: ParticipantIdentity;
  role: ParticipantRole;
  ip?: string | null;
  /** web | pc | mac | ios | android | h5 | mini | phone | other */
  platform?: string | null;
  userAgent?: string | null;
  area?: string | null;
  company?: string | null;
  mobile?: string | null;
  /**
   * What else is known of this entry. Keys the exports read: `city`, `isp` (network operator),
   * `group` (the group number within the room), `audition` (true: a trial entry).
   */
  properties?: JsonObject;
  /** The live process (its lease in live_nodes) whose connection this entry is: closed if that process dies. */
  nodeId?: string | null;
  at?: number;
}

export interface PollQuestion {
  id: number;
  /** single | multi | text | judge */
  type: string;
  content: string;
  options: Array<{ id: number; value: string; correct?: boolean }>;
  /** A reference answer, for text questions of a quiz. */
  solution?: string;
}
export interface PollDefinition {
  questions: PollQuestion[];
  [key: string]: unknown;
}
/** Per question id: the chosen option ids, or free text. */
export type PollAnswers = Record<string, number[] | string>;

/** What one ingestion call works with: its transaction, participants resolved in it, and where its events go. */
interface Work {
  db: Kysely<Database>;
  participants: ParticipantService;
  record(event: PendingEvent): void;
}

/** The envelope of an event about `room`. */
const inRoom = (room: RoomRow, sessionId: number | null, at: number) => ({ tenantId: room.tenant_id, roomId: room.id, sessionId, at });

/** standard: everyone present takes part; password: only those who sent the lottery's password. */
export type LotteryMode = 'standard' | 'password';

export interface AttentionResultInput {
  who: ParticipantIdentity;
  role: ParticipantRole;
  attentive: boolean;
  groupId?: number;
  platform?: string | null;
  ip?: string | null;
  /** When this person's result was recorded (default: the check's time). */
  at?: number;
}

/**
 * The one way classroom activity enters Lectern. The live runtime, the vendor "send chat"
 * endpoints and the demo generator all call this, so every export reads the same records.
 * Each call is one transaction, or part of the caller's (`Services.transaction`); its event is
 * written to the outbox in that transaction and published once the outermost one commits.
 */
/** Sets a host's decision about one person in one room (live_member_states), creating the row on first use. */
async function memberState(db: Kysely<Database>, room: RoomRow, participantId: number, change: { muted?: number; removed_at?: number }, at: number): Promise<void> {
  await db.insertInto('live_member_states')
    .values({ room_id: room.id, participant_id: participantId, tenant_id: room.tenant_id, muted: change.muted ?? 0, removed_at: change.removed_at ?? null, entry_id: null, updated_at: at })
    .onConflict((oc) => oc.columns(['room_id', 'participant_id']).doUpdateSet({ ...change, updated_at: at }))
    .execute();
}

/** When a single-session entry was made: the epoch ms before its dot (see TicketClaims.entry). */
export function entryTime(entry: string): number {
  const at = Number(entry.split('.')[0]);
  return Number.isSafeInteger(at) ? at : 0;
}

export class ClassroomIngestion {
  constructor(private readonly db: Kysely<Database>, private readonly units: UnitOfWorkRunner) {}

  private write<T>(work: (w: Work) => Promise<T>): Promise<T> {
    return this.units.run((uow) => work({ db: uow.db, participants: new ParticipantService(uow.db), record: (event) => uow.record(event) }));
  }

  async openSession(room: RoomRow, db: Kysely<Database> = this.db): Promise<LiveSessionRow | undefined> {
    return db.selectFrom('live_sessions').selectAll().where('room_id', '=', room.id).where('ended_at', 'is', null)
      .orderBy('started_at', 'desc').limit(1).executeTakeFirst();
  }

  private async sessionIdAt(room: RoomRow, db: Kysely<Database>): Promise<number | null> {
    return (await this.openSession(room, db))?.id ?? null;
  }

  /** Starts a live session (场次) of the room; starting a room that is already live returns its open session. */
  async startSession(room: RoomRow, at = Date.now()): Promise<LiveSessionRow> {
    if (room.status === 'terminated') throw new DomainError('conflict', 'room has been terminated', 'room');
    return this.write(async ({ db, record }) => {
      const open = await this.openSession(room, db);
      if (open) return open;
      const created = await withUniqueRetry(db, () => db.insertInto('live_sessions').values({
        tenant_id: room.tenant_id, room_id: room.id, public_id: randomHex(16).toUpperCase(), started_at: at, ended_at: null, created_at: at,
      }).returningAll().executeTakeFirstOrThrow());
      await db.updateTable('rooms').set({ status: 'live', updated_at: at }).where('id', '=', room.id).execute();
      // People already in the room when class starts belong to the new session.
      await db.updateTable('participations').set({ session_id: created.id })
        .where('room_id', '=', room.id).where('left_at', 'is', null).where('session_id', 'is', null).execute();
      await startRunningPeak(db, created, at);
      record({ type: 'session.started', ...inRoom(room, created.id, at), data: { sessionPublicId: created.public_id } });
      return created;
    });
  }

  /** Ends the open session: everyone still inside leaves at `at`. `terminate` closes the room for good. */
  async endSession(room: RoomRow, at = Date.now(), terminate = false): Promise<LiveSessionRow | undefined> {
    return this.write(async ({ db, record }) => {
      const open = await this.openSession(room, db);
      const [closed] = await db.updateTable('participations').set({ left_at: at }).where('room_id', '=', room.id).where('left_at', 'is', null).execute();
      await AttendanceQueries.forgetPeaks(db, room.id, at);
      await runningPeakEvent(db, room.id, at, -Number(closed.numUpdatedRows), false);
      await db.updateTable('hand_raises').set({ ended_at: at }).where('room_id', '=', room.id).where('ended_at', 'is', null).execute();
      await db.updateTable('rooms').set({ status: terminate ? 'terminated' : open ? 'ended' : room.status === 'live' ? 'ended' : room.status, updated_at: at })
        .where('id', '=', room.id).execute();
      if (!open) return undefined;
      const ended = await db.updateTable('live_sessions').set({ ended_at: Math.max(at, open.started_at) }).where('id', '=', open.id).returningAll().executeTakeFirstOrThrow();
      record({ type: 'session.ended', ...inRoom(room, ended.id, at), data: { sessionPublicId: ended.public_id } });
      return ended;
    });
  }

  /** Someone enters the room. A second join of the same person first closes their earlier interval. */
  async join(input: JoinInput): Promise<{ participationId: number; participantId: number; sessionId: number | null }> {
    const at = input.at ?? Date.now();
    return this.write(async ({ db, participants, record }) => {
      const participant = await participants.resolve(input.room.tenant_id, input.who, at);
      const session = await this.openSession(input.room, db);
      const [closed] = await db.updateTable('participations').set({ left_at: at })
        .where('room_id', '=', input.room.id).where('participant_id', '=', participant.id).where('left_at', 'is', null).execute();
      const row = await db.insertInto('participations').values({
        tenant_id: input.room.tenant_id,
        room_id: input.room.id,
        session_id: session?.id ?? null,
        participant_id: participant.id,
        name: input.who.name,
        role: input.role,
        ip: input.ip ?? null,
        platform: input.platform ?? null,
        user_agent: input.userAgent ?? null,
        area: input.area ?? null,
        company: input.company ?? null,
        mobile: input.mobile ?? null,
        joined_at: at,
        left_at: null,
        properties: JSON.stringify(input.properties ?? {}),
        node_id: input.nodeId ?? null,
      }).returning('id').executeTakeFirstOrThrow();
      await AttendanceQueries.forgetPeaks(db, input.room.id, at);
      await runningPeakEvent(db, input.room.id, at, 1 - Number(closed.numUpdatedRows), true);
      const sessionId = session?.id ?? null;
      record({ type: 'participant.joined', ...inRoom(input.room, sessionId, at), data: { participantId: participant.id, name: input.who.name, role: input.role } });
      return { participationId: row.id, participantId: participant.id, sessionId };
    });
  }

  /**
   * Someone leaves; leaving twice is harmless. `participationId` limits it to one entry (a live
   * connection's), so that a re-entry elsewhere in the meantime stays open.
   */
  async leave(room: RoomRow, participantId: number, at = Date.now(), participationId?: number): Promise<void> {
    await this.write(async ({ db, record }) => {
      let q = db.selectFrom('participations').select(['id', 'session_id', 'joined_at']).where('room_id', '=', room.id)
        .where('participant_id', '=', participantId).where('left_at', 'is', null);
      if (participationId !== undefined) q = q.where('id', '=', participationId);
      const open = await q.execute();
      if (open.length === 0) return;
      let closed = 0;
      for (const p of open) {
        const [r] = await db.updateTable('participations').set({ left_at: Math.max(at, p.joined_at) }).where('id', '=', p.id).where('left_at', 'is', null).execute();
        closed += Number(r.numUpdatedRows);
      }
      await AttendanceQueries.forgetPeaks(db, room.id, at);
      await runningPeakEvent(db, room.id, at, -closed, false);
      record({ type: 'participant.left', ...inRoom(room, open[0].session_id, at), data: { participantId } });
    });
  }

  /** A host mutes or unmutes someone's chat in the room (the live runtime enforces it, also after a reconnect). */
  async mute(room: RoomRow, participantId: number, muted: boolean, at = Date.now()): Promise<void> {
    await this.write(async ({ db, record }) => {
      await memberState(db, room, participantId, { muted: muted ? 1 : 0 }, at);
      record({ type: 'participant.muted', ...inRoom(room, await this.sessionIdAt(room, db), at), data: { participantId, muted } });
    });
  }

  /**
   * A single-session entry (a per-user code) takes the person's place in the room, unless a later
   * entry holds it already (then false: this entry is refused). Taking it from another entry is
   * an event, so that every process serving the room pushes the earlier entry's connections out.
   */
  async claimPlace(room: RoomRow, participantId: number, entry: string, at = Date.now()): Promise<boolean> {
    return this.write(async ({ db, record }) => {
      const current = await db.selectFrom('live_member_states').select('entry_id')
        .where('room_id', '=', room.id).where('participant_id', '=', participantId).executeTakeFirst();
      const held = current?.entry_id ?? null;
      if (held === entry) return true;
      if (held !== null && entryTime(held) > entryTime(entry)) return false;
      await db.insertInto('live_member_states')
        .values({ room_id: room.id, participant_id: participantId, tenant_id: room.tenant_id, muted: 0, removed_at: null, entry_id: entry, updated_at: at })
        .onConflict((oc) => oc.columns(['room_id', 'participant_id']).doUpdateSet({ entry_id: entry, updated_at: at }))
        .execute();
      if (held !== null) record({ type: 'participant.replaced', ...inRoom(room, await this.sessionIdAt(room, db), at), data: { participantId, entry } });
      return true;
    });
  }

  /** A host removes someone from the room: their open intervals end now. */
  async remove(room: RoomRow, participantId: number, at = Date.now()): Promise<void> {
    await this.write(async ({ db, record }) => {
      const open = await db.selectFrom('participations').select(['id', 'joined_at']).where('room_id', '=', room.id)
        .where('participant_id', '=', participantId).where('left_at', 'is', null).execute();
      if (open.length === 0) throw notFound('participant', 'this person is not in the room');
      for (const p of open) await db.updateTable('participations').set({ left_at: Math.max(at, p.joined_at) }).where('id', '=', p.id).execute();
      await AttendanceQueries.forgetPeaks(db, room.id, at);
      await runningPeakEvent(db, room.id, at, -open.length, false);
      // Removed for good: the live runtime refuses this identity's later entries into the room.
      await memberState(db, room, participantId, { removed_at: at }, at);
      record({ type: 'participant.removed', ...inRoom(room, await this.sessionIdAt(room, db), at), data: { participantId } });
    });
  }

  async chat(input: { room: RoomRow; sender: ParticipantIdentity; senderRole: ParticipantRole; receiver?: ParticipantIdentity | null; content: string; at?: number }): Promise<number> {
    const at = input.at ?? Date.now();
    return this.write(async ({ db, participants, record }) => {
      const sender = await participants.resolve(input.room.tenant_id, input.sender, at);
      const receiver = input.receiver ? await participants.resolve(input.room.tenant_id, input.receiver, at) : null;
      const sessionId = await this.sessionIdAt(input.room, db);
      const row = await db.insertInto('chat_messages').values({
        tenant_id: input.room.tenant_id, room_id: input.room.id, session_id: sessionId,
        sender_participant_id: sender.id, sender_name: input.sender.name, sender_role: input.senderRole,
        receiver_participant_id: receiver?.id ?? null, receiver_name: input.receiver?.name ?? null,
        is_private: receiver ? 1 : 0, content: input.content, sent_at: at,
      }).returning('id').executeTakeFirstOrThrow();
      record({ type: 'chat.sent', ...inRoom(input.room, sessionId, at), data: { id: row.id, from: sender.id, fromName: input.sender.name, to: receiver?.id ?? null, content: input.content } });
      return row.id;
    });
  }

  async ask(input: { room: RoomRow; asker: ParticipantIdentity; content: string; at?: number }): Promise<number> {
    const at = input.at ?? Date.now();
    return this.write(async ({ db, participants, record }) => {
      const asker = await participants.resolve(input.room.tenant_id, input.asker, at);
      const sessionId = await this.sessionIdAt(input.room, db);
      const row = await db.insertInto('questions').values({
        tenant_id: input.room.tenant_id, room_id: input.room.id, session_id: sessionId, asker_participant_id: asker.id,
        asker_name: input.asker.name, content: input.content, asked_at: at, answer: null, answerer_name: null, answerer_participant_id: null, answered_at: null, published: 0,
      }).returning('id').executeTakeFirstOrThrow();
      record({ type: 'question.asked', ...inRoom(input.room, sessionId, at), data: { id: row.id, content: input.content, askerId: asker.id, askerName: input.asker.name } });
      return row.id;
    });
  }

  async answer(input: { room: RoomRow; questionId: number; answer: string; answerer: ParticipantIdentity; publish?: boolean; at?: number }): Promise<void> {
    const at = input.at ?? Date.now();
    await this.write(async ({ db, participants, record }) => {
      const answerer = await participants.resolve(input.room.tenant_id, input.answerer, at);
      const res = await db.updateTable('questions')
        .set({ answer: input.answer, answerer_name: input.answerer.name, answerer_participant_id: answerer.id, answered_at: at, published: input.publish ? 1 : 0 })
        .where('id', '=', input.questionId).where('room_id', '=', input.room.id).executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw notFound('question');
      record({ type: 'question.answered', ...inRoom(input.room, await this.sessionIdAt(input.room, db), at), data: { id: input.questionId, published: input.publish === true, answer: input.publish ? input.answer : null, answererName: input.answerer.name } });
    });
  }

  async publishPoll(input: { room: RoomRow; kind: string; title: string; definition: PollDefinition; publisher?: ParticipantIdentity | null; at?: number }): Promise<number> {
    const at = input.at ?? Date.now();
    return this.write(async ({ db, participants, record }) => {
      const publisher = input.publisher ? await participants.resolve(input.room.tenant_id, input.publisher, at) : null;
      const sessionId = await this.sessionIdAt(input.room, db);
      const row = await db.insertInto('polls').values({
        tenant_id: input.room.tenant_id, room_id: input.room.id, session_id: sessionId, kind: input.kind, title: input.title,
        publisher_participant_id: publisher?.id ?? null, publisher_name: input.publisher?.name ?? null, published_at: at, closed_at: null,
        definition: JSON.stringify(input.definition),
      }).returning('id').executeTakeFirstOrThrow();
      record({ type: 'poll.published', ...inRoom(input.room, sessionId, at), data: {
        id: row.id, kind: input.kind, title: input.title,
        questions: input.definition.questions.map((q) => ({ id: q.id, type: q.type, content: q.content, options: q.options.map((o) => ({ id: o.id, value: o.value })) })),
      } });
      return row.id;
    });
  }

  /** Records one person's answers to a poll; answering again replaces the earlier answers. */
  async respondPoll(input: { room: RoomRow; pollId: number; who: ParticipantIdentity; answers: PollAnswers; at?: number }): Promise<void> {
    const at = input.at ?? Date.now();
    await this.write(async ({ db, participants, record }) => {
      const poll = await db.selectFrom('polls').selectAll().where('id', '=', input.pollId).where('room_id', '=', input.room.id).executeTakeFirst();
      if (!poll) throw notFound('poll');
      if (poll.closed_at !== null && poll.closed_at < at) throw new DomainError('conflict', 'poll is closed', 'poll');
      const who = await participants.resolve(input.room.tenant_id, input.who, at);
      await db.deleteFrom('poll_responses').where('poll_id', '=', poll.id).where('participant_id', '=', who.id).execute();
      await db.insertInto('poll_responses').values({
        tenant_id: poll.tenant_id, poll_id: poll.id, room_id: poll.room_id, session_id: poll.session_id, participant_id: who.id,
        name: input.who.name, answers: JSON.stringify(input.answers), submitted_at: at,
      }).execute();
      record({ type: 'poll.answered', ...inRoom(input.room, poll.session_id, at), data: { id: poll.id, participantId: who.id, answers: input.answers } });
    });
  }

  /** Closes a poll; closing it again changes nothing and announces nothing. */
  async closePoll(room: RoomRow, pollId: number, at = Date.now()): Promise<void> {
    await this.write(async ({ db, record }) => {
      const res = await db.updateTable('polls').set({ closed_at: at }).where('id', '=', pollId).where('room_id', '=', room.id).where('closed_at', 'is', null).executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) {
        if (!await db.selectFrom('polls').select('id').where('id', '=', pollId).where('room_id', '=', room.id).executeTakeFirst()) throw notFound('poll');
        return;
      }
      record({ type: 'poll.closed', ...inRoom(room, await this.sessionIdAt(room, db), at), data: { id: pollId } });
    });
  }

  async startRollcall(input: { room: RoomRow; initiatorName?: string | null; at?: number }): Promise<number> {
    const at = input.at ?? Date.now();
    return this.write(async ({ db, record }) => {
      const sessionId = await this.sessionIdAt(input.room, db);
      const row = await db.insertInto('rollcalls').values({
        tenant_id: input.room.tenant_id, room_id: input.room.id, session_id: sessionId, initiator_name: input.initiatorName ?? null, started_at: at, ended_at: null,
      }).returning('id').executeTakeFirstOrThrow();
      record({ type: 'rollcall.started', ...inRoom(input.room, sessionId, at), data: { id: row.id } });
      return row.id;
    });
  }

  /** Records that someone answered a roll-call; the first answer counts, later ones change nothing. */
  async answerRollcall(input: { room: RoomRow; rollcallId: number; who: ParticipantIdentity; at?: number }): Promise<void> {
    const at = input.at ?? Date.now();
    await this.write(async ({ db, participants, record }) => {
      const rc = await db.selectFrom('rollcalls').selectAll().where('id', '=', input.rollcallId).where('room_id', '=', input.room.id).executeTakeFirst();
      if (!rc) throw notFound('rollcall');
      if (rc.ended_at !== null && rc.ended_at < at) throw new DomainError('conflict', 'roll-call has ended', 'rollcall');
      const who = await participants.resolve(input.room.tenant_id, input.who, at);
      // A concurrent answer of the same person is a conflict the database resolves, not an error.
      const inserted = await db.insertInto('rollcall_responses').values({ tenant_id: rc.tenant_id, rollcall_id: rc.id, participant_id: who.id, name: input.who.name, responded_at: at })
        .onConflict((oc) => oc.columns(['rollcall_id', 'participant_id']).doNothing()).returning('id').executeTakeFirst();
      if (inserted) record({ type: 'rollcall.answered', ...inRoom(input.room, rc.session_id, at), data: { id: rc.id, participantId: who.id } });
    });
  }

  /** Ends a roll-call; ending it again changes nothing and announces nothing. */
  async endRollcall(room: RoomRow, rollcallId: number, at = Date.now()): Promise<void> {
    await this.write(async ({ db, record }) => {
      const res = await db.updateTable('rollcalls').set({ ended_at: at }).where('id', '=', rollcallId).where('room_id', '=', room.id).where('ended_at', 'is', null).executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) {
        if (!await db.selectFrom('rollcalls').select('id').where('id', '=', rollcallId).where('room_id', '=', room.id).executeTakeFirst()) throw notFound('rollcall');
        return;
      }
      record({ type: 'rollcall.ended', ...inRoom(room, await this.sessionIdAt(room, db), at), data: { id: rollcallId } });
    });
  }

  async reward(input: { room: RoomRow; kind: string; giver?: ParticipantIdentity | null; receiver?: ParticipantIdentity | null; amount?: number; quantity?: number; properties?: JsonObject; at?: number }): Promise<number> {
    const at = input.at ?? Date.now();
    return this.write(async ({ db, participants, record }) => {
      const giver = input.giver ? await participants.resolve(input.room.tenant_id, input.giver, at) : null;
      const receiver = input.receiver ? await participants.resolve(input.room.tenant_id, input.receiver, at) : null;
      const sessionId = await this.sessionIdAt(input.room, db);
      const row = await db.insertInto('rewards').values({
        tenant_id: input.room.tenant_id, room_id: input.room.id, session_id: sessionId, kind: input.kind,
        giver_participant_id: giver?.id ?? null, giver_name: input.giver?.name ?? null,
        receiver_participant_id: receiver?.id ?? null, receiver_name: input.receiver?.name ?? null,
        amount: input.amount ?? 0, quantity: input.quantity ?? 1, properties: JSON.stringify(input.properties ?? {}), created_at: at,
      }).returning('id').executeTakeFirstOrThrow();
      record({ type: 'reward.given', ...inRoom(input.room, sessionId, at), data: { id: row.id, kind: input.kind, to: receiver?.id ?? null, toName: input.receiver?.name ?? null, amount: input.amount ?? 0 } });
      return row.id;
    });
  }

  async raiseHand(input: { room: RoomRow; who: ParticipantIdentity; at?: number }): Promise<number> {
    const at = input.at ?? Date.now();
    return this.write(async ({ db, participants, record }) => {
      const who = await participants.resolve(input.room.tenant_id, input.who, at);
      const sessionId = await this.sessionIdAt(input.room, db);
      const row = await db.insertInto('hand_raises').values({
        tenant_id: input.room.tenant_id, room_id: input.room.id, session_id: sessionId, participant_id: who.id, name: input.who.name,
        raised_at: at, accepted_at: null, ended_at: null,
      }).returning('id').executeTakeFirstOrThrow();
      record({ type: 'hand.raised', ...inRoom(input.room, sessionId, at), data: { id: row.id, participantId: who.id } });
      return row.id;
    });
  }

  /** A raised hand is accepted (brought on stage) and/or ends; a change without either is nothing to record. */
  async updateHand(room: RoomRow, handId: number, change: { acceptedAt?: number; endedAt?: number }): Promise<void> {
    const set: { accepted_at?: number; ended_at?: number } = {};
    if (change.acceptedAt !== undefined) set.accepted_at = change.acceptedAt;
    if (change.endedAt !== undefined) set.ended_at = change.endedAt;
    const at = change.endedAt ?? change.acceptedAt;
    if (at === undefined) return;
    await this.write(async ({ db, record }) => {
      const res = await db.updateTable('hand_raises').set(set).where('id', '=', handId).where('room_id', '=', room.id).executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw notFound('hand');
      record({ type: 'hand.updated', ...inRoom(room, await this.sessionIdAt(room, db), at), data: { id: handId } });
    });
  }

  async announce(input: { room: RoomRow; content: string; link?: string | null; at?: number }): Promise<number> {
    const at = input.at ?? Date.now();
    return this.write(async ({ db, record }) => {
      const row = await db.insertInto('announcements').values({
        tenant_id: input.room.tenant_id, room_id: input.room.id, content: input.content, link: input.link ?? null, created_at: at,
      }).returning('id').executeTakeFirstOrThrow();
      record({ type: 'announcement.set', ...inRoom(input.room, await this.sessionIdAt(input.room, db), at), data: { id: row.id, content: input.content, link: input.link ?? null } });
      return row.id;
    });
  }

  /** A host shows everyone a page of the class's document; only the room's event says so (no table). */
  async showDocument(input: { room: RoomRow; page: number; title?: string | null; at?: number }): Promise<void> {
    const at = input.at ?? Date.now();
    if (!Number.isSafeInteger(input.page) || input.page < 1) throw new DomainError('invalid', 'a document page is a number from 1', 'document');
    await this.write(async ({ db, record }) => {
      record({ type: 'document.shown', ...inRoom(input.room, await this.sessionIdAt(input.room, db), at), data: { page: input.page, title: input.title ?? null } });
    });
  }

  async clientReport(input: { room: RoomRow; who: ParticipantIdentity; report: JsonObject; ip?: string | null; at?: number }): Promise<void> {
    const at = input.at ?? Date.now();
    await this.write(async ({ db, participants, record }) => {
      const who = await participants.resolve(input.room.tenant_id, input.who, at);
      const sessionId = await this.sessionIdAt(input.room, db);
      await db.insertInto('client_reports').values({
        tenant_id: input.room.tenant_id, room_id: input.room.id, session_id: sessionId, participant_id: who.id,
        report: JSON.stringify(input.report), ip: input.ip ?? null, reported_at: at,
      }).execute();
      record({ type: 'client.reported', ...inRoom(input.room, sessionId, at), data: { participantId: who.id } });
    });
  }

  /**
   * A VOD viewing interval (recorded when the viewer leaves, or opened and closed later). A view of
   * a room's recording is in that room's event sequence; a view of an uploaded video is in none.
   */
  async vodView(input: { tenantId: string; vodId: number; roomId: number | null; who: ParticipantIdentity; ip?: string | null; platform?: string | null; startedAt: number; leftAt: number | null }): Promise<number> {
    return this.write(async ({ db, participants, record }) => {
      const who = await participants.resolve(input.tenantId, input.who, input.startedAt);
      const row = await db.insertInto('vod_views').values({
        tenant_id: input.tenantId, vod_id: input.vodId, participant_id: who.id, name: input.who.name, ip: input.ip ?? null,
        platform: input.platform ?? null, started_at: input.startedAt, left_at: input.leftAt,
      }).returning('id').executeTakeFirstOrThrow();
      const envelope = { type: 'vod.viewed', tenantId: input.tenantId, sessionId: null, at: input.startedAt, data: { id: row.id, vodId: input.vodId } } as const;
      record(input.roomId === null ? { ...envelope, roomId: null } : { ...envelope, roomId: input.roomId });
      return row.id;
    });
  }
  // --- lotteries, attention checks, expression captures, evaluations ---------------------------

  /** A lottery drawn in class: the prize, how people took part, and its winners (each once). */
  async drawLottery(input: { room: RoomRow; prize: string; mode: LotteryMode; drawerName?: string | null; winners: readonly ParticipantIdentity[]; properties?: JsonObject; at?: number }): Promise<number> {
    const at = input.at ?? Date.now();
    if (!input.prize.trim()) throw new DomainError('invalid', 'a lottery needs a prize', 'lottery');
    return this.write(async ({ db, participants, record }) => {
      const winners: Array<{ row: ParticipantRow; name: string }> = [];
      for (const w of input.winners) winners.push({ row: await participants.resolve(input.room.tenant_id, w, at), name: w.name });
      const sessionId = await this.sessionIdAt(input.room, db);
      const draw = await db.insertInto('lottery_draws').values({
        tenant_id: input.room.tenant_id, room_id: input.room.id, session_id: sessionId, prize: input.prize, mode: input.mode,
        drawer_name: input.drawerName ?? null, drawn_at: at, properties: JSON.stringify(input.properties ?? {}),
      }).returning('id').executeTakeFirstOrThrow();
      const unique = [...new Map(winners.map((w) => [w.row.id, w])).values()];
      if (unique.length) {
        await db.insertInto('lottery_winners').values(unique.map((w) => ({ tenant_id: input.room.tenant_id, draw_id: draw.id, participant_id: w.row.id, name: w.name }))).execute();
      }
      record({ type: 'lottery.drawn', ...inRoom(input.room, sessionId, at), data: { id: draw.id, prize: input.prize, winners: unique.length, winnerNames: unique.map((w) => w.name) } });
      return draw.id;
    });
  }

  /** An attention check and each checked person's result (one result per person). */
  async checkAttention(input: { room: RoomRow; results: readonly AttentionResultInput[]; at?: number }): Promise<number> {
    const at = input.at ?? Date.now();
    return this.write(async ({ db, participants, record }) => {
      const resolved: Array<AttentionResultInput & { row: ParticipantRow }> = [];
      for (const r of input.results) resolved.push({ ...r, row: await participants.resolve(input.room.tenant_id, r.who, at) });
      const sessionId = await this.sessionIdAt(input.room, db);
      const check = await db.insertInto('attention_checks').values({ tenant_id: input.room.tenant_id, room_id: input.room.id, session_id: sessionId, started_at: at })
        .returning('id').executeTakeFirstOrThrow();
      const unique = [...new Map(resolved.map((r) => [r.row.id, r])).values()];
      if (unique.length) {
        await db.insertInto('attention_results').values(unique.map((r) => ({
          tenant_id: input.room.tenant_id, check_id: check.id, participant_id: r.row.id, name: r.who.name, role: r.role, group_id: r.groupId ?? 0,
          platform: r.platform ?? null, attentive: r.attentive ? 1 : 0, ip: r.ip ?? null, recorded_at: r.at ?? at,
        }))).execute();
      }
      record({ type: 'attention.checked', ...inRoom(input.room, sessionId, at), data: { id: check.id, results: unique.length } });
      return check.id;
    });
  }

  /** A classified snapshot of someone's expression (the image is stored elsewhere; its URL is kept). */
  async captureExpression(input: { room: RoomRow; who: ParticipantIdentity; role: ParticipantRole; expression: string; description?: string; imageUrl: string; at?: number }): Promise<number> {
    const at = input.at ?? Date.now();
    if (!input.expression.trim()) throw new DomainError('invalid', 'an expression capture needs an expression', 'expression');
    return this.write(async ({ db, participants, record }) => {
      const who = await participants.resolve(input.room.tenant_id, input.who, at);
      const sessionId = await this.sessionIdAt(input.room, db);
      const row = await db.insertInto('expression_captures').values({
        tenant_id: input.room.tenant_id, room_id: input.room.id, session_id: sessionId, participant_id: who.id, name: input.who.name, role: input.role,
        expression: input.expression, description: input.description ?? '', image_url: input.imageUrl, captured_at: at,
      }).returning('id').executeTakeFirstOrThrow();
      record({ type: 'expression.captured', ...inRoom(input.room, sessionId, at), data: { id: row.id, participantId: who.id, expression: input.expression } });
      return row.id;
    });
  }

  /**
   * Someone's after-class evaluation with one of the tenant's templates; evaluating the same class
   * again replaces their earlier answers. Every answered question must be one of the template's.
   */
  async evaluate(input: { room: RoomRow; templateId: number; who: ParticipantIdentity; answers: ReadonlyArray<{ questionId: number; answer: string }>; at?: number }): Promise<void> {
    const at = input.at ?? Date.now();
    await this.write(async ({ db, participants, record }) => {
      const template = await db.selectFrom('evaluation_templates').select('id').where('id', '=', input.templateId).where('tenant_id', '=', input.room.tenant_id).executeTakeFirst();
      if (!template) throw notFound('evaluation template');
      const questions = new Set((await db.selectFrom('evaluation_questions').select('id').where('template_id', '=', template.id).execute()).map((q) => q.id));
      const stray = input.answers.find((a) => !questions.has(a.questionId));
      if (stray) throw new DomainError('invalid', `question ${stray.questionId} is not a question of template ${template.id}`, 'evaluation');
      const who = await participants.resolve(input.room.tenant_id, input.who, at);
      const sessionId = await this.sessionIdAt(input.room, db);
      let earlier = db.deleteFrom('evaluation_answers').where('room_id', '=', input.room.id).where('template_id', '=', template.id).where('participant_id', '=', who.id);
      earlier = sessionId === null ? earlier.where('session_id', 'is', null) : earlier.where('session_id', '=', sessionId);
      await earlier.execute();
      if (input.answers.length) {
        await db.insertInto('evaluation_answers').values(input.answers.map((a) => ({
          tenant_id: input.room.tenant_id, room_id: input.room.id, session_id: sessionId, template_id: template.id, question_id: a.questionId,
          participant_id: who.id, name: input.who.name, answer: a.answer, submitted_at: at,
        }))).execute();
      }
      record({ type: 'evaluation.submitted', ...inRoom(input.room, sessionId, at), data: { templateId: template.id, participantId: who.id } });
    });
  }
}
