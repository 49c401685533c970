import type { Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema

/**
 * What a host decided about one person in one live room, kept so that it outlives their
 * connection: muted (chat refused, told in the welcome of every reconnect), removed (every later
 * entry or reconnect of that identity is refused), and for a single-session code (a per-user
 * student code) the entry that holds the place now (an older ticket's reconnect is refused).
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.createTable('live_member_states')
    .addColumn('room_id', 'bigint', (c) => c.notNull())
    .addColumn('participant_id', 'bigint', (c) => c.notNull())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('muted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('removed_at', 'bigint')
    .addColumn('entry_id', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('live_member_states_pk', ['room_id', 'participant_id'])
    .execute();
}
