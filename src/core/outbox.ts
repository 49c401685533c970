import type { Kysely } from 'kysely';
import type { Database, RoomEventRow } from '../storage/schema.js';
import { isClassroomEventType, type ClassroomEvent, type PendingEvent, type RoomEvent, type RoomRef } from './events.js';
import { invalid } from './errors.js';
import { insertReturningIds } from './multi-row-insert.js';
import { prunePrefix } from '../storage/prune-prefix.js';

/**
 * Writes a transaction's events to the outbox (`room_events`), in the order they were recorded,
 * and returns them with their row ids and sequence numbers. Runs inside the transaction whose
 * facts the events announce, just before it commits.
 *
 * Each room's counter is bumped once by the number of its events. On PostgreSQL that row lock is
 * held until commit, so the writers of one room commit in sequence order and a reader never sees
 * a later number without every earlier one; a rollback undoes the bump, so numbers have no gaps.
 * Rooms are locked in id order so that two transactions touching the same rooms cannot deadlock here.
 */
export async function writeOutbox(trx: Kysely<Database>, pending: readonly PendingEvent[], now = Date.now()): Promise<ClassroomEvent[]> {
  const perRoom = new Map<number, number>();
  for (const e of pending) if (e.roomId !== null) perRoom.set(e.roomId, (perRoom.get(e.roomId) ?? 0) + 1);
  const nextSeq = new Map<number, number>();
  for (const roomId of [...perRoom.keys()].sort((a, b) => a - b)) {
    const count = perRoom.get(roomId)!;
    const { last_seq } = await trx.insertInto('room_event_counters').values({ room_id: roomId, last_seq: count })
      .onConflict((oc) => oc.column('room_id').doUpdateSet((eb) => ({ last_seq: eb('room_event_counters.last_seq', '+', eb.ref('excluded.last_seq')) })))
      .returning('last_seq').executeTakeFirstOrThrow();
    nextSeq.set(roomId, last_seq - count + 1);
  }
  const seqs = pending.map((e) => {
    if (e.roomId === null) return null;
    const seq = nextSeq.get(e.roomId)!;
    nextSeq.set(e.roomId, seq + 1);
    return seq;
  });
  // Multi-row inserts (a group commit writes hundreds of events at once), ids in the events' order.
  const ids = await insertReturningIds(trx, 'room_events', pending.map((e, i) => ({
    tenant_id: e.tenantId, room_id: e.roomId, seq: seqs[i], session_id: e.sessionId, type: e.type, at: e.at, data: JSON.stringify(e.data), recorded_at: now,
  })));
  return pending.map((e, i) => ({ ...e, id: ids[i], seq: seqs[i] }) as ClassroomEvent);
}

/** An outbox row as the event it stores. */
export function eventFromRow(row: RoomEventRow): ClassroomEvent {
  if (!isClassroomEventType(row.type)) throw new Error(`room_events row ${row.id} has an unknown type "${row.type}"`);
  // Rows are written only by writeOutbox from typed events, so the data has its type's shape.
  return {
    id: row.id, type: row.type, tenantId: row.tenant_id, roomId: row.room_id, seq: row.seq,
    sessionId: row.session_id, at: row.at, data: JSON.parse(row.data) as unknown,
  } as ClassroomEvent;
}

/** Most events one read returns. */
export const MAX_EVENTS_PER_READ = 1000;

/** Reads rooms' events back from the outbox: for clients that resume after a reconnect, and to fill gaps in live delivery. */
export class RoomEventLog {
  constructor(private readonly db: Kysely<Database>) {}

  /** The room's events after sequence number `afterSeq`, in sequence order, at most `limit` of them. */
  async since(room: RoomRef, afterSeq: number, limit = MAX_EVENTS_PER_READ): Promise<RoomEvent[]> {
    if (!Number.isSafeInteger(afterSeq) || afterSeq < 0) throw invalid(`afterSeq must be a non-negative integer, got ${afterSeq}`, 'seq');
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_EVENTS_PER_READ) throw invalid(`limit must be 1…${MAX_EVENTS_PER_READ}, got ${limit}`, 'limit');
    const rows = await this.db.selectFrom('room_events').selectAll()
      .where('room_id', '=', room.roomId).where('seq', '>', afterSeq).where('tenant_id', '=', room.tenantId)
      .orderBy('seq').limit(limit).execute();
    return rows.map((row) => eventFromRow(row) as RoomEvent);
  }

  /** The room's last committed sequence number: 0 before its first event. */
  async lastSeq(room: RoomRef): Promise<number> {
    const row = await this.db.selectFrom('room_event_counters').innerJoin('rooms', 'rooms.id', 'room_event_counters.room_id')
      .select('room_event_counters.last_seq').where('room_event_counters.room_id', '=', room.roomId).where('rooms.tenant_id', '=', room.tenantId)
      .executeTakeFirst();
    return row?.last_seq ?? 0;
  }

  /**
   * Removes the events recorded before `before` (ms), oldest first. Sequence numbers live in the
   * counters, so rooms keep numbering on; what goes is only what a client resuming from that far
   * back would have been sent (its welcome tells it the room's state anyway).
   */
  prune(before: number): Promise<number> {
    return prunePrefix({
      read: (limit) => this.db.selectFrom('room_events').select(['id', 'recorded_at']).orderBy('id').limit(limit).execute(),
      isOld: (row) => Number(row.recorded_at) < before,
      remove: async (lastId) => {
        await this.db.deleteFrom('room_events').where('id', '<=', lastId).execute();
      },
    });
  }
}
