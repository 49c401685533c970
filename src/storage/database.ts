import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import type { Database } from './schema.js';
import { migrationProvider } from './migrations/index.js';
import { LecternSqliteDialect, SqliteDataVersion } from './sqlite-dialect.js';

export type Engine = 'sqlite' | 'postgres';

export interface StorageOptions {
  dataDir: string;
  databaseUrl?: string;
  databaseSchema?: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

export interface Storage {
  db: Kysely<Database>;
  engine: Engine;
  /** SQLite only: a token that changes whenever the data may have changed (see SqliteDataVersion). */
  dataVersion?: () => string;
  close(): Promise<void>;
}

// bigint columns hold epoch milliseconds and ids: both fit a JS number exactly.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

function openSqlite(opts: StorageOptions): { db: Kysely<Database>; version: SqliteDataVersion } {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const file = path.join(opts.dataDir, 'lectern.db');
  const handle = new SQLite(file);
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = NORMAL');
  handle.pragma('busy_timeout = 5000');
  handle.pragma('foreign_keys = ON');
  const version = new SqliteDataVersion(handle);
  return { db: new Kysely<Database>({ dialect: new LecternSqliteDialect(handle, version) }), version };
}

function openPostgres(opts: StorageOptions): Kysely<Database> {
  const schema = opts.databaseSchema;
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid DATABASE_SCHEMA "${schema}"`);
  const pool = new pg.Pool({
    connectionString: opts.databaseUrl,
    max: opts.poolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Several processes may start on a fresh database at once; Kysely's own lock exists only after its
 * tables do, so the first migration is serialised with a session advisory lock.
 */
async function withPostgresMigrationLock<T>(db: Kysely<Database>, fn: () => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(7411590)`.execute(conn);
    try {
      return await fn();
    } finally {
      await sql`SELECT pg_advisory_unlock(7411590)`.execute(conn);
    }
  });
}

/**
 * Kysely's migrator finds its own tables by introspecting every schema of the database, which fails
 * with invalid_schema_name when another process drops a schema of its own at that moment (tests
 * that share a database do, at teardown). Each migration runs in a transaction, so trying again is safe.
 */
function isSchemaDroppedMeanwhile(error: unknown, ownSchema: string | undefined): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return e?.code === '3F000' && !(ownSchema && String(e.message).includes(`"${ownSchema}"`));
}

/** Opens the configured database and brings its schema up to date. Safe to run from several processes at once. */
export async function openStorage(opts: StorageOptions): Promise<Storage> {
  const engine: Engine = opts.databaseUrl ? 'postgres' : 'sqlite';
  const sqlite = engine === 'sqlite' ? openSqlite(opts) : undefined;
  const db = sqlite ? sqlite.db : openPostgres(opts);
  if (engine === 'postgres' && opts.databaseSchema) {
    await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(opts.databaseSchema)}`.execute(db);
  }
  const migrator = new Migrator({
    db,
    provider: migrationProvider(engine === 'postgres'),
    // Kysely looks for its bookkeeping tables in every schema unless told which one is ours.
    ...(engine === 'postgres' ? { migrationTableSchema: opts.databaseSchema ?? 'public' } : {}),
  });
  const migrate = () => (engine === 'postgres' ? withPostgresMigrationLock(db, () => migrator.migrateToLatest()) : migrator.migrateToLatest());
  let { error, results } = await migrate();
  for (let retries = 3; error && retries > 0 && isSchemaDroppedMeanwhile(error, opts.databaseSchema); retries--) {
    ({ error, results } = await migrate());
  }
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`database migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { db, engine, dataVersion: sqlite ? () => sqlite.version.current() : undefined, close: () => db.destroy() };
}
