/**
 * Remembers the results of hot lookups (credentials, tenants, users, rooms) while the database
 * provably has not changed: every entry belongs to one data version, and any write — by this
 * process or, through the database's own change counter, by another process or the CLI — starts a
 * new version and empties the cache. Without a version source (PostgreSQL) it remembers nothing.
 * Cached values are frozen: callers copy, never mutate.
 */
export class ReadCache {
  private entries = new Map<string, unknown>();
  private version: string | undefined;

  constructor(private readonly dataVersion?: () => string, private readonly maxEntries = 10_000) {}

  async get<T>(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    if (!this.dataVersion) return load();
    const before = this.dataVersion();
    if (before !== this.version) {
      this.entries.clear();
      this.version = before;
    } else if (this.entries.has(key)) {
      return this.entries.get(key) as T;
    }
    const value = await load();
    // Keep only what was read within one version; absent values are not kept, so an unknown key
    // cannot fill the cache.
    if (value !== undefined && this.dataVersion() === before && this.version === before) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(key, typeof value === 'object' && value !== null ? Object.freeze(value) : value);
    }
    return value;
  }
}
