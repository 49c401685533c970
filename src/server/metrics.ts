import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Services } from '../core/services.js';

/** What the live gateway reports about this process's rooms. */
export interface LiveLoad {
  rooms(): number;
  participants(): number;
  connections(): number;
}

/**
 * The Prometheus registry of one app: requests by dialect, endpoint and vendor result code, their
 * latency, the live gateway's rooms and people, the outbound-callback and job queues, event-loop lag.
 * A registry per app (not prom-client's global one), so that several apps in one process (tests)
 * count apart.
 */
export class LecternMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'dialect' | 'endpoint' | 'code'>;
  private readonly latency: Histogram<'dialect' | 'endpoint'>;
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 20 });
  private live: LiveLoad | undefined;
  /** Each label set's children, found once: prom-client hashes the labels on every call otherwise. */
  private readonly series = new Map<string, { count: { inc(): void }; latency: { observe(v: number): void } }>();

  constructor(services: Services) {
    this.loopDelay.enable();
    collectDefaultMetrics({ register: this.registry, prefix: 'lectern_process_' });
    this.requests = new Counter({
      name: 'lectern_requests_total', help: 'HTTP requests answered, by dialect, endpoint (the table path, or "unknown") and vendor result code',
      labelNames: ['dialect', 'endpoint', 'code'], registers: [this.registry],
    });
    this.latency = new Histogram({
      name: 'lectern_request_duration_seconds', help: 'Time from request to answer, by dialect and endpoint',
      labelNames: ['dialect', 'endpoint'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [this.registry],
    });
    const live = () => this.live;
    const loopDelay = this.loopDelay;
    new Gauge({ name: 'lectern_live_rooms', help: 'Rooms with someone connected to this process', registers: [this.registry], collect() { this.set(live()?.rooms() ?? 0); } });
    new Gauge({ name: 'lectern_live_participants', help: 'People in a live room through this process', registers: [this.registry], collect() { this.set(live()?.participants() ?? 0); } });
    new Gauge({ name: 'lectern_live_connections', help: 'Open live WebSocket connections', registers: [this.registry], collect() { this.set(live()?.connections() ?? 0); } });
    new Gauge({
      name: 'lectern_outbox_pending', help: 'Outbound callback deliveries waiting to go out (pending or delivering)', registers: [this.registry],
      async collect() {
        const row = await services.db.selectFrom('deliveries').select((eb) => eb.fn.countAll<number | string>().as('n')).where('state', 'in', ['pending', 'delivering']).executeTakeFirst();
        this.set(Number(row?.n ?? 0));
      },
    });
    new Gauge({
      name: 'lectern_job_queue_depth', help: 'Background jobs not finished, by state', labelNames: ['state'], registers: [this.registry],
      async collect() {
        const rows = await services.db.selectFrom('jobs').select(['state', (eb) => eb.fn.countAll<number | string>().as('n')]).where('state', 'in', ['pending', 'running']).groupBy('state').execute();
        this.reset();
        for (const state of ['pending', 'running']) this.set({ state }, Number(rows.find((r) => r.state === state)?.n ?? 0));
      },
    });
    new Gauge({
      name: 'lectern_event_loop_lag_seconds', help: 'Event-loop delay since the last scrape (p99 and max)', labelNames: ['quantile'], registers: [this.registry],
      collect() {
        this.set({ quantile: '0.99' }, loopDelay.percentile(99) / 1e9);
        this.set({ quantile: 'max' }, loopDelay.max / 1e9);
        loopDelay.reset();
      },
    });
  }

  attachLive(live: LiveLoad): void {
    this.live = live;
  }

  observeRequest(dialect: string, endpoint: string, code: string, seconds: number): void {
    const key = `${dialect}\0${endpoint}\0${code}`;
    let series = this.series.get(key);
    if (!series) {
      series = { count: this.requests.labels(dialect, endpoint, code), latency: this.latency.labels(dialect, endpoint) };
      this.series.set(key, series);
    }
    series.count.inc();
    series.latency.observe(seconds);
  }

  close(): void {
    this.loopDelay.disable();
  }
}
