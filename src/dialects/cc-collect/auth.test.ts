import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cc, createTestEnv, newTenant, nowSeconds, type TestEnv } from '../../../test/harness.js';
import type { TenantCredentials } from '../provision.js';
import { CC_ENDPOINTS } from './endpoints.js';
import { thqsDigest } from './thqs.js';

let env: TestEnv;
let a: TenantCredentials;
let b: TenantCredentials;
let liveId: string;

beforeAll(async () => {
  env = await createTestEnv();
  a = await newTenant(env, 'Alpha');
  b = await newTenant(env, 'Beta');
  const tenantId = (await env.services.tenants.findCredential('cc', a.cc.userid))!.tenantId;
  const room = await env.services.rooms.create({ tenantId, kind: 'large_class', title: 'cc room' });
  const t0 = Date.UTC(2024, 0, 1, 2);
  await env.services.ingestion.startSession(room, t0);
  const ids: number[] = [];
  for (const n of [1, 2, 3]) ids.push((await env.services.ingestion.join({ room, who: { key: `v${n}`, name: `viewer${n}` }, role: 'student', at: t0 + n * 1000 })).participantId);
  await env.services.ingestion.leave(room, ids[0], t0 + 10_000);
  await env.services.ingestion.join({ room, who: { key: 'v1', name: 'viewer1' }, role: 'student', at: t0 + 20_000 });
  const session = await env.services.ingestion.endSession(room, t0 + 60_000);
  liveId = session!.public_id;
});
afterAll(() => env?.close());

describe('THQS, on every endpoint', () => {
  for (const ep of CC_ENDPOINTS) {
    const call = async (query: string) => (await env.app.inject({ method: 'GET', url: `${ep.path}?${query}` })).json();
    const signed = (params: string, time: number, key: string) => `${params}&time=${time}&hash=${thqsDigest(params, String(time), key)}`;
    describe(ep.path, () => {
      let params = '';
      beforeAll(() => {
        params = `${ep.accountParam}=${a.cc.userid}`;
      });
      it('refuses a wrong hash', async () => {
        expect(await call(signed(params, nowSeconds(), 'wrong-key'))).toMatchObject({ result: 'FAIL' });
      });
      it('refuses a missing hash or time', async () => {
        expect((await call(`${params}&time=${nowSeconds()}`)).result).toBe('FAIL');
        expect((await call(`${params}&hash=${'0'.repeat(32)}`)).result).toBe('FAIL');
      });
      it('refuses a stale time', async () => {
        const body = await call(signed(params, nowSeconds() - 301, a.cc.api_key));
        expect(body.result).toBe('FAIL');
        expect(JSON.stringify(body)).toMatch(/window/);
      });
      it("refuses another account's key", async () => {
        expect((await call(signed(params, nowSeconds(), b.cc.api_key))).result).toBe('FAIL');
      });
      it('refuses a missing account id', async () => {
        expect((await call(signed('format=json', nowSeconds(), a.cc.api_key))).result).toBe('FAIL');
      });
    });
  }
});

describe('live/usercount', () => {
  it('counts distinct viewers of a live, from recorded joins', async () => {
    const { json } = await cc(env, a, '/collect/live/usercount/', { liveid: liveId });
    expect(json).toEqual({ result: 'OK', data: { livecount: 3 }, error_msg: '' });
  });
  it('routes without the trailing slash and accepts a lowercase hash and extra parameters', async () => {
    const { json } = await cc(env, a, '/collect/live/usercount', { liveid: liveId, format: 'json' }, { lower: true });
    expect(json.data.livecount).toBe(3);
  });
  it('answers FAIL for an unknown live, and for another account\'s live', async () => {
    expect((await cc(env, a, '/collect/live/usercount/', { liveid: '0000000000000000' })).json.result).toBe('FAIL');
    const other = await cc(env, b, '/collect/live/usercount/', { liveid: liveId });
    expect(other.json).toMatchObject({ result: 'FAIL' });
    expect(other.json.error_msg).toMatch(/live/);
  });
  it('answers FAIL for a missing liveid', async () => {
    expect((await cc(env, a, '/collect/live/usercount/')).json.error_msg).toMatch(/liveid/);
  });
  it('answers unknown paths in the envelope', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/collect/nothing' });
    expect(res.statusCode).toBe(404);
    expect(res.json().result).toBe('FAIL');
  });
});
