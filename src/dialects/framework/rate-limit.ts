/**
 * At most `limit` events per key within any `windowMs`, counted in this process (a sliding window).
 * Several Lectern processes each count their own share: the limit protects each process, and a
 * client that spreads its calls over them gets a proportionally larger allowance.
 */
export class SlidingWindowLimit {
  private readonly hits = new Map<string, number[]>();

  constructor(readonly limit: number, readonly windowMs: number) {}

  /** Counts one event for `key`; false (and not counted) when the key already had `limit` in the window. */
  take(key: string, now = Date.now()): boolean {
    const recent = this.hits.get(key) ?? [];
    let expired = 0;
    while (expired < recent.length && recent[expired] <= now - this.windowMs) expired++;
    if (expired) recent.splice(0, expired);
    if (recent.length >= this.limit) return false;
    recent.push(now);
    this.hits.set(key, recent);
    return true;
  }
}
