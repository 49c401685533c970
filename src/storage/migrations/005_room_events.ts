import { sql, type Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema

/**
 * The classroom event outbox and the per-room counters that number its rows. The counters live in
 * a narrow table of their own rather than on `rooms`: bumping one locks it until commit, and that
 * lock must not hold up updates of the room itself.
 */
export async function up(db: AnyDb, postgres: boolean): Promise<void> {
  await db.schema.createTable('room_events')
    .addColumn('id', postgres ? 'bigserial' : 'integer', (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('room_id', 'bigint')
    .addColumn('seq', 'bigint')
    .addColumn('session_id', 'bigint')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('recorded_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('room_events_seq_with_room', sql`(room_id IS NULL) = (seq IS NULL)`)
    .execute();
  await db.schema.createIndex('room_events_room_seq').on('room_events').columns(['room_id', 'seq']).unique().execute();

  await db.schema.createTable('room_event_counters')
    .addColumn('room_id', 'bigint', (c) => c.primaryKey().references('rooms.id'))
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .execute();
}
