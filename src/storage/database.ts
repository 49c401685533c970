import fs from 'node:fs';
import { WriteObserverPlugin } from './write-observer.js';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, type LogEvent, PostgresDialect, sql, type DatabaseIntrospector, type PostgresDialectConfig, type SchemaMetadata, type TableMetadata } from 'kysely';
import type { Database } from './schema.js';
import { migrationProvider } from './migrations/index.js';
import { LecternSqliteDialect, SqliteDataVersion } from './sqlite-dialect.js';
import { PostgresDataVersion } from './pg-data-version.js';

export type Engine = 'sqlite' | 'postgres';

export interface StorageOptions {
  dataDir: string;
  databaseUrl?: string;
  databaseSchema?: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
  /** Told the SQL of every query run through Kysely (tests count round trips with it). */
  onQuery?: (sql: string) => void;
}

export interface Storage {
  db: Kysely<Database>;
  engine: Engine;
  /**
   * A token that changes whenever the rows read caches keep may have changed: SQLite's change
   * counter (SqliteDataVersion), PostgreSQL's version row (PostgresDataVersion, asked per call).
   */
  dataVersion: () => string | Promise<string>;
  /** PostgreSQL: a data version for one request's lookups (see PostgresDataVersion.pinned). */
  pinnedDataVersion?: () => () => Promise<string>;
  close(): Promise<void>;
}

// bigint columns hold epoch milliseconds and ids: both fit a JS number exactly.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

const queryLog = (opts: StorageOptions) => {
  const onQuery = opts.onQuery;
  return onQuery ? { log: (event: LogEvent) => onQuery(event.query.sql) } : {};
};

function openSqlite(opts: StorageOptions): { db: Kysely<Database>; version: SqliteDataVersion } {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const file = path.join(opts.dataDir, 'lectern.db');
  const handle = new SQLite(file);
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = NORMAL');
  handle.pragma('busy_timeout = 5000');
  handle.pragma('foreign_keys = ON');
  const version = new SqliteDataVersion(handle);
  return { db: new Kysely<Database>({ dialect: new LecternSqliteDialect(handle, version), plugins: [new WriteObserverPlugin()], ...queryLog(opts) }), version };
}

/**
 * Kysely's PostgreSQL introspector (which its migrator asks whether its tables exist) reads every
 * schema of the database; a schema another process drops meanwhile (test suites sharing a database
 * do) fails that query, and with it the migration. Lectern lives in one schema and only ever asks
 * which tables exist, so its introspector reads that schema alone.
 */
class OneSchemaPostgresDialect extends PostgresDialect {
  constructor(config: PostgresDialectConfig, private readonly schema: string) {
    super(config);
  }

  override createIntrospector(db: Kysely<any>): DatabaseIntrospector { // eslint-disable-line @typescript-eslint/no-explicit-any -- Kysely's own signature
    const schema = this.schema;
    const getTables = async (): Promise<TableMetadata[]> => {
      const rows = await sql<{ name: string; type: string }>`select table_name as name, table_type as type from information_schema.tables where table_schema = ${schema}`.execute(db);
      // Tables only, without their columns: nothing in Lectern reads columns through introspection.
      return rows.rows.map((r) => ({ name: r.name, schema, isView: r.type === 'VIEW', columns: [] }));
    };
    return {
      getSchemas: async (): Promise<SchemaMetadata[]> => (await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace where nspname = ${schema}`.execute(db)).rows,
      getTables,
      getMetadata: async () => ({ tables: await getTables() }),
    };
  }
}

function openPostgres(opts: StorageOptions): { db: Kysely<Database>; version: PostgresDataVersion } {
  const schema = opts.databaseSchema;
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid DATABASE_SCHEMA "${schema}"`);
  const connection = { connectionString: opts.databaseUrl, ...(schema ? { options: `-c search_path=${schema}` } : {}) };
  const pool = new pg.Pool({ ...connection, max: opts.poolSize ?? 10 });
  const version = new PostgresDataVersion(connection, opts.onQuery);
  const db = new Kysely<Database>({ dialect: new OneSchemaPostgresDialect({ pool }, schema ?? 'public'), plugins: [new WriteObserverPlugin(), version.writeWatcher()], ...queryLog(opts) });
  return { db, version };
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
 * A migration that failed because another process dropped a schema of its own at that moment
 * (invalid_schema_name naming another schema). OneSchemaPostgresDialect keeps Kysely's introspection
 * out of other schemas; this stays as a safety net. Each migration runs in a transaction, so trying
 * again is safe.
 */
function isSchemaDroppedMeanwhile(error: unknown, ownSchema: string | undefined): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return e?.code === '3F000' && !(ownSchema && String(e.message).includes(`"${ownSchema}"`));
}

/** Opens the configured database and brings its schema up to date. Safe to run from several processes at once. */
export async function openStorage(opts: StorageOptions): Promise<Storage> {
  const engine: Engine = opts.databaseUrl ? 'postgres' : 'sqlite';
  const opened = engine === 'sqlite' ? openSqlite(opts) : openPostgres(opts);
  const db = opened.db;
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
    if (opened.version instanceof PostgresDataVersion) await opened.version.close();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`database migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const version = opened.version;
  return {
    db,
    engine,
    dataVersion: () => version.current(),
    ...(version instanceof PostgresDataVersion ? { pinnedDataVersion: () => version.pinned() } : {}),
    async close() {
      await db.destroy();
      if (version instanceof PostgresDataVersion) await version.close();
    },
  };
}
