import type { Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema

/**
 * The running peak of a live session, kept up to date by the ingestion service in the transaction
 * of each join and leave (src/core/running-peak.ts), so that CC's max_parallel of a live does not
 * sort every interval. `run_valid` is 1 only for a session started through the ingestion service
 * whose room's participation writes have all come in time order since; otherwise (imported or
 * back-filled data, sessions older than this migration) the figure is computed (migration 018).
 * `run_level` is the count after the events of instant `run_t` seen so far; `run_joined` whether
 * someone joined at `run_t`; `run_peak` / `run_peak_at` the peak over the instants before `run_t`.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('live_sessions').addColumn('run_valid', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('live_sessions').addColumn('run_level', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('live_sessions').addColumn('run_t', 'bigint').execute();
  await db.schema.alterTable('live_sessions').addColumn('run_joined', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('live_sessions').addColumn('run_peak', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('live_sessions').addColumn('run_peak_at', 'bigint').execute();
}
