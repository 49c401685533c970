/**
 * Counts failures per key (a client address) in a fixed window: enough to make guessing six-character
 * codes or six-digit tokens hopeless, small enough to live in memory. Each process counts on its own.
 */
export class FailureLimiter {
  private readonly windows = new Map<string, { start: number; failures: number }>();

  constructor(private readonly maxFailures = 20, private readonly windowMs = 60_000) {}

  /** True while `key` has failures left in its window. */
  allowed(key: string, now = Date.now()): boolean {
    const w = this.windows.get(key);
    return !w || now - w.start >= this.windowMs || w.failures < this.maxFailures;
  }

  fail(key: string, now = Date.now()): void {
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) this.windows.set(key, { start: now, failures: 1 });
    else w.failures++;
    if (this.windows.size > 10_000) this.sweep(now);
  }

  private sweep(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}
