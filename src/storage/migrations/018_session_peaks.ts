import type { Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema

/**
 * The peak concurrency of a finished live session, memoised on its row (`peak_count`, `peak_at`;
 * null: not known yet). `peak_version` is bumped by every participation write that can change an
 * ended session's figure (it also clears the memo), and a memo is only stored if the version it was
 * computed under is still current, so a write racing the computation never leaves a stale figure.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('live_sessions').addColumn('peak_count', 'integer').execute();
  await db.schema.alterTable('live_sessions').addColumn('peak_at', 'bigint').execute();
  await db.schema.alterTable('live_sessions').addColumn('peak_version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}
