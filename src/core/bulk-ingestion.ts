import type { Kysely } from 'kysely';
import { chunks, insertReturningIds, ROWS_PER_INSERT } from './multi-row-insert.js';
import type { Database, RoomRow } from '../storage/schema.js';
import { runningPeakEvent } from './running-peak.js';
import { AttendanceQueries } from './attendance.js';
import { randomHex } from './ids.js';
import type { JoinInput } from './ingestion.js';
import type { ParticipantIdentity, ParticipantRole } from './participants.js';
import type { UnitOfWork } from './unit-of-work.js';

export interface ChatInput {
  room: RoomRow;
  sender: ParticipantIdentity;
  senderRole: ParticipantRole;
  receiver?: ParticipantIdentity | null;
  content: string;
  at?: number;
}

export interface LeaveInput {
  room: RoomRow;
  participantId: number;
  at: number;
  /** Only this entry's interval (a live connection's); by default every open one of the person in the room. */
  participationId?: number;
}

/** The writes the bulk path knows: the ones a join storm or a busy chat is made of. */
export type BulkOp =
  | { kind: 'join'; input: JoinInput }
  | { kind: 'leave'; input: LeaveInput }
  | { kind: 'chat'; input: ChatInput };

export type JoinResult = { participationId: number; participantId: number; sessionId: number | null };
export type BulkResult = JoinResult | number | undefined;

/** Values per `IN (…)` list. */
const IDS_PER_LOOKUP = 5000;


/**
 * Whether `op` may go in the same bulk write as `earlier`: a person's join or leave in a room reads
 * what an earlier join or leave of theirs there wrote, so the second starts a new write.
 */
export function conflicts(op: BulkOp, earlier: ReadonlySet<string>): boolean {
  const key = presenceKey(op);
  return key !== undefined && earlier.has(key);
}

export function presenceKey(op: BulkOp): string | undefined {
  if (op.kind === 'join') return `${op.input.room.id}:k:${op.input.who.key}`;
  if (op.kind === 'leave') return `${op.input.room.id}:p:${op.input.participantId}`;
  return undefined;
}

/**
 * The bulk path of ClassroomIngestion for joins, leaves and chat: the same rows and events as
 * `join`, `leave` and `chat` one by one, written with a handful of statements for the whole set —
 * participants resolved once (one lookup, one multi-row insert for the new ones), each room's open
 * session read once, multi-row inserts of the records, one peak reset per room. Events are recorded
 * on the unit of work in the order of `ops`, so the outbox numbers them exactly as if the ops had
 * run one after another (the unit writes them with one counter bump per room).
 *
 * No two ops may touch the same person's presence in the same room (see `conflicts`): the caller
 * splits such runs. Any failure throws, and the caller's transaction rolls back as a whole.
 */
