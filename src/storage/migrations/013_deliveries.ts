import type { Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema

/**
 * The delivery outbox (src/delivery/): outbound HTTP calls derived from classroom events in the
 * transaction that writes the events, then sent by workers that lease due rows. `kind` names the
 * stream (e.g. `baijiayun.class`): a room's deliveries of one kind go out in id order. `batch_key`
 * marks a batch still open for more events until it is due. Every attempt is kept in
 * `delivery_attempts` with what the receiver answered.
 */
export async function up(db: AnyDb, postgres: boolean): Promise<void> {
  const id = (t: ReturnType<AnyDb['schema']['createTable']>) => (postgres
    ? t.addColumn('id', 'bigserial', (c) => c.primaryKey())
    : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()));
  await id(db.schema.createTable('deliveries'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('room_id', 'bigint')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('first_event_id', 'bigint')
    .addColumn('last_event_id', 'bigint')
    .addColumn('event_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('target_url', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('accept', 'text', (c) => c.notNull())
    .addColumn('retry_delays', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('batch_key', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_expires_at', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('resent_from', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  // Leasing reads due rows by state and time; ordering looks for earlier unfinished rows of a room's stream.
  await db.schema.createIndex('deliveries_due').on('deliveries').columns(['state', 'next_attempt_at', 'id']).execute();
  await db.schema.createIndex('deliveries_queue').on('deliveries').columns(['room_id', 'kind', 'state', 'id']).execute();
  await db.schema.createIndex('deliveries_batch').on('deliveries').columns(['tenant_id', 'batch_key', 'state']).execute();
  await db.schema.createIndex('deliveries_tenant').on('deliveries').columns(['tenant_id', 'id']).execute();

  await id(db.schema.createTable('delivery_attempts'))
    .addColumn('delivery_id', 'bigint', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('http_status', 'integer')
    .addColumn('response', 'text')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('delivery_attempts_delivery').on('delivery_attempts').columns(['delivery_id', 'attempt']).execute();
}
