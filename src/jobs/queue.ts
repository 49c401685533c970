import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database, JobRow } from '../storage/schema.js';
import type { Engine } from '../storage/database.js';
import { parseJsonObject, type JsonObject } from '../core/json.js';

export type JobState = 'pending' | 'running' | 'done' | 'failed';

export interface NewJob {
  tenantId: string;
  /** What the job does, e.g. `media.convert-document`; workers lease the kinds they can do. */
  kind: string;
  payload: JsonObject;
  /** Leases granted before the job fails for good (default 5). */
  maxAttempts?: number;
  /** Not leased before this time (default: at once). */
  runAfter?: number;
}

export interface LeaseRequest {
  kinds: readonly string[];
  /** Names the worker; only the lease holder may finish or renew the job. */
  owner: string;
  /** How long the lease holds unless renewed; an expired lease makes the job due again. */
  leaseMs: number;
  limit?: number;
}

/** A job as a worker or a reader sees it. */
export interface Job {
  id: number;
  tenantId: string;
  kind: string;
  state: JobState;
  payload: JsonObject;
  result: JsonObject | null;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  createdAt: number;
  finishedAt: number | null;
}

const toJob = (r: JobRow): Job => ({
  id: r.id,
  tenantId: r.tenant_id,
  kind: r.kind,
  state: r.state as JobState,
  payload: parseJsonObject(r.payload),
  result: r.result === null ? null : parseJsonObject(r.result),
  attempts: r.attempts,
  maxAttempts: r.max_attempts,
  lastError: r.last_error,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
});

/**
 * Durable background jobs in the `jobs` table. A request enqueues work in its own transaction (so
 * the job exists exactly when the rows that wait for it do); workers in any process lease due jobs,
 * renew the lease while they work, and complete or fail them. A job whose worker died is leased
 * again once its lease has expired, up to `maxAttempts` leases.
 */
export class JobQueue {
  constructor(private readonly db: Kysely<Database>, private readonly engine: Engine) {}

  async enqueue(input: NewJob, at = Date.now()): Promise<Job> {
    const row = await this.db.insertInto('jobs').values({
      tenant_id: input.tenantId, kind: input.kind, state: 'pending', payload: JSON.stringify(input.payload), result: null,
      attempts: 0, max_attempts: input.maxAttempts ?? 5, run_after: input.runAfter ?? at, lease_owner: null, lease_expires_at: null,
      last_error: null, created_at: at, updated_at: at, finished_at: null,
    }).returningAll().executeTakeFirstOrThrow();
    return toJob(row);
  }

  async get(tenantId: string, id: number): Promise<Job | undefined> {
    const row = await this.db.selectFrom('jobs').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    return row && toJob(row);
  }

  /** The states of the tenant's jobs by id, in one query per thousand ids. */
  async states(tenantId: string, ids: Iterable<number | null>): Promise<Map<number, JobState>> {
    const unique = [...new Set([...ids].filter((id): id is number => id !== null))];
    const out = new Map<number, JobState>();
    for (let i = 0; i < unique.length; i += 1000) {
      const rows = await this.db.selectFrom('jobs').select(['id', 'state']).where('tenant_id', '=', tenantId).where('id', 'in', unique.slice(i, i + 1000)).execute();
      for (const r of rows) out.set(r.id, r.state as JobState);
    }
    return out;
  }

  /**
   * Leases up to `limit` due jobs of the given kinds, oldest due first: pending ones whose
   * `run_after` has come, and running ones whose lease has expired. One statement, so concurrent
   * workers never lease the same job: on PostgreSQL the candidates are locked with
   * `FOR UPDATE SKIP LOCKED` (a worker passes over rows another is leasing), and the update checks
   * again that each row is still due; SQLite runs one writing statement at a time.
   */
  async lease(req: LeaseRequest, now = Date.now()): Promise<Job[]> {
    if (req.kinds.length === 0) return [];
    const kinds = [...req.kinds];
    // A job whose worker died during its last attempt has no attempt left to lease: it failed.
    await this.db.updateTable('jobs')
      .set({ state: 'failed', last_error: 'the lease of the last attempt expired', lease_owner: null, lease_expires_at: null, updated_at: now, finished_at: now })
      .where('kind', 'in', kinds).where('state', '=', 'running').where('lease_expires_at', '<', now)
      .where('attempts', '>=', (eb) => eb.ref('max_attempts')).execute();
    const isDue = (eb: ExpressionBuilder<Database, 'jobs'>) => eb.and([
      eb('attempts', '<', eb.ref('max_attempts')),
      eb.or([
        eb.and([eb('state', '=', 'pending'), eb('run_after', '<=', now)]),
        eb.and([eb('state', '=', 'running'), eb('lease_expires_at', '<', now)]),
      ]),
    ]);
    let candidates = this.db.selectFrom('jobs').select('id').where('kind', 'in', kinds).where(isDue)
      .orderBy('run_after').orderBy('id').limit(req.limit ?? 1);
    if (this.engine === 'postgres') candidates = candidates.forUpdate().skipLocked();
    const rows = await this.db.updateTable('jobs')
      .set((eb) => ({ state: 'running', lease_owner: req.owner, lease_expires_at: now + req.leaseMs, attempts: eb('attempts', '+', 1), updated_at: now }))
      .where('id', 'in', candidates).where(isDue)
      .returningAll().execute();
    return rows.sort((a, b) => a.run_after - b.run_after || a.id - b.id).map(toJob);
  }

  /** Extends the lease; false when the lease was lost (expired and taken by another worker). */
  async renew(jobId: number, owner: string, leaseMs: number, now = Date.now()): Promise<boolean> {
    const res = await this.db.updateTable('jobs').set({ lease_expires_at: now + leaseMs, updated_at: now })
      .where('id', '=', jobId).where('state', '=', 'running').where('lease_owner', '=', owner).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** The job is done; false when the caller no longer holds its lease (the result is not kept). */
  async complete(jobId: number, owner: string, result: JsonObject = {}, now = Date.now()): Promise<boolean> {
    const res = await this.db.updateTable('jobs')
      .set({ state: 'done', result: JSON.stringify(result), lease_owner: null, lease_expires_at: null, last_error: null, updated_at: now, finished_at: now })
      .where('id', '=', jobId).where('state', '=', 'running').where('lease_owner', '=', owner).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /**
   * The attempt failed: the job is due again after `retryAfterMs`, or failed for good once its
   * attempts are used up (or at once when `permanent`). False when the caller no longer holds the lease.
   */
  async fail(jobId: number, owner: string, error: string, opts: { retryAfterMs?: number; permanent?: boolean } = {}, now = Date.now()): Promise<boolean> {
    const row = await this.db.selectFrom('jobs').select(['attempts', 'max_attempts']).where('id', '=', jobId)
      .where('state', '=', 'running').where('lease_owner', '=', owner).executeTakeFirst();
    if (!row) return false;
    const final = opts.permanent === true || row.attempts >= row.max_attempts;
    const res = await this.db.updateTable('jobs')
      .set(final
        ? { state: 'failed', last_error: error, lease_owner: null, lease_expires_at: null, updated_at: now, finished_at: now }
        : { state: 'pending', last_error: error, lease_owner: null, lease_expires_at: null, run_after: now + (opts.retryAfterMs ?? 60_000), updated_at: now })
      .where('id', '=', jobId).where('state', '=', 'running').where('lease_owner', '=', owner).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }
}
