import type SQLite from 'better-sqlite3';
import { CompiledQuery, SqliteDialect, type DatabaseConnection, type Driver, type QueryCompiler, type SqliteDatabase, type SqliteStatement } from 'kysely';
import { insideOpenTransaction } from './transaction-scope.js';

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew, and preparing costs more than running an indexed lookup.
 * Statements are reused by SQL text (values are bound, never in the text, so the set is small;
 * the cache is bounded all the same). Reuse is safe: SQLite's single connection runs one query
 * at a time, and SQLite re-prepares a statement by itself when a migration changes the schema.
 */
function withStatementCache(handle: SQLite.Database, version: SqliteDataVersion): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => handle.close(),
    prepare(text: string): SqliteStatement {
      let stmt = cache.get(text);
      if (!stmt) {
        stmt = version.watch(handle.prepare(text));
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
        cache.set(text, stmt);
      }
      return stmt;
    },
  };
}

/**
 * A token that changes whenever the database may have changed: after any writing statement run
 * through this handle (a rollback included), and after a commit by any other connection — another
 * Lectern process or the CLI — which SQLite reports through `PRAGMA data_version`. Read caches
 * compare it to decide whether what they hold is still what the database says.
 */
export class SqliteDataVersion {
  #local = 0;
  #external = 0;
  #readAt = -Infinity;
  #token: string | undefined;
  readonly #pragma: SQLite.Statement;

  /**
   * @param externalFreshnessMs how long the other connections' part may be reused: asking SQLite
   *   costs more than the lookups it guards, and a commit elsewhere is seen within this time.
   *   This process's own writes are always seen at once.
   */
  constructor(handle: SQLite.Database, private readonly externalFreshnessMs = 1) {
    this.#pragma = handle.prepare('PRAGMA data_version').pluck();
  }

  current(): string {
    const now = performance.now();
    if (now - this.#readAt >= this.externalFreshnessMs) {
      const external = this.#pragma.get() as number;
      if (external !== this.#external) {
        this.#external = external;
        this.#token = undefined;
      }
      this.#readAt = now;
    }
    // Asked several times per request: the token string is made only when a part has changed.
    return (this.#token ??= `${this.#external}.${this.#local}`);
  }

  /**
   * Wraps a statement that may write (`INSERT … RETURNING` included, which reads as rows) so that
   * running it moves the version on.
   */
  watch(stmt: SQLite.Statement): SqliteStatement {
    // BEGIN IMMEDIATE is not read-only to SQLite (it takes the write lock), but it changes no data.
    if (stmt.readonly || /^\s*begin\b/i.test(stmt.source)) return stmt;
    const wrote = <T>(run: () => T): T => {
      try {
        return run();
      } finally {
        this.#local++;
        this.#token = undefined;
      }
    };
    return {
      reader: stmt.reader,
      all: (parameters) => wrote(() => stmt.all(parameters)),
      iterate: (parameters) => wrote(() => stmt.iterate(parameters)),
      run: (parameters) => wrote(() => stmt.run(parameters)),
    };
  }
}

/** How long a query may wait for SQLite's one connection before it is refused (see ConnectionQueue). */
export const CONNECTION_WAIT_LIMIT_MS = 30_000;

interface Waiter {
  resolve(): void;
  reject(err: Error): void;
  since: number;
}

/**
 * First come, first served hand-off of SQLite's single connection. Kysely's own lock wakes every
 * waiter on each release (they all re-check and wait again), which costs O(waiters) per query
 * under concurrent requests; queueing in front of it means Kysely's lock is never contended.
 * A waiter that has waited `waitLimitMs` is refused: where transactions are not tracked
 * (transaction-scope.ts), a query on the outer database inside an open transaction would otherwise
 * wait forever; no healthy query waits that long for a connection its statements hold for
 * milliseconds.
 */
export class ConnectionQueue {
  #busy = false;
  readonly #waiting: Waiter[] = [];
  #sweeper: NodeJS.Timeout | undefined;

  constructor(private readonly waitLimitMs = CONNECTION_WAIT_LIMIT_MS) {}

  get busy(): boolean {
    return this.#busy;
  }

  async acquire(): Promise<void> {
    if (!this.#busy) {
      this.#busy = true;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      this.#waiting.push({ resolve, reject, since: performance.now() });
      this.#sweeper ??= setInterval(() => this.#refuseStale(), Math.min(1_000, this.waitLimitMs)).unref();
    });
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next) next.resolve();
    else this.#busy = false;
    if (this.#waiting.length === 0) this.#stopSweeping();
  }

  #refuseStale(): void {
    const now = performance.now();
    // The oldest wait first; the queue is in arrival order.
    while (this.#waiting.length > 0 && now - this.#waiting[0].since >= this.waitLimitMs) {
      this.#waiting.shift()!.reject(new Error(`waited ${Math.round(this.waitLimitMs / 1000)} s for the SQLite connection: is a query on the outer database waiting inside an open transaction? (use the transaction's services)`));
    }
    if (this.#waiting.length === 0) this.#stopSweeping();
  }

  #stopSweeping(): void {
    if (this.#sweeper) clearInterval(this.#sweeper);
    this.#sweeper = undefined;
  }
}

class QueuedDriver implements Driver {
  readonly #queue = new ConnectionQueue();

  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#queue.busy && insideOpenTransaction()) {
      // The open transaction holds the one connection until this code finishes: waiting would never end.
      throw new Error('a query on the outer database inside an open transaction would wait forever on SQLite: use the transaction\'s services (Services.transaction\'s tx)');
    }
    await this.#queue.acquire();
    try {
      return await this.inner.acquireConnection();
    } catch (err) {
      this.#queue.release();
      throw err;
    }
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    try {
      await this.inner.releaseConnection(connection);
    } finally {
      this.#queue.release();
    }
  }

  /**
   * Transactions take SQLite's write lock when they begin. A deferred transaction that reads before
   * it writes fails at once with SQLITE_BUSY, which busy_timeout does not retry, when another process
   * committed in between; asking for the lock first makes it wait its turn instead. Within one
   * process the connection queue already runs one transaction at a time, so this costs nothing.
   */
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.inner.savepoint!(connection, name, compile);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.inner.rollbackToSavepoint!(connection, name, compile);
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.inner.releaseSavepoint!(connection, name, compile);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/** Kysely's SQLite dialect with reused prepared statements and a FIFO connection queue. */
export class LecternSqliteDialect extends SqliteDialect {
  constructor(handle: SQLite.Database, version: SqliteDataVersion) {
    super({ database: withStatementCache(handle, version) });
  }

  override createDriver(): Driver {
    return new QueuedDriver(super.createDriver());
  }
}
