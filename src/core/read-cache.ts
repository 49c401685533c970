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
  private readonly state: { entries: Map<string, unknown>; version: string | undefined } = { entries: new Map(), version: undefined };
  /** In a request's view: the pinned version this view has already looked up under. */
  private usedVersion: string | undefined;
  private isView = false;

  /**
   * @param pinnedVersion where asking the version costs a round trip (PostgreSQL): a version asked
   *   once per request (see `forOneRequest`).
   */
  constructor(
    private readonly dataVersion?: () => string | Promise<string>,
    private readonly maxEntries = 10_000,
    private readonly pinnedVersion?: () => () => Promise<string>,
  ) {}

  /**
   * The same cache for the lookups of one request: the version is asked at its first lookup (after
   * the request began, so every write committed before it is seen) and reused by its later ones
   * until this process writes. Without a costly version source, the cache itself.
   */
  forOneRequest(): ReadCache {
    if (!this.pinnedVersion) return this;
    const view = Object.create(this) as ReadCache;
    Object.assign(view, { dataVersion: this.pinnedVersion(), isView: true, usedVersion: undefined });
    return view;
  }

  async get<T>(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    if (!this.dataVersion) return load();
    const state = this.state;
    const asked = this.dataVersion();
    const synchronous = typeof asked === 'string';
    const before = synchronous ? asked : await asked;
    if (before !== state.version) {
      // A request's pinned version that another lookup has since moved past: read through.
      if (this.isView && this.usedVersion === before) return load();
      state.entries.clear();
      state.version = before;
    } else if (state.entries.has(key)) {
      this.usedVersion = before;
      return state.entries.get(key) as T;
    }
    this.usedVersion = before;
    const value = await load();
    // Keep only what was read within one version; absent values are not kept, so an unknown key
    // cannot fill the cache. A version asked of PostgreSQL is not asked again here (a round trip):
    // the load ran after the version was read, so it saw at least that version's data, and a newer
    // version seen meanwhile by another lookup has already moved `state.version` on.
    if (value !== undefined && state.version === before && (!synchronous || this.dataVersion() === before)) {
      if (state.entries.size >= this.maxEntries) state.entries.clear();
      state.entries.set(key, typeof value === 'object' && value !== null ? Object.freeze(value) : value);
    }
    return value;
  }
}