export async function writeBulk(uow: UnitOfWork, ops: readonly BulkOp[], known = new KnownParticipants()): Promise<BulkResult[]> {
  const db = uow.db;
  const people = await resolveParticipants(db, ops, known);
  const person = (tenantId: string, who: ParticipantIdentity) => people.get(`${tenantId}\u0000${who.key}`)!;
  const sessions = await openSessions(db, ops);
  const results: BulkResult[] = new Array<BulkResult>(ops.length).fill(undefined);
  const presence = new PresenceChangesForPeaks();

  // Joins: close each person's earlier open interval in the room, then one insert for all.
  const joins = ops.flatMap((op, i) => (op.kind === 'join' ? [{ i, input: op.input, at: op.input.at ?? Date.now(), participant: person(op.input.room.tenant_id, op.input.who) }] : []));
  if (joins.length) {
    const closedByJoin = await closeOpenIntervals(db, joins.map((j) => ({ roomId: j.input.room.id, participantId: j.participant.id, at: j.at })));
    joins.forEach((j, n) => presence.add(j.input.room.id, j.at, 1 - closedByJoin[n], true));
    const ids = await insertReturningIds(db, 'participations', joins.map((j) => ({
      tenant_id: j.input.room.tenant_id, room_id: j.input.room.id, session_id: sessions.get(j.input.room.id) ?? null, participant_id: j.participant.id,
      name: j.input.who.name, role: j.input.role, ip: j.input.ip ?? null, platform: j.input.platform ?? null, user_agent: j.input.userAgent ?? null,
      area: j.input.area ?? null, company: j.input.company ?? null, mobile: j.input.mobile ?? null, joined_at: j.at, left_at: null,
      properties: JSON.stringify(j.input.properties ?? {}), node_id: j.input.nodeId ?? null,
    })));
    joins.forEach((j, n) => { results[j.i] = { participationId: ids[n], participantId: j.participant.id, sessionId: sessions.get(j.input.room.id) ?? null }; });
  }

  // Leaves: the open intervals they end, read at once; a leave with nothing open records nothing.
  const leaves = ops.flatMap((op, i) => (op.kind === 'leave' ? [{ i, input: op.input }] : []));
  const leaving = new Map<number, { sessionId: number | null }>();
  if (leaves.length) {
    const open = await openIntervals(db, leaves.map((l) => ({ roomId: l.input.room.id, participantId: l.input.participantId })));
    for (const l of leaves) {
      const mine = (open.get(`${l.input.room.id}:${l.input.participantId}`) ?? []).filter((p) => l.input.participationId === undefined || p.id === l.input.participationId);
      if (mine.length === 0) continue;
      let closed = 0;
      for (const p of mine) {
        const [r] = await db.updateTable('participations').set({ left_at: Math.max(l.input.at, p.joined_at) }).where('id', '=', p.id).where('left_at', 'is', null).execute();
        closed += Number(r.numUpdatedRows);
      }
      presence.add(l.input.room.id, l.input.at, -closed, false);
      leaving.set(l.i, { sessionId: mine[0].session_id });
    }
  }

  // Chat: one insert for every message.
  const chats = ops.flatMap((op, i) => (op.kind === 'chat' ? [{ i, input: op.input, at: op.input.at ?? Date.now() }] : []));
  if (chats.length) {
    const ids = await insertReturningIds(db, 'chat_messages', chats.map(({ input, at }) => {
      const receiver = input.receiver ? person(input.room.tenant_id, input.receiver) : null;
      return {
        tenant_id: input.room.tenant_id, room_id: input.room.id, session_id: sessions.get(input.room.id) ?? null,
        sender_participant_id: person(input.room.tenant_id, input.sender).id, sender_name: input.sender.name, sender_role: input.senderRole,
        receiver_participant_id: receiver?.id ?? null, receiver_name: input.receiver?.name ?? null,
        is_private: receiver ? 1 : 0, content: input.content, sent_at: at,
      };
    }));
    chats.forEach((c, n) => { results[c.i] = ids[n]; });
  }

  // Presence changed: the rooms' cached peaks are stale from the earliest change on.
  const earliest = new Map<number, number>();
  for (const j of joins) earliest.set(j.input.room.id, Math.min(earliest.get(j.input.room.id) ?? Infinity, j.at));
  for (const l of leaves) if (leaving.has(l.i)) earliest.set(l.input.room.id, Math.min(earliest.get(l.input.room.id) ?? Infinity, l.input.at));
  for (const [roomId, at] of earliest) await AttendanceQueries.forgetPeaks(db, roomId, at);
  await presence.apply(db);

  // The events, in the order of the ops.
  const joinAt = new Map(joins.map((j) => [j.i, j]));
  const chatAt = new Map(chats.map((c) => [c.i, c]));
  ops.forEach((op, i) => {
    const room = op.input.room;
    const envelope = (sessionId: number | null, at: number) => ({ tenantId: room.tenant_id, roomId: room.id, sessionId, at });
    if (op.kind === 'join') {
      const j = joinAt.get(i)!;
      uow.record({ type: 'participant.joined', ...envelope(sessions.get(room.id) ?? null, j.at), data: { participantId: j.participant.id, name: op.input.who.name, role: op.input.role } });
    } else if (op.kind === 'leave') {
      const left = leaving.get(i);
      if (left) uow.record({ type: 'participant.left', ...envelope(left.sessionId, op.input.at), data: { participantId: op.input.participantId } });
    } else {
      const c = chatAt.get(i)!;
      const from = person(room.tenant_id, op.input.sender);
      const to = op.input.receiver ? person(room.tenant_id, op.input.receiver) : null;
      uow.record({ type: 'chat.sent', ...envelope(sessions.get(room.id) ?? null, c.at), data: { id: results[i] as number, from: from.id, fromName: op.input.sender.name, to: to?.id ?? null, content: op.input.content } });
    }
  });
  return results;
}

