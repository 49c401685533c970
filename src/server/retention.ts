import type { RetentionDays } from '../config.js';
import type { Services } from '../core/services.js';
import { DeliveryStore } from '../delivery/store.js';

const DAY_MS = 86_400_000;
/** How often a running server prunes: history is kept in days, so an hour late changes nothing. */
export const RETENTION_INTERVAL_MS = 3_600_000;

export interface Pruned {
  /** Classroom events removed from the outbox. */
  events: number;
  /** Finished callback deliveries removed, with their attempts. */
  deliveries: number;
}

/**
 * Removes history older than the retention allows: the classroom event outbox (kept for clients
 * resuming after a reconnect and for filling gaps in live delivery; the classroom records the
 * exports read are other tables, never pruned) and finished callback deliveries. 0 days keeps a kind.
 */
export async function pruneHistory(services: Services, days: RetentionDays, now = Date.now()): Promise<Pruned> {
  const events = days.events > 0 ? await services.roomEvents.prune(now - days.events * DAY_MS) : 0;
  const deliveries = days.deliveries > 0 ? await new DeliveryStore(services.db, services.engine).pruneFinished(now - days.deliveries * DAY_MS) : 0;
  return { events, deliveries };
}

/** A running server's pruning: at start, then every hour (each process; removing twice is harmless). */
export class HistoryRetention {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly run: () => Promise<Pruned>,
    private readonly report: { pruned(p: Pruned): void; failed(err: unknown): void },
    private readonly intervalMs = RETENTION_INTERVAL_MS,
  ) {}

  start(): void {
    const tick = () => {
      this.running = this.running.then(async () => {
        const pruned = await this.run();
        if (pruned.events > 0 || pruned.deliveries > 0) this.report.pruned(pruned);
      }).catch((err: unknown) => this.report.failed(err));
    };
    tick();
    this.timer = setInterval(tick, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
