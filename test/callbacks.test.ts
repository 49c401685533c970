import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, newTenant, type TestEnv } from './harness.js';
import { runCli, startServerProcess, type ServerProcess } from './processes.js';
import { OK, REFUSED, startReceiver, type Receiver } from './receiver.js';
import type { TenantCredentials } from '../src/dialects/provision.js';
import { DeliveryStore } from '../src/delivery/store.js';
import { userEventsPatch } from '../src/dialects/baijiayun/callback-settings.js';
import { verifyBaijiayunSign } from '../src/dialects/baijiayun/signature.js';

let env: TestEnv;
let t: TenantCredentials;
let receiver: Receiver | undefined;
const servers: ServerProcess[] = [];

beforeEach(async () => {
  env = await createTestEnv();
  t = await newTenant(env, `Callbacks ${Math.random().toString(36).slice(2, 8)}`);
});

afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop('SIGKILL');
  await receiver?.close();
  receiver = undefined;
  await env.close();
});

const store = () => new DeliveryStore(env.storage.db, env.storage.engine);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('callbacks across server processes', () => {
  it('a delivery pending when the server is killed (SIGKILL) is delivered after the restart, once', async () => {
    receiver = await startReceiver(() => OK);
    await env.services.tenants.updateSettings(t.tenant.id, { baijiayun: { classCallbackUrl: receiver.url } });
    await env.services.tenants.updateSettings(t.tenant.id, userEventsPatch({ url: receiver.url, batchMs: 1_500 }));
    const room = await env.services.rooms.create({ tenantId: t.tenant.id, kind: 'large_class', title: 'restart' });
    const first = await startServerProcess(env.dbEnv);
    servers.push(first);
    // The server's worker is running: the class start goes out at once.
    await env.services.ingestion.startSession(room);
    await receiver.waitFor(1, 20_000);
    expect(receiver.received[0]!.form.op).toBe('start');
    // (Killed between the receiver's answer and the record, it would be sent again once its lease expired.)
    await expect.poll(async () => (await store().list()).map((d) => d.state), { timeout: 10_000 }).toEqual(['delivered']);
    // A user batch collects for 1.5 s; the server dies meanwhile.
    await env.services.ingestion.join({ room, who: { key: 'number:42', name: 'Ada', userNumber: 42 }, role: 'student' });
    await first.stop('SIGKILL');
    await sleep(2_000);
    expect(receiver.received).toHaveLength(1);
    expect((await store().list({ state: 'pending' }))).toHaveLength(1);
    servers.push(await startServerProcess(env.dbEnv));
    const [, batch] = await receiver.waitFor(2, 20_000);
    expect(JSON.parse(batch!.form.user_events!)).toMatchObject([{ number: 42, name: 'Ada', event: 'user_in' }]);
    expect(verifyBaijiayunSign(Object.entries(batch!.form), t.baijiayun.partner_key, batch!.form.sign!)).toBe(true);
    await expect.poll(async () => (await store().list()).map((d) => d.state), { timeout: 10_000 }).toEqual(['delivered', 'delivered']);
    await sleep(500);
    expect(receiver.received).toHaveLength(2);
  }, 90_000);
});

describe('lectern callbacks CLI', () => {
  it('sets CB-3 per tenant (by name or id), lists, shows and resends deliveries', async () => {
    receiver = await startReceiver(() => REFUSED);
    const set = await runCli(['tenant', 'callbacks', t.tenant.name, '--user-events', receiver.url, '--batch-seconds', '0.2'], env.dbEnv);
    expect(set.stderr).toBe('');
    expect(JSON.parse(set.stdout)).toEqual({ tenant: t.tenant.id, user_events: { url: receiver.url, batch_seconds: 0.2 } });
    expect((await env.services.tenants.get(t.tenant.id)).settings.baijiayunUserEvents).toEqual({ url: receiver.url, batchMs: 200 });
    const bad = await runCli(['tenant', 'callbacks', t.tenant.id, '--user-events', 'ftp://x'], env.dbEnv);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--user-events must be an http\(s\) URL/);
    expect((await runCli(['tenant', 'callbacks', 'no such tenant', '--user-events', receiver.url], env.dbEnv)).stderr).toMatch(/no tenant/);

    const room = await env.services.rooms.create({ tenantId: t.tenant.id, kind: 'large_class', title: 'cli' });
    await env.services.ingestion.join({ room, who: { key: 'number:7', name: 'Bo', userNumber: 7 }, role: 'student' });
    const s = store();
    const [d] = await s.list();
    // Fail it for good by hand: lease and record failed attempts as a worker would.
    for (let i = 0; i < 3; i++) {
      const now = Date.now() + 3_600_000 * (i + 1);
      const [leased] = await s.lease('cli-test', 1_000, 1, now);
      await s.recordAttempt(leased!, 'cli-test', { startedAt: now, ok: false, httpStatus: 200, response: '{"code":1}', error: 'reply code 1' }, now);
    }
    const other = await newTenant(env, 'Someone Else');
    await env.services.tenants.updateSettings(other.tenant.id, { baijiayun: { classCallbackUrl: receiver.url } });
    const otherRoom = await env.services.rooms.create({ tenantId: other.tenant.id, kind: 'large_class', title: 'other' });
    await env.services.ingestion.startSession(otherRoom);

    const failed = JSON.parse((await runCli(['callbacks', 'list', '--tenant', t.tenant.name, '--state', 'failed'], env.dbEnv)).stdout) as Array<{ id: number; tenant: string; attempts: number }>;
    expect(failed).toMatchObject([{ id: d!.id, tenant: t.tenant.id, state: 'failed', attempts: 3, kind: 'baijiayun.user-events' }]);
    expect((JSON.parse((await runCli(['callbacks', 'list'], env.dbEnv)).stdout) as unknown[])).toHaveLength(2);

    const shown = JSON.parse((await runCli(['callbacks', 'show', String(d!.id)], env.dbEnv)).stdout) as { body: string; attempt_log: Array<{ attempt: number; http_status: number; error: string; response: string }> };
    expect(shown.body).toBe(d!.body);
    expect(shown.attempt_log.map((a) => [a.attempt, a.http_status, a.error, a.response])).toEqual([1, 2, 3].map((n) => [n, 200, 'reply code 1', '{"code":1}']));

    const resent = JSON.parse((await runCli(['callbacks', 'resend', String(d!.id)], env.dbEnv)).stdout) as { id: number; state: string; resent_from: number; request_id: string };
    expect(resent).toMatchObject({ state: 'pending', resent_from: d!.id, request_id: d!.requestId });
    expect((await s.get(resent.id))!.body).toBe(d!.body);
    const unfinished = await runCli(['callbacks', 'resend', String(resent.id)], env.dbEnv);
    expect(unfinished.code).toBe(1);
    expect(unfinished.stderr).toMatch(/still pending/);
    const missing = await runCli(['callbacks', 'show', '999999'], env.dbEnv);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no delivery 999999/);
    expect((await runCli(['callbacks', 'list', '--state', 'lost'], env.dbEnv)).stderr).toMatch(/--state must be one of/);
  }, 120_000);
});
