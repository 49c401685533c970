import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, newTenant, type TestEnv } from '../../test/harness.js';
import type { TenantCredentials } from '../dialects/provision.js';
import { BaijiayunClient, CcCollectClient, GenseeTrainingClient, GenseeWebcastClient } from './index.js';

let env: TestEnv;
let creds: TenantCredentials;
let baseUrl: string;

beforeAll(async () => {
  env = await createTestEnv();
  creds = await newTenant(env, 'Client School');
  baseUrl = await env.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await env?.close();
});

describe('typed clients over real HTTP', () => {
  it('BaijiayunClient signs form POSTs the server accepts, and a wrong key is refused with 1002', async () => {
    const client = new BaijiayunClient({ baseUrl, partnerId: creds.baijiayun.partner_id, partnerKey: creds.baijiayun.partner_key });
    const start = Math.floor(Date.now() / 1000) + 3600;
    const created = await client.raw('/openapi/room/create', { title: '客户端 & 测试+1', start_time: start, end_time: start + 3600 });
    expect(created.body.code).toBe(0);
    const info = await client.raw('/openapi/room/info', { room_id: created.body.data.room_id });
    expect(info.body.data.title).toBe('客户端 & 测试+1');
    const refused = await client.raw('/openapi/room/info', { room_id: created.body.data.room_id }, { partnerKey: 'not-the-key' });
    expect(refused.body.code).toBe(1002);
  });

  it('Gensee clients send credentials (plain or sec=true MD5) and the site as the Host header', async () => {
    const site = creds.gensee.site;
    const webcast = new GenseeWebcastClient({ baseUrl, site, loginName: creds.gensee.loginName, password: creds.gensee.password, sec: true });
    const made = await webcast.call('/integration/site/webcast/user/created', { userLoginName: 'teacher-1', userPassword: 'pw-1', name: 'Teacher One', role: 'organizer' });
    expect(made.body.code).toBe('0');
    const again = await webcast.call('/integration/site/webcast/user/created', { userLoginName: 'teacher-1', userPassword: 'pw-1', name: 'Teacher One' });
    expect(again.body.code).toBe('502');
    const training = new GenseeTrainingClient({ baseUrl, site, loginName: 'teacher-1', password: 'pw-1' });
    const missing = await training.raw('/integration/site/training/room/info', { roomId: '0'.repeat(32) }, { method: 'GET' });
    expect(missing.body.code).toBe('501');
  });

  it('CcCollectClient builds THQS queries the server verifies', async () => {
    const client = new CcCollectClient({ baseUrl, userId: creds.cc.userid, apiKey: creds.cc.api_key });
    const ok = await client.raw('/collect/max_parallel/', { start_time: '2026-01-01', end_time: '2026-01-02' });
    expect(ok.body).toMatchObject({ result: 'OK', data: { max_parallel: 0 } });
    const stale = await client.raw('/collect/max_parallel/', { start_time: '2026-01-01', end_time: '2026-01-02' }, { time: Math.floor(Date.now() / 1000) - 3600 });
    expect(stale.body.result).toBe('FAIL');
  });
});
