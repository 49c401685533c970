import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database, DeliveryAttemptRow, DeliveryRow } from '../storage/schema.js';
import type { Engine } from '../storage/database.js';
import { runTransaction } from '../storage/transaction-scope.js';
import { isAcceptance, type Acceptance } from './acceptance.js';
import { prunePrefix } from '../storage/prune-prefix.js';

export type DeliveryState = 'pending' | 'delivering' | 'delivered' | 'failed';
export const DELIVERY_STATES: readonly DeliveryState[] = ['pending', 'delivering', 'delivered', 'failed'];

/** A delivery a planner asks for. */
export interface NewDelivery {
  tenantId: string;
  roomId: number | null;
  kind: string;
  firstEventId: number | null;
  lastEventId: number | null;
  eventCount: number;
  targetUrl: string;
  contentType: string;
  body: string;
  requestId: string | null;
  accept: Acceptance;
  /** ms to wait after attempt n before attempt n+1. */
  retryDelaysMs: readonly number[];
  /** Not sent before this time (a batch collects until then). */
  notBefore: number;
  /** Makes it an open batch that `openBatch` finds until it is due. */
  batchKey?: string;
}

/** A delivery as stored: what was asked for, and how far it has got. */
export interface Delivery extends Omit<NewDelivery, 'retryDelaysMs' | 'notBefore' | 'batchKey'> {
  id: number;
  retryDelaysMs: number[];
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: number;
  leaseOwner: string | null;
  leaseExpiresAt: number | null;
  lastError: string | null;
  resentFrom: number | null;
  createdAt: number;
  finishedAt: number | null;
}

export interface DeliveryAttempt {
  attempt: number;
  owner: string;
  startedAt: number;
  finishedAt: number;
  ok: boolean;
  httpStatus: number | null;
  response: string | null;
  error: string | null;
}

/** What an attempt came to. */
export interface AttemptOutcome {
  startedAt: number;
  ok: boolean;
  httpStatus: number | null;
  response: string | null;
  error: string | null;
}

function toDelivery(row: DeliveryRow): Delivery {
  if (!isAcceptance(row.accept)) throw new Error(`delivery ${row.id} has an unknown acceptance "${row.accept}"`);
  return {
    id: row.id, tenantId: row.tenant_id, roomId: row.room_id, kind: row.kind, firstEventId: row.first_event_id, lastEventId: row.last_event_id,
    eventCount: row.event_count, targetUrl: row.target_url, contentType: row.content_type, body: row.body, requestId: row.request_id,
    accept: row.accept, retryDelaysMs: JSON.parse(row.retry_delays) as number[], state: row.state as DeliveryState, attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at, leaseOwner: row.lease_owner, leaseExpiresAt: row.lease_expires_at, lastError: row.last_error,
    resentFrom: row.resent_from, createdAt: row.created_at, finishedAt: row.finished_at,
  };
}

function toAttempt(row: DeliveryAttemptRow): DeliveryAttempt {
  return { attempt: row.attempt, owner: row.owner, startedAt: row.started_at, finishedAt: row.finished_at, ok: row.ok === 1, httpStatus: row.http_status, response: row.response, error: row.error };
}

/** An open batch: still pending, never attempted, not yet due. */
export interface OpenBatch {
  id: number;
  body: string;
  eventCount: number;
}

/** What planners write, on the transaction of the events that cause the deliveries. */
export class DeliveryWriter {
  constructor(protected readonly db: Kysely<Database>) {}

