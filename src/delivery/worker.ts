import { randomBytes } from 'node:crypto';
import { judgeReply } from './acceptance.js';
import type { AttemptOutcome, Delivery, DeliveryStore } from './store.js';

export interface DeliveryWorkerOptions {
  /** Names this worker in leases and attempts (default: random). */
  owner?: string;
  /** How often due deliveries are looked for (default 250 ms). */
  pollMs?: number;
  /** How long a lease holds; a delivery whose worker died is taken over after this (default 30 s). */
  leaseMs?: number;
  /** A receiver that has not answered after this long has failed the attempt (default 10 s). */
  timeoutMs?: number;
  /** Most deliveries sent at once (default 8; each room's stream still goes one at a time). */
  concurrency?: number;
  /** The clock (tests scale it); epoch ms. */
  clock?: () => number;
  /** Reports unexpected errors (a failed database read); delivery problems are recorded on the delivery. */
  onError?: (err: unknown) => void;
}

/** The first characters of a reply kept with each attempt. */
const SNIPPET_CHARS = 500;

/**
 * Sends due deliveries: leases them, posts each body, records the attempt. A delivery is sent at
 * least once: if the process dies after the receiver answered and before the attempt is
 * recorded, the lease expires and another worker sends it again (with the same body and request id).
 */
export class DeliveryWorker {
  readonly owner: string;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly timeoutMs: number;
  private readonly concurrency: number;
  private readonly clock: () => number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly store: DeliveryStore, private readonly opts: DeliveryWorkerOptions = {}) {
    this.owner = opts.owner ?? `delivery-${randomBytes(6).toString('hex')}`;
    this.pollMs = opts.pollMs ?? 250;
    this.leaseMs = opts.leaseMs ?? 30_000;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.concurrency = opts.concurrency ?? 8;
    this.clock = opts.clock ?? Date.now;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling and waits for the deliveries under way to be recorded. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await Promise.all(this.inFlight);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => this.schedule(this.pollMs));
    }, ms);
  }

  private async tick(): Promise<void> {
    try {
      const free = this.concurrency - this.inFlight.size;
      if (free <= 0) return;
      const leased = await this.store.lease(this.owner, this.leaseMs, free, this.clock());
      for (const d of leased) {
        const p = this.deliver(d).catch((err: unknown) => this.opts.onError?.(err)).finally(() => this.inFlight.delete(p));
        this.inFlight.add(p);
      }
    } catch (err) {
      this.opts.onError?.(err);
    }
  }

  /** Leases what is due now and sends it, waiting for every attempt to be recorded (tests drive the clock with this). */
  async runOnce(): Promise<number> {
    const leased = await this.store.lease(this.owner, this.leaseMs, this.concurrency, this.clock());
    await Promise.all(leased.map((d) => this.deliver(d)));
    return leased.length;
  }

  private async deliver(d: Delivery): Promise<void> {
    const outcome = await this.post(d);
    await this.store.recordAttempt(d, this.owner, outcome, this.clock());
  }

  private async post(d: Delivery): Promise<AttemptOutcome> {
    const startedAt = this.clock();
    try {
      const res = await fetch(d.targetUrl, {
        method: 'POST', headers: { 'content-type': d.contentType }, body: d.body, redirect: 'manual', signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await res.text();
      const verdict = judgeReply(d.accept, res.status, text);
      return { startedAt, ok: verdict.ok, httpStatus: res.status, response: text.slice(0, SNIPPET_CHARS), error: verdict.ok ? null : verdict.reason };
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
      return { startedAt, ok: false, httpStatus: null, response: null, error: `${err instanceof Error ? err.message : String(err)}${cause}` };
    }
  }
}
