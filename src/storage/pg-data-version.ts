import pg from 'pg';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

/** How long one request's pinned version is reused at most. */
const PIN_LIFETIME_MS = 250;

const VERSION_QUERY = { name: 'lectern_cache_version', text: 'SELECT version FROM cache_version WHERE id = 1' };

/**
 * PostgreSQL's data version for read caches: the `cache_version` row (migration 019), which every
 * write to a cached table bumps inside its own transaction. Each `current()` is answered by a query
 * issued after it was asked, so a write whose commit returned before the ask — in any process — is
 * always seen. Asks that arrive while a query is out share the next one: under load one round trip
 * serves every request waiting, at rest it is one short round trip per ask.
 *
 * It has a connection of its own (the pool's connections are busy with the requests the version
 * guards). When that connection fails the version is a token never seen before, so caches keep
 * nothing; the next ask reconnects, and the new connection's versions start a new generation, so
 * whatever was cached before the failure is dropped.
 */
export class PostgresDataVersion {
  #client: Promise<pg.Client> | undefined;
  #generation = 0;
  #failures = 0;
  #running: Promise<string> | undefined;
  #queued: Promise<string> | undefined;
  #closed = false;
  #localWrites = 0;
  constructor(private readonly config: pg.ClientConfig, private readonly onQuery?: (sql: string) => void) {}

  current(): Promise<string> {
    if (!this.#running) return this.#start();
    // The query out was sent before this ask: wait for the next one.
    this.#queued ??= this.#running.then(() => {
      this.#queued = undefined;
      return this.#start();
    });
    return this.#queued;
  }

  /**
   * A version asked once and then reused — by one request's lookups — until this process writes:
   * the first ask is answered by a fresh query (so it sees every write committed before the request
   * began), and the request's own writes are seen by its later lookups. After PIN_LIFETIME_MS it is
   * asked again.
   */
  pinned(): () => Promise<string> {
    let writes = -1;
    let askedAt = -Infinity;
    let version: Promise<string> = Promise.resolve('');
    return () => {
      // Bounded in time too: work a request leaves behind (a callback, a timer) does not read
      // through an old version for long.
      if (writes !== this.#localWrites || performance.now() - askedAt > PIN_LIFETIME_MS) {
        writes = this.#localWrites;
        askedAt = performance.now();
        version = this.current();
      }
      return version;
    };
  }

  /** A Kysely plugin that tells this version of every write statement this process has run. */
  writeWatcher(): KyselyPlugin {
    return {
      transformQuery: (args: PluginTransformQueryArgs): RootOperationNode => args.node,
      transformResult: async (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => {
        // INSERT, UPDATE, DELETE and MERGE report affected rows (zero included); reads do not.
        if (args.result.numAffectedRows !== undefined) this.#localWrites++;
        return args.result;
      },
    };
  }

  async close(): Promise<void> {
    this.#closed = true;
    const client = this.#client;
    this.#client = undefined;
    if (client) await client.then((c) => c.end(), () => undefined);
  }

  #start(): Promise<string> {
    const p = this.#read().finally(() => {
      if (this.#running === p) this.#running = undefined;
    });
    this.#running = p;
    return p;
  }

  async #read(): Promise<string> {
    if (this.#closed) return this.#failed();
    try {
      const client = await this.#connect();
      this.onQuery?.(VERSION_QUERY.text);
      const res = await client.query<{ version: number }>(VERSION_QUERY);
      return `${this.#generation}.${res.rows[0]?.version ?? 'none'}`;
    } catch {
      this.#reset();
      return this.#failed();
    }
  }

  #connect(): Promise<pg.Client> {
    if (!this.#client) {
      const client = new pg.Client(this.config);
      // A connection that breaks between queries: forget it, the next ask opens another.
      client.on('error', () => this.#reset());
      this.#generation++;
      this.#client = client.connect().then(() => client);
    }
    return this.#client;
  }

  #reset(): void {
    const client = this.#client;
    this.#client = undefined;
    if (client) void client.then((c) => c.end(), () => undefined).catch(() => undefined);
  }

  /** A version no cache holds: nothing is served from cache and nothing read is kept. */
  #failed(): string {
    return `failed.${++this.#failures}`;
  }
}
