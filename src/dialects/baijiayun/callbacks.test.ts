import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bjy, createTestEnv, newTenant, type TestEnv } from '../../../test/harness.js';
import { OK, REFUSED, startReceiver, type Receiver } from '../../../test/receiver.js';
import type { TenantCredentials } from '../provision.js';
import type { RoomRow } from '../../storage/schema.js';
import { DeliveryStore } from '../../delivery/store.js';
import { DeliveryWorker } from '../../delivery/worker.js';
import { userEventsPatch } from './callback-settings.js';
import { MAX_USER_EVENTS_PER_POST } from './callbacks.js';
import { verifyBaijiayunSign } from './signature.js';

let env: TestEnv;
let t: TenantCredentials;
let room: RoomRow;
let receiver: Receiver | undefined;
let worker: DeliveryWorker | undefined;

beforeEach(async () => {
  env = await createTestEnv();
  t = await newTenant(env, 'Callback School');
  room = await env.services.rooms.create({ tenantId: t.tenant.id, kind: 'large_class', title: 'callbacks' });
});

afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  await receiver?.close();
  receiver = undefined;
  await env.close();
});

const store = () => new DeliveryStore(env.storage.db, env.storage.engine);
const startWorker = (clock?: () => number) => {
  worker = new DeliveryWorker(store(), { pollMs: 20, clock });
  if (!clock) worker.start();
  return worker;
};
const setClassUrl = (url: string) => env.services.tenants.updateSettings(t.tenant.id, { timeZone: 'UTC', baijiayun: { classCallbackUrl: url } });
const setUserEvents = (url: string, batchMs: number) => env.services.tenants.updateSettings(t.tenant.id, userEventsPatch({ url, batchMs }));
const join = (n: number, at?: number) => env.services.ingestion.join({ room, who: { key: `number:${n}`, name: `学员${n}`, userNumber: n }, role: 'student', at } as Parameters<typeof env.services.ingestion.join>[0]);
const verified = (form: Record<string, string>) => verifyBaijiayunSign(Object.entries(form), t.baijiayun.partner_key, form.sign ?? '');

describe('CB-1 class start/end', () => {
  it('posts start and end, signed with the partner key, with the room number and the time in the tenant zone', async () => {
    receiver = await startReceiver();
    // Set through C1, as a customer does.
    await env.services.tenants.updateSettings(t.tenant.id, { timeZone: 'UTC' });
    expect((await bjy(env, t, '/openapi/live_account/setClassCallbackUrl', { url: receiver.url })).json.code).toBe(0);
    const started = Date.UTC(2026, 0, 2, 3, 4, 5);
    await env.services.ingestion.startSession(room, started);
    await env.services.ingestion.endSession(room, started + 60_000);
    startWorker();
    const [start, end] = await receiver.waitFor(2);
    expect(start!.contentType).toBe('application/x-www-form-urlencoded');
    expect(start!.form).toMatchObject({ room_id: room.numeric_id, op: 'start', op_time: '2026-01-02 03:04:05' });
    expect(end!.form).toMatchObject({ room_id: room.numeric_id, op: 'end', op_time: '2026-01-02 03:05:05' });
    for (const r of [start!, end!]) {
      expect(Object.keys(r.form).sort()).toEqual(['op', 'op_time', 'qid', 'room_id', 'sign', 'timestamp']);
      expect(r.form.qid).toMatch(/^[0-9a-f]{24}$/);
      expect(Math.abs(Number(r.form.timestamp) - Date.now() / 1000)).toBeLessThan(30);
      expect(verified(r.form)).toBe(true);
      expect(verifyBaijiayunSign(Object.entries(r.form), 'another key', r.form.sign!)).toBe(false);
    }
    expect(start!.form.qid).not.toBe(end!.form.qid);
    await expect.poll(async () => (await store().list({ tenantId: t.tenant.id })).map((d) => d.state)).toEqual(['delivered', 'delivered']);
  });

  it('retries 1 s and then 3 s after the previous attempt with the same qid and body, then gives up', async () => {
    receiver = await startReceiver(() => REFUSED);
    await setClassUrl(receiver.url);
    await env.services.ingestion.startSession(room);
    startWorker();
    const tries = await receiver.waitFor(3, 10_000);
    expect(new Set(tries.map((r) => r.raw)).size).toBe(1);
    expect(verified(tries[0]!.form)).toBe(true);
    const gaps = [tries[1]!.at - tries[0]!.at, tries[2]!.at - tries[1]!.at];
    expect(gaps[0]).toBeGreaterThanOrEqual(1_000);
    expect(gaps[0]).toBeLessThan(1_600);
    expect(gaps[1]).toBeGreaterThanOrEqual(3_000);
    expect(gaps[1]).toBeLessThan(3_600);
    const [d] = await store().list({ tenantId: t.tenant.id });
    await expect.poll(async () => (await store().get(d!.id))!.state).toBe('failed');
    const attempts = await store().attempts(d!.id);
    expect(attempts.map((a) => [a.attempt, a.ok, a.httpStatus, a.error])).toEqual([1, 2, 3].map((n) => [n, false, 200, 'reply code 1']));
    expect(attempts[0]!.response).toContain('错误信息');
    // No fourth attempt.
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.received).toHaveLength(3);
  }, 15_000);

  it('counts an HTTP error and a reply that is not JSON as failures', async () => {
    receiver = await startReceiver((_r, i) => (i === 0 ? { status: 500, body: 'oops' } : i === 1 ? { status: 200, body: 'ok' } : OK));
    await setClassUrl(receiver.url);
    await env.services.ingestion.startSession(room);
    startWorker();
    await receiver.waitFor(3, 10_000);
    const [d] = await store().list({ tenantId: t.tenant.id });
    await expect.poll(async () => (await store().get(d!.id))!.state).toBe('delivered');
    expect((await store().attempts(d!.id)).map((a) => a.error)).toEqual(['HTTP 500', 'the reply is not JSON', null]);
  }, 15_000);

  it('sends nothing for a tenant without a callback URL, nor for another tenant', async () => {
    receiver = await startReceiver();
    const other = await newTenant(env, 'Other School');
    await env.services.tenants.updateSettings(other.tenant.id, { baijiayun: { classCallbackUrl: receiver.url } });
    await env.services.ingestion.startSession(room);
    expect(await store().list()).toEqual([]);
  });
});