type Known = { id: number; name: string };

/**
 * Participants a bulk writer has seen (tenant and key → id and display name), so that the people
 * of a busy room are looked up once, not once per batch. A participant's id never changes; the
 * name kept is the last one this writer wrote or read. Forget everything when a write fails (a
 * deleted tenant's participants, say).
 */
export class KnownParticipants {
  private readonly byKey = new Map<string, Known>();

  constructor(private readonly max = 100_000) {}

  get(key: string): Known | undefined {
    return this.byKey.get(key);
  }

  set(key: string, person: Known): void {
    if (this.byKey.size >= this.max) this.byKey.clear();
    this.byKey.set(key, person);
  }

  clear(): void {
    this.byKey.clear();
  }
}

/**
 * Every identity the ops name, as participants: the ones not known yet looked up at once, one
 * multi-row insert of the new ones; a display name follows the latest one used (as
 * `ParticipantService.resolve` does).
 */
async function resolveParticipants(db: Kysely<Database>, ops: readonly BulkOp[], known: KnownParticipants): Promise<Map<string, Known>> {
  const wanted = new Map<string, { tenantId: string; who: ParticipantIdentity; at: number }>();
  const want = (tenantId: string, who: ParticipantIdentity | null | undefined, at: number) => {
    if (!who) return;
    const key = `${tenantId}\u0000${who.key}`;
    const seen = wanted.get(key);
    // The latest name wins; the first sighting's details create the row.
    wanted.set(key, seen ? { ...seen, who: { ...seen.who, name: who.name || seen.who.name } } : { tenantId, who, at });
  };
  for (const op of ops) {
    const at = op.kind === 'leave' ? op.input.at : op.input.at ?? Date.now();
    if (op.kind === 'join') want(op.input.room.tenant_id, op.input.who, at);
    if (op.kind === 'chat') {
      want(op.input.room.tenant_id, op.input.sender, at);
      want(op.input.room.tenant_id, op.input.receiver, at);
    }
  }
  const found = new Map<string, Known>();
  const byTenant = new Map<string, string[]>();
  for (const [key, w] of wanted) {
    const seen = known.get(key);
    if (seen) {
      found.set(key, seen);
      continue;
    }
    const keys = byTenant.get(w.tenantId);
    if (keys) keys.push(w.who.key);
    else byTenant.set(w.tenantId, [w.who.key]);
  }
  for (const [tenantId, keys] of byTenant) {
    for (const part of chunks(keys, IDS_PER_LOOKUP)) {
      const rows = await db.selectFrom('participants').select(['id', 'name', 'external_key']).where('tenant_id', '=', tenantId).where('external_key', 'in', part).execute();
      for (const row of rows) found.set(`${tenantId}\u0000${row.external_key}`, { id: row.id, name: row.name });
    }
  }
  const missing = [...wanted.entries()].filter(([key]) => !found.has(key));
  for (const part of chunks(missing, ROWS_PER_INSERT)) {
    const rows = await db.insertInto('participants').values(part.map(([, w]) => ({
      tenant_id: w.tenantId, viewer_id: randomHex(32), external_key: w.who.key, user_id: w.who.userId ?? null, user_number: w.who.userNumber ?? null,
      name: w.who.name, avatar: w.who.avatar ?? null, created_at: w.at,
    }))).returning(['id', 'name', 'tenant_id', 'external_key']).execute();
    for (const row of rows) found.set(`${row.tenant_id}\u0000${row.external_key}`, { id: row.id, name: row.name });
  }
  for (const [key, w] of wanted) {
    let person = found.get(key)!;
    if (w.who.name && person.name !== w.who.name) {
      await db.updateTable('participants').set({ name: w.who.name }).where('id', '=', person.id).execute();
      person = { id: person.id, name: w.who.name };
      found.set(key, person);
    }
    known.set(key, person);
  }
  return found;
}

