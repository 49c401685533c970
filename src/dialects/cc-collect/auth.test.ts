import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cc, createTestEnv, newTenant, nowSeconds, type TestEnv } from '../../../test/harness.js';
import type { TenantCredentials } from '../provision.js';
import { CC_ENDPOINTS } from './endpoints.js';

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
    const call = async (opts: Parameters<typeof cc>[4] = {}, params: Record<string, string> = {}) => (await cc(env, a, ep.path, params, { accountParam: ep.accountParam, ...opts })).json;
    describe(ep.path, () => {
      it('refuses a wrong hash', async () => {
        expect(await call({ key: 'wrong-key', lower: true })).toMatchObject({ result: 'FAIL' });
      });
      it('refuses a missing hash or time', async () => {
        expect((await call({ omit: ['hash'] })).result).toBe('FAIL');
        expect((await call({ omit: ['time'] })).result).toBe('FAIL');
      });
      it('refuses a stale time', async () => {
        const body = await call({ time: nowSeconds() - 301 });
        expect(body.result).toBe('FAIL');
        expect(JSON.stringify(body)).toMatch(/window/);
      });
      it("refuses another account's key", async () => {
        expect((await call({ key: b.cc.api_key })).result).toBe('FAIL');
      });
      it('refuses a missing account id', async () => {
        expect((await call({ withoutAccount: true }, { format: 'json' })).result).toBe('FAIL');
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
    const { res, json } = await cc(env, a, '/collect/nothing', {}, { withoutAccount: true, omit: ['time', 'hash'] });
    expect(res.statusCode).toBe(404);
    expect(json.result).toBe('FAIL');
  });
});