describe('CB-3 user enter/leave', () => {
  it('posts the events of one period together, in order, and the next period in a new POST', async () => {
    receiver = await startReceiver();
    await setUserEvents(receiver.url, 400);
    const { participantId } = await join(1001, 1_700_000_000_000);
    await join(1002, 1_700_000_001_000);
    await env.services.ingestion.leave(room, participantId, 1_700_000_002_000);
    startWorker();
    const [first] = await receiver.waitFor(1);
    expect(verified(first!.form)).toBe(true);
    expect(first!.form.room_id).toBe(room.numeric_id);
    expect(first!.form.qid).toMatch(/^[0-9a-f]{24}$/);
    expect(JSON.parse(first!.form.user_events!)).toEqual([
      { number: 1001, name: '学员1001', event: 'user_in', ts: 1_700_000_000 },
      { number: 1002, name: '学员1002', event: 'user_in', ts: 1_700_000_001 },
      { number: 1001, name: '学员1001', event: 'user_out', ts: 1_700_000_002 },
    ]);
    await join(1003);
    const [, second] = await receiver.waitFor(2);
    expect(JSON.parse(second!.form.user_events!)).toMatchObject([{ number: 1003, event: 'user_in' }]);
    expect(second!.form.qid).not.toBe(first!.form.qid);
    expect(verified(second!.form)).toBe(true);
  });

  it('splits a crowded period into several POSTs, in order', async () => {
    receiver = await startReceiver();
    await setUserEvents(receiver.url, 60_000);
    const count = MAX_USER_EVENTS_PER_POST + 5;
    await env.services.transaction(async (tx) => {
      for (let n = 1; n <= count; n++) await tx.ingestion.join({ room, who: { key: `number:${n}`, name: `u${n}`, userNumber: n }, role: 'student' });
    });
    const rows = (await store().list({ tenantId: t.tenant.id })).reverse();
    expect(rows.map((d) => d.eventCount)).toEqual([MAX_USER_EVENTS_PER_POST, 5]);
    const numbers = rows.flatMap((d) => (JSON.parse(new URLSearchParams(d.body).get('user_events')!) as Array<{ number: number }>).map((e) => e.number));
    expect(numbers).toEqual(Array.from({ length: count }, (_, i) => i + 1));
  });

  it('retries 5 s and then 30 s after the previous attempt (the documented delays, on a driven clock), then gives up', async () => {
    receiver = await startReceiver(() => ({ status: 503, body: '' }));
    await setUserEvents(receiver.url, 60_000);
    const before = Date.now();
    await join(7);
    const [batch] = await store().list({ tenantId: t.tenant.id });
    // The batch collects for the documented minute.
    expect(batch!.nextAttemptAt - before).toBeGreaterThanOrEqual(60_000);
    expect(batch!.nextAttemptAt - Date.now()).toBeLessThanOrEqual(60_000);
    let now = batch!.nextAttemptAt - 1;
    const w = startWorker(() => now);
    expect(await w.runOnce()).toBe(0);
    now += 1;
    expect(await w.runOnce()).toBe(1);
    now += 4_999;
    expect(await w.runOnce()).toBe(0);
    now += 1;
    expect(await w.runOnce()).toBe(1);
    now += 29_999;
    expect(await w.runOnce()).toBe(0);
    now += 1;
    expect(await w.runOnce()).toBe(1);
    now += 3_600_000;
    expect(await w.runOnce()).toBe(0);
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.form.qid)).size).toBe(1);
    const [d] = await store().list({ tenantId: t.tenant.id });
    expect(d!.state).toBe('failed');
    expect((await store().attempts(d!.id)).map((a) => a.httpStatus)).toEqual([503, 503, 503]);
  });

  it('a class start is not held back by the room\'s open user batch (separate streams)', async () => {
    receiver = await startReceiver();
    await setUserEvents(receiver.url, 60_000);
    await env.services.tenants.updateSettings(t.tenant.id, { baijiayun: { classCallbackUrl: receiver.url } });
    await join(1);
    await env.services.ingestion.startSession(room);
    startWorker();
    const [only] = await receiver.waitFor(1);
    expect(only!.form.op).toBe('start');
  });
});
