import type { Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema

/**
 * Durable background jobs (src/jobs/): work a request accepts and a worker does later, such as
 * converting an uploaded document or media file. A worker leases due rows (`state`, `run_after`)
 * and renews or gives up its lease (`lease_owner`, `lease_expires_at`); an expired lease makes the
 * job due again. Items that wait for a conversion name their job (`conversion_job_id`), so what the
 * APIs report is the job's own state. Plus two indexes the site-wide daily exports range over.
 */
export async function up(db: AnyDb, postgres: boolean): Promise<void> {
  const table = db.schema.createTable('jobs');
  await (postgres
    ? table.addColumn('id', 'bigserial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('result', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('run_after', 'bigint', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_expires_at', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  // Leasing reads the due pending jobs in order, and the running ones whose lease ran out.
  await db.schema.createIndex('jobs_due').on('jobs').columns(['state', 'run_after', 'id']).execute();
  await db.schema.createIndex('jobs_lease').on('jobs').columns(['state', 'lease_expires_at']).execute();
  await db.schema.createIndex('jobs_tenant_kind').on('jobs').columns(['tenant_id', 'kind', 'created_at', 'id']).execute();

  await db.schema.alterTable('vods').addColumn('conversion_job_id', 'bigint').execute();
  // Site-wide daily reports: VOD viewings by when they ended, rewards by when they were given.
  await db.schema.createIndex('vod_views_tenant_left').on('vod_views').columns(['tenant_id', 'left_at', 'id']).execute();
  await db.schema.createIndex('rewards_tenant_time').on('rewards').columns(['tenant_id', 'created_at', 'id']).execute();
  await db.schema.alterTable('documents').addColumn('conversion_job_id', 'bigint').execute();
}
