import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness.js';
import { OK, REFUSED, startReceiver, type Receiver } from '../../test/receiver.js';
import { openStorage, type Storage } from '../storage/database.js';
import { DeliveryStore, type NewDelivery } from './store.js';
import { DeliveryWorker } from './worker.js';

let env: TestEnv;
let receiver: Receiver | undefined;
const workers: DeliveryWorker[] = [];
const extraStorages: Storage[] = [];

beforeEach(async () => {
  env = await createTestEnv();
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  await Promise.all(extraStorages.splice(0).map((s) => s.close()));
  await receiver?.close();
  receiver = undefined;
  await env.close();
});

const store = () => new DeliveryStore(env.storage.db, env.storage.engine);
const delivery = (over: Partial<NewDelivery> & { body: string }): NewDelivery => ({
  tenantId: 'tenant-a', roomId: 1, kind: 'test', firstEventId: null, lastEventId: null, eventCount: 1, targetUrl: receiver!.url,
  contentType: 'text/plain', requestId: over.body, accept: 'http-200-json-code-0', retryDelaysMs: [100, 100], notBefore: Date.now(), ...over,
});
const startWorker = (s: DeliveryStore, opts: ConstructorParameters<typeof DeliveryWorker>[1] = {}) => {
  const w = new DeliveryWorker(s, { pollMs: 10, ...opts });
  workers.push(w);
  w.start();
  return w;
};

describe('delivery worker', () => {
  it("sends a room's deliveries in order: the next waits for the previous to succeed or give up; other rooms do not wait", async () => {
    // a1 fails once, a2 always (gives up after 3 attempts), a3 goes once both are finished.
    receiver = await startReceiver((r) => (r.raw === 'a2' || (r.raw === 'a1' && receiverCount('a1') === 1) ? REFUSED : OK));
    const receiverCount = (body: string) => receiver!.received.filter((r) => r.raw === body).length;
    const s = store();
    const now = Date.now();
    for (const body of ['a1', 'a2', 'a3']) await s.insert(delivery({ body, roomId: 1 }), now);
    await s.insert(delivery({ body: 'b1', roomId: 2 }), now);
    startWorker(s);
    await receiver.waitFor(7);
    await expect.poll(async () => (await s.list()).map((d) => [d.body, d.state])).toEqual([['b1', 'delivered'], ['a3', 'delivered'], ['a2', 'failed'], ['a1', 'delivered']]);
    const roomA = receiver.received.map((r) => r.raw).filter((b) => b.startsWith('a'));
    expect(roomA).toEqual(['a1', 'a1', 'a2', 'a2', 'a2', 'a3']);
    // Room 2 went out while room 1 waited for its retry.
    expect(receiver.received.findIndex((r) => r.raw === 'b1')).toBeLessThan(2);
  });

  it('records an unreachable receiver as a failed attempt with the error', async () => {
    receiver = await startReceiver();
    const s = store();
    const id = await s.insert(delivery({ body: 'x', targetUrl: 'http://127.0.0.1:1/nothing-listens', retryDelaysMs: [] }), Date.now());
    startWorker(s);
    await expect.poll(async () => (await s.get(id))!.state).toBe('failed');
    const [attempt] = await s.attempts(id);
    expect(attempt!.httpStatus).toBeNull();
    expect(attempt!.error).toMatch(/fetch failed/);
  });

  it('two workers on one database (two connections, as two processes) send each delivery once', async () => {
    // A slow receiver keeps the first worker's leases busy, so the second one gets work too.
    receiver = await startReceiver(() => ({ ...OK, delayMs: 50 }));
    const second = await openStorage({ dataDir: env.config.dataDir, databaseUrl: env.config.databaseUrl, databaseSchema: env.config.databaseSchema, poolSize: 4 });
    extraStorages.push(second);
    const s = store();
    const now = Date.now();
    const bodies: string[] = [];
    for (let i = 0; i < 40; i++) {
      bodies.push(`d${i}`);
      await s.insert(delivery({ body: `d${i}`, roomId: i % 8, accept: 'http-2xx' }), now);
    }
    const w1 = startWorker(s, { owner: 'one', concurrency: 4 });
    const w2 = startWorker(new DeliveryStore(second.db, second.engine), { owner: 'two', concurrency: 4 });
    await receiver.waitFor(40);
    await expect.poll(async () => (await s.list({ state: 'delivered' })).length).toBe(40);
    await new Promise((r) => setTimeout(r, 200));
    expect(receiver.received.map((r) => r.raw).sort()).toEqual(bodies.sort());
    const owners = new Set<string>();
    for (const d of await s.list()) for (const a of await s.attempts(d.id)) owners.add(a.owner);
    expect(owners).toEqual(new Set([w1.owner, w2.owner]));
  });

  it('takes over a delivery whose worker died (its lease expired), and not before', async () => {
    receiver = await startReceiver();
    const s = store();
    const now = Date.now();
    const id = await s.insert(delivery({ body: 'orphan' }), now);
    expect(await s.lease('dead-worker', 1_000, 10, now)).toHaveLength(1);
    let clock = now + 999;
    const w = new DeliveryWorker(s, { clock: () => clock });
    expect(await w.runOnce()).toBe(0);
    clock = now + 1_001;
    expect(await w.runOnce()).toBe(1);
    expect((await s.get(id))!.state).toBe('delivered');
    expect((await s.attempts(id)).map((a) => a.owner)).toEqual([w.owner]);
    // The dead worker's late report is not recorded.
    expect(await s.recordAttempt((await s.get(id))!, 'dead-worker', { startedAt: now, ok: false, httpStatus: 500, response: '', error: 'late' }, clock)).toBe(false);
  });

  it('resend makes a new delivery of the same body and request id', async () => {
    receiver = await startReceiver();
    const s = store();
    const id = await s.insert(delivery({ body: 'again', requestId: 'q'.repeat(24) }), Date.now());
    startWorker(s);
    await receiver.waitFor(1);
    await expect.poll(async () => (await s.get(id))!.state).toBe('delivered');
    const copy = (await s.resend(id, Date.now()))!;
    await receiver.waitFor(2);
    const again = (await s.get(copy))!;
    expect(again).toMatchObject({ body: 'again', requestId: 'q'.repeat(24), resentFrom: id });
    await expect.poll(async () => (await s.get(copy))!.state).toBe('delivered');
    expect(await s.resend(999_999, Date.now())).toBeUndefined();
  });
});