/** Each room's open session id (null: no class under way), one query for all the ops' rooms. */
async function openSessions(db: Kysely<Database>, ops: readonly BulkOp[]): Promise<Map<number, number>> {
  const rooms = [...new Set(ops.filter((op) => op.kind !== 'leave').map((op) => op.input.room.id))];
  const out = new Map<number, number>();
  if (rooms.length === 0) return out;
  const rows = await db.selectFrom('live_sessions').select(['id', 'room_id', 'started_at']).where('room_id', 'in', rooms).where('ended_at', 'is', null)
    .orderBy('started_at', 'asc').orderBy('id', 'asc').execute();
  // The latest-started open session of each room, as `ClassroomIngestion.openSession` picks it.
  for (const r of rows) out.set(r.room_id, r.id);
  return out;
}

type OpenInterval = { id: number; joined_at: number; session_id: number | null };

/** The open intervals of these people in these rooms, by `roomId:participantId`. */
async function openIntervals(db: Kysely<Database>, people: ReadonlyArray<{ roomId: number; participantId: number }>): Promise<Map<string, OpenInterval[]>> {
  const byRoom = new Map<number, number[]>();
  for (const p of people) {
    const ids = byRoom.get(p.roomId);
    if (ids) ids.push(p.participantId);
    else byRoom.set(p.roomId, [p.participantId]);
  }
  const out = new Map<string, OpenInterval[]>();
  for (const [roomId, ids] of byRoom) {
    for (const part of chunks([...new Set(ids)], IDS_PER_LOOKUP)) {
      const rows = await db.selectFrom('participations').select(['id', 'participant_id', 'joined_at', 'session_id'])
        .where('room_id', '=', roomId).where('participant_id', 'in', part).where('left_at', 'is', null).orderBy('id').execute();
      for (const r of rows) {
        const key = `${roomId}:${r.participant_id}`;
        const interval = { id: r.id, joined_at: r.joined_at, session_id: r.session_id };
        const known = out.get(key);
        if (known) known.push(interval);
        else out.set(key, [interval]);
      }
    }
  }
  return out;
}

/**
 * A join first ends the person's earlier open interval in the room (usually there is none: one read
 * finds that out). Returns, for each join, how many intervals it ended.
 */
async function closeOpenIntervals(db: Kysely<Database>, joins: ReadonlyArray<{ roomId: number; participantId: number; at: number }>): Promise<number[]> {
  const closed = joins.map(() => 0);
  const open = await openIntervals(db, joins);
  if (open.size === 0) return closed;
  for (const [n, j] of joins.entries()) {
    for (const p of open.get(`${j.roomId}:${j.participantId}`) ?? []) {
      const [r] = await db.updateTable('participations').set({ left_at: j.at }).where('id', '=', p.id).where('left_at', 'is', null).execute();
      closed[n] += Number(r.numUpdatedRows);
    }
  }
  return closed;
}

/**
 * A batch's changes of how many are present, per room and instant, for the rooms' running peaks
 * (running-peak.ts): one update per room and instant, applied in time order, as the one-at-a-time
 * path would have made them.
 */
class PresenceChangesForPeaks {
  private readonly byRoom = new Map<number, Map<number, { delta: number; joined: boolean }>>();

  add(roomId: number, at: number, delta: number, joined: boolean): void {
    let instants = this.byRoom.get(roomId);
    if (!instants) this.byRoom.set(roomId, (instants = new Map()));
    const change = instants.get(at) ?? { delta: 0, joined: false };
    instants.set(at, { delta: change.delta + delta, joined: change.joined || joined });
  }

  async apply(db: Kysely<Database>): Promise<void> {
    for (const [roomId, instants] of this.byRoom) {
      for (const at of [...instants.keys()].sort((a, b) => a - b)) {
        const { delta, joined } = instants.get(at)!;
        await runningPeakEvent(db, roomId, at, delta, joined);
      }
    }
  }
}
