import { sql, type Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema

/**
 * The tables read caches keep rows of (see core/read-cache.ts). Every statement that writes one of
 * them moves the data version on.
 */
export const CACHED_TABLES = ['tenants', 'tenant_credentials', 'users', 'rooms', 'room_passes'] as const;

/**
 * PostgreSQL only: one row holding the version of the cached tables, bumped by a statement trigger
 * inside the writing transaction, so the new version becomes visible exactly when the write does —
 * whoever writes (any Lectern process, the CLI, hand-written SQL). A process that reads the version
 * before using its cache therefore never serves a row older than a committed write. The trigger
 * fires BEFORE the statement, so a transaction takes the version row's lock before it changes any
 * cached row (writers of cached tables queue on it rather than deadlock over each other's rows).
 * Writes to these tables are administrative (rooms, users, credentials, session start and end),
 * never per classroom message, so queueing them costs nothing that matters. SQLite has
 * its own change counter (`PRAGMA data_version`) and needs none of this.
 */
export async function up(db: AnyDb, postgres: boolean): Promise<void> {
  if (!postgres) return;
  await db.schema.createTable('cache_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();
  await db.insertInto('cache_version').values({ id: 1, version: 0 }).execute();
  await sql`CREATE FUNCTION bump_cache_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE cache_version SET version = version + 1 WHERE id = 1;
      RETURN NULL;
    END $$`.execute(db);
  for (const table of CACHED_TABLES) {
    await sql`CREATE TRIGGER ${sql.id(`${table}_bump_cache_version`)} BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${sql.id(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_version()`.execute(db);
  }
}
