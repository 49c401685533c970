import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bjy, createTestEnv, newTenant, nowSeconds, type TestEnv } from '../../../test/harness.js';
import type { EntryAttempt } from '../../core/entry-checks.js';
import type { RoomRow } from '../../storage/schema.js';
import type { TenantCredentials } from '../provision.js';
import { configureAccount } from './account.js';
import { BaijiayunEntryAuth } from './entry-auth.js';
import { featuresOf } from './features.js';
import { createDemoTenant } from '../../demo/seed.js';

/** The customer's auth server: admits `good-*` keys, and misbehaves on request. */
let receiver: http.Server;
let authUrl: string;
const received: Array<Record<string, string>> = [];

function answer(key: string, res: http.ServerResponse): void {
  const json = (status: number, body: string): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  if (key === 'good-but-500') return json(500, '{"code":0}');
  if (key.startsWith('good')) return json(200, '{"code":0}');
  if (key === 'string-zero') return json(200, '{"code":"0","msg":""}');
  if (key === 'not-json') return json(200, '<html>ok</html>');
  if (key === 'no-code') return json(200, '{"msg":"fine"}');
  if (key === 'slow') return void setTimeout(() => json(200, '{"code":0}'), 1500);
  json(200, '{"code":1,"msg":"未购买该课程"}');
}

let env: TestEnv;
let a: TenantCredentials;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(body));
      received.push({ ...form, _method: req.method ?? '', _type: String(req.headers['content-type']) });
      answer(form.access_key ?? '', res);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  authUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/auth`;
  env = await createTestEnv();
  a = await newTenant(env, 'Gatekept');
});
afterAll(async () => {
  await env?.close();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

async function room(creds: TenantCredentials, extra: Record<string, string | number> = {}): Promise<RoomRow> {
  const start = nowSeconds() + 600;
  const { json } = await bjy(env, creds, '/openapi/room/create', { title: '付费课', start_time: start, end_time: start + 3600, ...extra });
  expect(json.code).toBe(0);
  return (await env.services.rooms.find(creds.tenant.id, { numericId: json.data.room_id }))!;
}

const attempt = (r: RoomRow, accessKey: string | null, kind: 'live' | 'playback' = 'live', sessionId: number | null = null): EntryAttempt =>
  ({ tenantId: r.tenant_id, room: r, accessKey, kind, sessionId });

describe('third-party entry auth (catalog §1.11)', () => {
  it('is registered as an entry check when the dialect is mounted', () => {
    expect(env.services.entryChecks.names()).toContain('baijiayun-third-party-auth');
  });

  it('is off for a new account: entries pass without asking anyone', async () => {
    const t = await newTenant(env, 'Open');
    expect(featuresOf(await env.services.tenants.get(t.tenant.id))).toEqual({ pro: true, 'long-term': true, 'group-live': true, 'push-live': true, h5: true, 'third-party-auth': false });
    await configureAccount(env.services, t.tenant.id, { authUrl });
    const before = received.length;
    const r = await room(t);
    expect(await env.services.entryChecks.check(attempt(r, 'anything'))).toEqual({ admitted: true });
    expect(received.length).toBe(before);
  });

  it('is off for the demo tenant too, whose other features are all on', async () => {
    const demo = await createDemoTenant(env.services, { site: 'demo-features.example.test' });
    expect(featuresOf(await env.services.tenants.get(demo.tenant.id))).toEqual({ pro: true, 'long-term': true, 'group-live': true, 'push-live': true, h5: true, 'third-party-auth': false });
  });

  it('when on, admits only on HTTP 200 with code 0 from the auth URL, posting access_key and room_id as a form', async () => {
    await configureAccount(env.services, a.tenant.id, { enable: ['third-party-auth'], authUrl });
    const r = await room(a);
    received.length = 0;
    expect(await env.services.entryChecks.check(attempt(r, 'good-1'))).toEqual({ admitted: true });
    expect(received).toEqual([{ access_key: 'good-1', room_id: r.numeric_id, _method: 'POST', _type: expect.stringMatching(/^application\/x-www-form-urlencoded/) }]);
    expect(await env.services.entryChecks.check(attempt(r, 'string-zero'))).toEqual({ admitted: true });
    const refused = await env.services.entryChecks.check(attempt(r, 'bad'));
    expect(refused).toMatchObject({ admitted: false, reason: expect.stringMatching(/未购买该课程/), message: '未购买该课程' });
    for (const key of ['good-but-500', 'not-json', 'no-code']) {
      expect(await env.services.entryChecks.check(attempt(r, key)), key).toMatchObject({ admitted: false });
    }
  });

  it('sends session_id for playback: 0 for a short-term room, the class for a long-term one', async () => {
    const short = await room(a);
    const long = await room(a, { is_long_term: 1, end_time: nowSeconds() + 30 * 86400 });
    const startedAt = Date.parse('2026-03-02T12:00:05Z');
    const session = await env.services.ingestion.startSession(long, startedAt);
    await env.services.ingestion.endSession(long, startedAt + 3_600_000);
    received.length = 0;
    expect(await env.services.entryChecks.check(attempt(short, 'good-2', 'playback'))).toEqual({ admitted: true });
    expect(await env.services.entryChecks.check(attempt(long, 'good-3', 'playback', session.id))).toEqual({ admitted: true });
    expect(received.map((r) => [r.access_key, r.room_id, r.session_id])).toEqual([['good-2', short.numeric_id, '0'], ['good-3', long.numeric_id, String(startedAt / 1000)]]);
  });

  it('without access_key: passes unchecked, unless the check is forced; forced refuses with the configured prompt', async () => {
    const r = await room(a);
    received.length = 0;
    expect(await env.services.entryChecks.check(attempt(r, null))).toEqual({ admitted: true });
    expect(await env.services.entryChecks.check(attempt(r, '  '))).toEqual({ admitted: true });
    await configureAccount(env.services, a.tenant.id, { authForced: true, authPrompt: '请从学习中心进入' });
    expect(await env.services.entryChecks.check(attempt(r, null))).toEqual({ admitted: false, reason: expect.stringMatching(/access_key/), message: '请从学习中心进入' });
    expect(await env.services.entryChecks.check(attempt(r, 'bad', 'playback'))).toMatchObject({ admitted: false, message: '请从学习中心进入' });
    expect(await env.services.entryChecks.check(attempt(r, 'good-4'))).toEqual({ admitted: true });
    expect(received.map((x) => x.access_key)).toEqual(['bad', 'good-4']);
    await configureAccount(env.services, a.tenant.id, { authForced: false, authPrompt: null });
  });

  it('refuses when the auth URL is missing, unreachable or too slow', async () => {
    const t = await newTenant(env, 'Misconfigured');
    await configureAccount(env.services, t.tenant.id, { enable: ['third-party-auth'] });
    const r = await room(t);
    expect(await env.services.entryChecks.check(attempt(r, 'good-5'))).toMatchObject({ admitted: false, reason: expect.stringMatching(/no auth URL/) });
    const dead = http.createServer();
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(dead.address() as AddressInfo).port}/auth`;
    await new Promise((resolve) => dead.close(resolve));
    await configureAccount(env.services, t.tenant.id, { authUrl: deadUrl });
    expect(await env.services.entryChecks.check(attempt(r, 'good-6'))).toMatchObject({ admitted: false, reason: expect.stringMatching(/did not answer/) });
    await configureAccount(env.services, t.tenant.id, { authUrl });
    const impatient = new BaijiayunEntryAuth(env.services, 200);
    expect(await impatient.check(attempt(r, 'slow'))).toMatchObject({ admitted: false, reason: expect.stringMatching(/did not answer/) });
    expect(await impatient.check(attempt(r, 'good-7'))).toEqual({ admitted: true });
  });

  it("one account's auth settings never apply to another's rooms", async () => {
    const strict = await newTenant(env, 'Strict');
    const relaxed = await newTenant(env, 'Relaxed');
    await configureAccount(env.services, strict.tenant.id, { enable: ['third-party-auth'], authUrl, authForced: true });
    const r = await room(relaxed);
    expect(await env.services.entryChecks.check(attempt(r, null))).toEqual({ admitted: true });
    expect(await env.services.entryChecks.check(attempt(r, 'bad'))).toEqual({ admitted: true });
  });
});