  async insert(d: NewDelivery, now: number): Promise<number> {
    const row = await this.db.insertInto('deliveries').values({
      tenant_id: d.tenantId, room_id: d.roomId, kind: d.kind, first_event_id: d.firstEventId, last_event_id: d.lastEventId, event_count: d.eventCount,
      target_url: d.targetUrl, content_type: d.contentType, body: d.body, request_id: d.requestId, accept: d.accept,
      retry_delays: JSON.stringify(d.retryDelaysMs), batch_key: d.batchKey ?? null, state: 'pending', attempts: 0, next_attempt_at: d.notBefore,
      lease_owner: null, lease_expires_at: null, last_error: null, resent_from: null, created_at: now, updated_at: now, finished_at: null,
    }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  /**
   * The newest batch of this key that can still take events at `now`, locked for the caller's
   * transaction: the touch is an UPDATE so that on PostgreSQL a second writer waits here and then
   * reads the body the first one wrote, instead of overwriting it with an extension of the old one.
   */
  async openBatch(tenantId: string, batchKey: string, now: number): Promise<OpenBatch | undefined> {
    const candidate = await this.db.selectFrom('deliveries').select('id')
      .where('tenant_id', '=', tenantId).where('batch_key', '=', batchKey).where('state', '=', 'pending')
      .where('attempts', '=', 0).where('next_attempt_at', '>', now).orderBy('id', 'desc').limit(1).executeTakeFirst();
    if (!candidate) return undefined;
    const row = await this.db.updateTable('deliveries').set({ updated_at: now })
      .where('id', '=', candidate.id).where('state', '=', 'pending').where('batch_key', '=', batchKey).where('next_attempt_at', '>', now)
      .returning(['id', 'body', 'event_count']).executeTakeFirst();
    return row ? { id: row.id, body: row.body, eventCount: row.event_count } : undefined;
  }

  /**
   * Replaces an open batch's body with one that carries more events; false when the batch closed
   * meanwhile (a worker leased it: on PostgreSQL this waits for the worker's lease to commit and
   * then sees the batch no longer pending), and the caller starts a new batch.
   */
  async extendBatch(id: number, update: { body: string; lastEventId: number; eventCount: number }, now: number): Promise<boolean> {
    const res = await this.db.updateTable('deliveries').set({ body: update.body, last_event_id: update.lastEventId, event_count: update.eventCount, updated_at: now })
      .where('id', '=', id).where('state', '=', 'pending').where('attempts', '=', 0).where('next_attempt_at', '>', now).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

}

/** The `deliveries` table for workers and operators: leasing and recording attempts run in short statements of their own. */
export class DeliveryStore extends DeliveryWriter {
  constructor(db: Kysely<Database>, private readonly engine: Engine) {
    super(db);
  }

  /**
   * Removes deliveries that finished (delivered or given up) before `before` (ms), with their
   * attempts, oldest first; a delivery still pending keeps the later ones until it finishes.
   */
  pruneFinished(before: number): Promise<number> {
    return prunePrefix({
      read: (limit) => this.db.selectFrom('deliveries').select(['id', 'state', 'finished_at']).orderBy('id').limit(limit).execute(),
      isOld: (row) => (row.state === 'delivered' || row.state === 'failed') && row.finished_at !== null && Number(row.finished_at) < before,
      remove: (lastId) => runTransaction(this.db, async (trx) => {
        await trx.deleteFrom('delivery_attempts').where('delivery_id', '<=', lastId).execute();
        await trx.deleteFrom('deliveries').where('id', '<=', lastId).execute();
      }),
    });
  }

  /**
   * Leases up to `limit` due deliveries: pending ones whose time has come and delivering ones whose
   * lease expired (their worker died). A delivery is due only when no earlier delivery of its room
   * and kind is unfinished, so each room's stream goes out in order. One statement, as for jobs:
   * on PostgreSQL the candidates are locked `FOR UPDATE SKIP LOCKED` and the update checks again
   * that each is still due, so two workers never lease the same row; SQLite has one writer.
   */
  async lease(owner: string, leaseMs: number, limit: number, now: number): Promise<Delivery[]> {
    const isDue = (eb: ExpressionBuilder<Database, 'deliveries'>) => eb.and([
      eb.or([
        eb.and([eb('state', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
        eb.and([eb('state', '=', 'delivering'), eb('lease_expires_at', '<', now)]),
      ]),
      eb.or([
        eb('room_id', 'is', null),
        eb.not(eb.exists(eb.selectFrom('deliveries as earlier').select('earlier.id')
          .whereRef('earlier.room_id', '=', 'deliveries.room_id').whereRef('earlier.kind', '=', 'deliveries.kind')
          .whereRef('earlier.id', '<', 'deliveries.id').where('earlier.state', 'in', ['pending', 'delivering']))),
      ]),
    ]);
    let candidates = this.db.selectFrom('deliveries').select('id').where(isDue).orderBy('next_attempt_at').orderBy('id').limit(limit);
    if (this.engine === 'postgres') candidates = candidates.forUpdate().skipLocked();
    const rows = await this.db.updateTable('deliveries')
      .set({ state: 'delivering', lease_owner: owner, lease_expires_at: now + leaseMs, batch_key: null, updated_at: now })
      .where('id', 'in', candidates).where(isDue).returningAll().execute();
    return rows.map(toDelivery).sort((a, b) => a.id - b.id);
  }

  /**
   * Records an attempt and moves the delivery on: delivered, due again after its next retry delay
   * (counted from the end of this attempt), or failed once its attempts are used up. False when
   * the caller no longer held the lease (it expired and another worker took the delivery over).
   */
  async recordAttempt(d: Delivery, owner: string, outcome: AttemptOutcome, now: number): Promise<boolean> {
    return runTransaction(this.db, async (trx) => {
      const current = await trx.selectFrom('deliveries').select(['attempts']).where('id', '=', d.id)
        .where('state', '=', 'delivering').where('lease_owner', '=', owner).executeTakeFirst();
      if (!current) return false;
      const attempt = current.attempts + 1;
      await trx.insertInto('delivery_attempts').values({
        delivery_id: d.id, attempt, owner, started_at: outcome.startedAt, finished_at: now, ok: outcome.ok ? 1 : 0,
        http_status: outcome.httpStatus, response: outcome.response, error: outcome.error,
      }).execute();
      const base = { attempts: attempt, lease_owner: null, lease_expires_at: null, updated_at: now };
      const retryDelay = d.retryDelaysMs[attempt - 1];
      const next = outcome.ok
        ? { ...base, state: 'delivered', last_error: null, finished_at: now }
        : retryDelay === undefined
          ? { ...base, state: 'failed', last_error: outcome.error, finished_at: now }
          : { ...base, state: 'pending', last_error: outcome.error, next_attempt_at: now + retryDelay };
      await trx.updateTable('deliveries').set(next).where('id', '=', d.id).execute();
      return true;
    });
  }

  async get(id: number): Promise<Delivery | undefined> {
    const row = await this.db.selectFrom('deliveries').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toDelivery(row) : undefined;
  }

  async attempts(deliveryId: number): Promise<DeliveryAttempt[]> {
    const rows = await this.db.selectFrom('delivery_attempts').selectAll().where('delivery_id', '=', deliveryId).orderBy('attempt').execute();
    return rows.map(toAttempt);
  }

  /** Newest first. */
  async list(filter: { tenantId?: string; state?: DeliveryState; limit?: number } = {}): Promise<Delivery[]> {
    let q = this.db.selectFrom('deliveries').selectAll().orderBy('id', 'desc').limit(filter.limit ?? 100);
    if (filter.tenantId !== undefined) q = q.where('tenant_id', '=', filter.tenantId);
    if (filter.state !== undefined) q = q.where('state', '=', filter.state);
    return (await q.execute()).map(toDelivery);
  }

  /**
   * A new delivery of the same body (so the same request id, which lets the receiver see it is a
   * repeat) to the same target, due now, with a fresh set of attempts. It joins the end of its
   * room's stream.
   */
  async resend(id: number, now: number): Promise<number | undefined> {
    const d = await this.get(id);
    if (!d) return undefined;
    const newId = await this.insert({
      tenantId: d.tenantId, roomId: d.roomId, kind: d.kind, firstEventId: d.firstEventId, lastEventId: d.lastEventId, eventCount: d.eventCount,
      targetUrl: d.targetUrl, contentType: d.contentType, body: d.body, requestId: d.requestId, accept: d.accept, retryDelaysMs: d.retryDelaysMs, notBefore: now,
    }, now);
    await this.db.updateTable('deliveries').set({ resent_from: id }).where('id', '=', newId).execute();
    return newId;
  }
}
