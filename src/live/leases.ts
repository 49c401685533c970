import type { Services } from '../core/services.js';
import { randomHex } from '../core/ids.js';

export interface LeaseOptions {
  /** How long a lease lasts without renewal; a process silent this long is taken for dead. */
  leaseMs?: number;
  /** How often the lease is renewed and dead processes are looked for (default: a third of leaseMs). */
  renewMs?: number;
  onError?: (err: unknown) => void;
}

export const DEFAULT_LEASE_MS = 15_000;

/**
 * This process's lease in `live_nodes`. Presence is per process (a person's connections, grace
 * timers), so when a process dies nobody would ever close the participations it opened: each live
 * process renews its own lease every few seconds and closes the open participations of processes
 * whose lease has expired, at the lease's expiry (the last moment that process was known alive).
 * The worst case from a process's death to its people's leave is leaseMs + renewMs.
 */
export class LiveLeases {
  readonly nodeId = `${process.pid}-${randomHex(8)}`;
  readonly leaseMs: number;
  readonly renewMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly services: Services, private readonly opts: LeaseOptions = {}) {
    this.leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
    this.renewMs = opts.renewMs ?? Math.max(100, Math.floor(this.leaseMs / 3));
  }

  /** Takes the lease, closes what dead processes left open, and keeps doing both. */
  async start(): Promise<void> {
    await this.tick();
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.tick()).catch((err: unknown) => (this.opts.onError ?? console.error)(err));
    }, this.renewMs);
    this.timer.unref();
  }

  /** Gives the lease up (a clean shutdown: the gateway has recorded its people's leaves already). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running.catch(() => {});
    await this.services.db.deleteFrom('live_nodes').where('node_id', '=', this.nodeId).execute();
  }

  private async tick(now = Date.now()): Promise<void> {
    await this.renew(now);
    await this.sweep(now);
  }

  private async renew(now: number): Promise<void> {
    const db = this.services.db;
    const expiresAt = now + this.leaseMs;
    const { numUpdatedRows } = await db.updateTable('live_nodes').set({ expires_at: expiresAt }).where('node_id', '=', this.nodeId).executeTakeFirst();
    if (Number(numUpdatedRows) === 0) {
      await db.insertInto('live_nodes').values({ node_id: this.nodeId, started_at: now, expires_at: expiresAt })
        .onConflict((oc) => oc.column('node_id').doUpdateSet({ expires_at: expiresAt })).execute();
    }
  }

  /**
   * Closes the participations of every expired lease. Deleting the lease row first claims the
   * clean-up, so two live processes never record the same leave twice.
   */
  async sweep(now = Date.now()): Promise<number> {
    const db = this.services.db;
    const expired = await db.selectFrom('live_nodes').select(['node_id', 'expires_at']).where('expires_at', '<', now).where('node_id', '!=', this.nodeId).execute();
    let closed = 0;
    for (const node of expired) {
      const claimed = await db.deleteFrom('live_nodes').where('node_id', '=', node.node_id).where('expires_at', '=', node.expires_at).executeTakeFirst();
      if (Number(claimed.numDeletedRows) === 0) continue;
      const open = await db.selectFrom('participations').select(['id', 'tenant_id', 'room_id', 'participant_id'])
        .where('node_id', '=', node.node_id).where('left_at', 'is', null).orderBy('id').execute();
      for (const p of open) {
        const room = await this.services.rooms.find(p.tenant_id, { id: Number(p.room_id) });
        if (!room) continue;
        await this.services.ingestion.leave(room, Number(p.participant_id), Number(node.expires_at), Number(p.id));
        closed++;
      }
    }
    return closed;
  }
}
