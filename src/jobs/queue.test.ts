import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, newTenant, type TestEnv } from '../../test/harness.js';
import type { JobQueue } from './queue.js';

const T0 = Date.UTC(2024, 2, 1, 2, 0, 0);
const KIND = 'test.work';
const LEASE = 60_000;

let env: TestEnv;
let jobs: JobQueue;
let tenantId: string;
let otherTenantId: string;

beforeAll(async () => {
  env = await createTestEnv();
  jobs = env.services.jobs;
  tenantId = (await newTenant(env, 'Alpha')).tenant.id;
  otherTenantId = (await newTenant(env, 'Beta')).tenant.id;
});
afterAll(() => env?.close());

/** Each test works on its own kind, so the tests do not lease each other's jobs. */
let n = 0;
const kind = () => `${KIND}.${++n}`;

describe('JobQueue', () => {
  it('enqueues a pending job that only its tenant can read', async () => {
    const job = await jobs.enqueue({ tenantId, kind: kind(), payload: { file: 'a.pptx' } }, T0);
    expect(job).toMatchObject({ tenantId, state: 'pending', payload: { file: 'a.pptx' }, result: null, attempts: 0, maxAttempts: 5, createdAt: T0, finishedAt: null });
    expect((await jobs.get(tenantId, job.id))?.state).toBe('pending');
    expect(await jobs.get(otherTenantId, job.id)).toBeUndefined();
    expect(await jobs.states(tenantId, [job.id, null])).toEqual(new Map([[job.id, 'pending']]));
    expect(await jobs.states(otherTenantId, [job.id])).toEqual(new Map());
  });

  it('leases due jobs of the asked kinds, oldest due first, once each', async () => {
    const k = kind();
    const later = await jobs.enqueue({ tenantId, kind: k, payload: {}, runAfter: T0 + 10 }, T0);
    const first = await jobs.enqueue({ tenantId, kind: k, payload: {} }, T0);
    const notYet = await jobs.enqueue({ tenantId, kind: k, payload: {}, runAfter: T0 + 999_999 }, T0);
    await jobs.enqueue({ tenantId, kind: kind(), payload: {} }, T0);
    const leased = await jobs.lease({ kinds: [k], owner: 'w1', leaseMs: LEASE, limit: 10 }, T0 + 100);
    expect(leased.map((j) => j.id)).toEqual([first.id, later.id]);
    expect(leased[0]).toMatchObject({ state: 'running', attempts: 1 });
    expect(await jobs.lease({ kinds: [k], owner: 'w2', leaseMs: LEASE, limit: 10 }, T0 + 200)).toEqual([]);
    expect((await jobs.get(tenantId, notYet.id))?.state).toBe('pending');
  });

  it('only the lease holder completes a job; the result is kept', async () => {
    const k = kind();
    const job = await jobs.enqueue({ tenantId, kind: k, payload: {} }, T0);
    await jobs.lease({ kinds: [k], owner: 'w1', leaseMs: LEASE }, T0);
    expect(await jobs.complete(job.id, 'w2', { pages: 3 }, T0 + 1)).toBe(false);
    expect(await jobs.renew(job.id, 'w1', LEASE, T0 + 2)).toBe(true);
    expect(await jobs.complete(job.id, 'w1', { pages: 3 }, T0 + 3)).toBe(true);
    expect(await jobs.get(tenantId, job.id)).toMatchObject({ state: 'done', result: { pages: 3 }, finishedAt: T0 + 3 });
    expect(await jobs.complete(job.id, 'w1', {}, T0 + 4)).toBe(false);
    expect(await jobs.renew(job.id, 'w1', LEASE, T0 + 5)).toBe(false);
  });

  it('leases a job again when its worker stopped renewing; the old holder has lost it', async () => {
    const k = kind();
    const job = await jobs.enqueue({ tenantId, kind: k, payload: {} }, T0);
    await jobs.lease({ kinds: [k], owner: 'w1', leaseMs: LEASE }, T0);
    expect(await jobs.lease({ kinds: [k], owner: 'w2', leaseMs: LEASE }, T0 + LEASE - 1)).toEqual([]);
    const again = await jobs.lease({ kinds: [k], owner: 'w2', leaseMs: LEASE }, T0 + LEASE + 1);
    expect(again.map((j) => [j.id, j.attempts])).toEqual([[job.id, 2]]);
    expect(await jobs.complete(job.id, 'w1', {}, T0 + LEASE + 2)).toBe(false);
    expect(await jobs.complete(job.id, 'w2', {}, T0 + LEASE + 3)).toBe(true);
  });

  it('a failed attempt retries after the back-off until the attempts are used up', async () => {
    const k = kind();
    const job = await jobs.enqueue({ tenantId, kind: k, payload: {}, maxAttempts: 2 }, T0);
    await jobs.lease({ kinds: [k], owner: 'w1', leaseMs: LEASE }, T0);
    expect(await jobs.fail(job.id, 'w1', 'converter crashed', { retryAfterMs: 1000 }, T0 + 10)).toBe(true);
    expect(await jobs.get(tenantId, job.id)).toMatchObject({ state: 'pending', lastError: 'converter crashed', finishedAt: null });
    expect(await jobs.lease({ kinds: [k], owner: 'w1', leaseMs: LEASE }, T0 + 500)).toEqual([]);
    expect(await jobs.lease({ kinds: [k], owner: 'w1', leaseMs: LEASE }, T0 + 1010)).toHaveLength(1);
    expect(await jobs.fail(job.id, 'w1', 'converter crashed again', {}, T0 + 1020)).toBe(true);
    expect(await jobs.get(tenantId, job.id)).toMatchObject({ state: 'failed', attempts: 2, lastError: 'converter crashed again', finishedAt: T0 + 1020 });
    expect(await jobs.lease({ kinds: [k], owner: 'w1', leaseMs: LEASE }, T0 + 99_999)).toEqual([]);
  });

  it('a permanent failure ends the job at once', async () => {
    const k = kind();
    const job = await jobs.enqueue({ tenantId, kind: k, payload: {} }, T0);
    await jobs.lease({ kinds: [k], owner: 'w1', leaseMs: LEASE }, T0);
    expect(await jobs.fail(job.id, 'w1', 'not a presentation', { permanent: true }, T0 + 1)).toBe(true);
    expect((await jobs.get(tenantId, job.id))?.state).toBe('failed');
  });

  it('a job whose worker died during the last attempt fails instead of running forever', async () => {
    const k = kind();
    const job = await jobs.enqueue({ tenantId, kind: k, payload: {}, maxAttempts: 1 }, T0);
    await jobs.lease({ kinds: [k], owner: 'w1', leaseMs: LEASE }, T0);
    expect(await jobs.lease({ kinds: [k], owner: 'w2', leaseMs: LEASE }, T0 + 2 * LEASE)).toEqual([]);
    expect(await jobs.get(tenantId, job.id)).toMatchObject({ state: 'failed', lastError: 'the lease of the last attempt expired' });
  });

  it('concurrent workers never lease the same job', async () => {
    const k = kind();
    const ids = [];
    for (let i = 0; i < 12; i++) ids.push((await jobs.enqueue({ tenantId, kind: k, payload: { i } }, T0)).id);
    const batches = await Promise.all(['a', 'b', 'c', 'd'].map((owner) => jobs.lease({ kinds: [k], owner, leaseMs: LEASE, limit: 5 }, T0 + 1)));
    const leased = batches.flat().map((j) => j.id);
    expect(new Set(leased).size).toBe(leased.length);
    expect(leased.length).toBe(12);
    expect([...leased].sort((x, y) => x - y)).toEqual(ids);
  });
});
