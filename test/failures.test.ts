import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bjy, cc, createTestEnv, gensee, newTenant, type TestEnv } from './harness.js';
import type { TenantCredentials } from '../src/dialects/provision.js';

/** Lectern's own failures answer in each dialect's system-error code, never with a stack trace. */
describe('internal failures', () => {
  let env: TestEnv;
  let creds: TenantCredentials;
  beforeAll(async () => {
    env = await createTestEnv();
    creds = await newTenant(env, 'Broken');
    // Pull the database out from under the running app.
    await env.storage.db.destroy();
  });
  afterAll(async () => {
    await env.app.close();
  });

  const noStack = (body: string) => {
    expect(body).not.toMatch(/\n\s+at /);
    expect(body).not.toMatch(/\.ts:\d+/);
  };

  it('Gensee answers 300', async () => {
    const { json, res } = await gensee(env, creds, '/integration/site/webcast/setting/info', { webcastId: 'x' });
    expect(json.code).toBe('300');
    noStack(res.body);
  });
  it('Baijiayun answers code 1', async () => {
    const { json, res } = await bjy(env, creds, '/openapi/room/list');
    expect(json.code).toBe(1);
    expect(json.data).toBeNull();
    noStack(res.body);
  });
  it('CC answers FAIL with a system error message', async () => {
    const { json, res } = await cc(env, creds, '/collect/live/usercount/', { liveid: 'A' });
    expect(json).toMatchObject({ result: 'FAIL' });
    expect(json.error_msg).toMatch(/system error/);
    noStack(res.body);
  });
});

describe('oversized and malformed bodies', () => {
  let env: TestEnv;
  let creds: TenantCredentials;
  beforeAll(async () => {
    env = await createTestEnv();
    creds = await newTenant(env, 'Big');
  });
  afterAll(() => env?.close());

  it('an oversized form body gets each dialect\'s parameter error, not a 413 page', async () => {
    const payload = 'title=' + 'x'.repeat(5 * 1024 * 1024);
    const bjyRes = await env.app.inject({ method: 'POST', url: '/openapi/room/create', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload });
    expect(bjyRes.json()).toMatchObject({ code: 1001, data: null });
    const genseeRes = await env.app.inject({ method: 'POST', url: '/integration/site/webcast/created', headers: { host: creds.gensee.site, 'content-type': 'application/x-www-form-urlencoded' }, payload });
    expect(genseeRes.json().code).toBe('101');
    const ccRes = await env.app.inject({ method: 'POST', url: '/collect/live/usercount/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload });
    expect(ccRes.json().result).toBe('FAIL');
  });

  it('malformed JSON and odd content types are read as "no parameters"', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/openapi/room/list', headers: { 'content-type': 'application/json' }, payload: '{not json' });
    expect(res.json().code).toBe(1001);
    const xml = await env.app.inject({ method: 'POST', url: '/openapi/room/list', headers: { 'content-type': 'text/xml' }, payload: '<a/>' });
    expect(xml.json().code).toBe(1001);
  });

  it('a stray percent sign in a form does not break parsing', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/openapi/room/list', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'partner_id=1%&timestamp=%zz' });
    expect(res.statusCode).toBe(200);
    expect(res.json().code).toBe(1001);
  });

  it('a method an endpoint does not take answers in the dialect envelope', async () => {
    const bjyPut = await env.app.inject({ method: 'PUT', url: '/openapi/room/info' });
    expect(bjyPut.statusCode).toBe(404);
    expect(bjyPut.json()).toMatchObject({ code: 404, data: null });
    const genseeDelete = await env.app.inject({ method: 'DELETE', url: '/integration/site/webcast/created', headers: { host: creds.gensee.site } });
    expect(genseeDelete.json().code).toBe('101');
    const ccPut = await env.app.inject({ method: 'PUT', url: '/collect/live/usercount/' });
    expect(ccPut.json().result).toBe('FAIL');
  });
});

