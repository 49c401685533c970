/**
 * Remembers the results of hot lookups (credentials, tenants, users, rooms) while the database
 * provably has not changed: every entry belongs to one data version, and any write — by this
 * process or by another process or the CLI — starts a new version and empties the cache. The
 * version source is the database's own: SQLite's change counter (answered at once), PostgreSQL's
 * version row bumped in the writing transaction (a query per ask, shared by concurrent asks; see
 * storage/pg-data-version.ts). Without a version source it remembers nothing.
 * Cached values are frozen: callers copy, never mutate.
 */
export class ReadCache {
  private entries = new Map<string, unknown>();
  private version: string | undefined;

  constructor(private readonly dataVersion?: () => string | Promise<string>, private readonly maxEntries = 10_000) {}

  async get<T>(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    if (!this.dataVersion) return load();
    const asked = this.dataVersion();
    const synchronous = typeof asked === 'string';
    const before = synchronous ? asked : await asked;
    if (before !== this.version) {
      this.entries.clear();
      this.version = before;
    } else if (this.entries.has(key)) {
      return this.entries.get(key) as T;
    }
    const value = await load();
    // Keep only what was read within one version; absent values are not kept, so an unknown key
    // cannot fill the cache. A version asked of PostgreSQL is not asked again here (a round trip):
    // the load ran after the version was read, so it saw at least that version's data, and a newer
    // version seen meanwhile by another lookup has already moved `this.version` on.
    if (value !== undefined && this.version === before && (!synchronous || this.dataVersion() === before)) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(key, typeof value === 'object' && value !== null ? Object.freeze(value) : value);
    }
    return value;
  }
}