describe('configureAccount (what `lectern tenant features` runs)', () => {
  it('refuses unknown features, contradictions and non-http URLs, writing nothing', async () => {
    const t = await newTenant(env, 'Careful');
    const before = (await env.services.tenants.get(t.tenant.id)).settings;
    await expect(configureAccount(env.services, t.tenant.id, { enable: ['pro', 'webrtc'] })).rejects.toThrow(/unknown feature "webrtc".*third-party-auth/);
    await expect(configureAccount(env.services, t.tenant.id, { enable: ['pro'], disable: ['pro'] })).rejects.toThrow(/both/);
    await expect(configureAccount(env.services, t.tenant.id, { disable: ['pro'], authUrl: 'ftp://x/' })).rejects.toThrow(/http/);
    expect((await env.services.tenants.get(t.tenant.id)).settings).toEqual(before);
  });

  it('keeps concurrent changes of different settings', async () => {
    const t = await newTenant(env, 'Busy');
    await Promise.all([
      configureAccount(env.services, t.tenant.id, { disable: ['pro'] }),
      configureAccount(env.services, t.tenant.id, { disable: ['h5'] }),
      configureAccount(env.services, t.tenant.id, { authUrl }),
      bjy(env, t, '/openapi/live_account/setClassCallbackUrl', { url: 'https://cb.example.com/' }),
    ]);
    const tenant = await env.services.tenants.get(t.tenant.id);
    expect(featuresOf(tenant)).toMatchObject({ pro: false, h5: false, 'long-term': true });
    expect(tenant.settings.baijiayun).toMatchObject({ classCallbackUrl: 'https://cb.example.com/', entryAuth: { url: authUrl } });
  });
});
