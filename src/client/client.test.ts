import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, newTenant, type TestEnv } from '../../test/harness.js';
import type { TenantCredentials } from '../dialects/provision.js';
import { BaijiayunClient, CcCollectClient, GenseeTrainingClient, GenseeWebcastClient, type ClientRequest } from './index.js';
import { wirePairs } from './transport.js';

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

  it('types each call from the endpoint table: defaults and optional fields may be left out, required ones may not', async () => {
    const site = creds.gensee.site;
    const webcast = new GenseeWebcastClient({ baseUrl, site, loginName: creds.gensee.loginName, password: creds.gensee.password });
    expect((await webcast.call('/integration/site/webcast/page', {})).body).toMatchObject({ code: '0', list: expect.any(Array) });
    const attach = webcast.call('/integration/site/webcast/file/attach', { webcastId: 'f'.repeat(32), attachmentList: [{ url: 'https://x.test/a', name: 'a' }] }, { lists: 'indexed' });
    expect((await attach).body.code).toBe('501');
    const collect = new CcCollectClient({ baseUrl, userId: creds.cc.userid, apiKey: creds.cc.api_key });
    expect((await collect.call('/collect/live/record', { start_time: '2026-01-01', end_time: '2026-01-02 10:00' })).body).toMatchObject({ result: 'OK', page_count: 0 });
    // @ts-expect-error end_time is required by endpoint 6's schema
    expect((await collect.call('/collect/live/record', { start_time: '2026-01-01' })).body.error_msg).toMatch(/end_time is required/);
    expect((await collect.call('/openapi/collect/rollcall/get', { live_id: '0'.repeat(16) }, { method: 'POST', body: 'json' })).body).toMatchObject({ result: 'FAIL', error: 'live_not_found' });
  });

  it('CcCollectClient builds THQS queries the server verifies', async () => {
    const client = new CcCollectClient({ baseUrl, userId: creds.cc.userid, apiKey: creds.cc.api_key });
    const ok = await client.raw('/collect/max_parallel/', { start_time: '2026-01-01', end_time: '2026-01-02' });
    expect(ok.body).toMatchObject({ result: 'OK', data: { max_parallel: 0 } });
    const stale = await client.raw('/collect/max_parallel/', { start_time: '2026-01-01', end_time: '2026-01-02' }, { time: Math.floor(Date.now() / 1000) - 3600 });
    expect(stale.body.result).toBe('FAIL');
  });
});

describe('wire encodings', () => {
  const records = [{ url: 'https://x.test/1', name: 'one' }, { url: 'https://x.test/2', rank: 2, note: null }];

  it('sends lists of texts and of records the ways real clients do', () => {
    expect(wirePairs({ ids: [1, 2], on: true, none: null, skip: undefined })).toEqual([['ids', '1,2'], ['on', 'true'], ['none', '']]);
    expect(wirePairs({ ids: ['a', 'b'] }, 'repeat')).toEqual([['ids', 'a'], ['ids', 'b']]);
    expect(wirePairs({ ids: ['a', 'b'] }, 'brackets')).toEqual([['ids[]', 'a'], ['ids[]', 'b']]);
    expect(wirePairs({ ids: ['a', 'b'] }, 'indexed')).toEqual([['ids[0]', 'a'], ['ids[1]', 'b']]);
    expect(wirePairs({ ids: ['a', 'b'] }, 'json')).toEqual([['ids', '["a","b"]']]);
    expect(wirePairs({ list: records })).toEqual([['list', JSON.stringify(records)]]);
    expect(wirePairs({ list: records }, 'repeat')).toEqual(records.map((r) => ['list', JSON.stringify(r)]));
    expect(wirePairs({ list: records }, 'indexed')).toEqual([['list[0][url]', 'https://x.test/1'], ['list[0][name]', 'one'], ['list[1][url]', 'https://x.test/2'], ['list[1][rank]', '2']]);
    expect(wirePairs({ list: records }, 'dotted').map(([k]) => k)).toEqual(['list[0].url', 'list[0].name', 'list[1].url', 'list[1].rank']);
    expect(wirePairs([['a', '1'], ['a[]', '2']])).toEqual([['a', '1'], ['a[]', '2']]);
  });

  it('CcCollectClient signs a JSON body over its sorted fields, and can leave out what tests of refusals need', async () => {
    const sent: ClientRequest[] = [];
    const client = new CcCollectClient({ userId: 'ABC', apiKey: 'k', now: () => 100, transport: async (req) => (sent.push(req), { status: 200, body: {} }) });
    await client.raw('/openapi/collect/rollcall/get', { live_id: 'L 1', page_num: 5 }, { method: 'POST', body: 'json' });
    const { thqsDigest } = await import('../dialects/cc-collect/thqs.js');
    expect(JSON.parse(sent[0].body!)).toEqual({ account_id: 'ABC', live_id: 'L 1', page_num: 5, time: 100, hash: thqsDigest('account_id=ABC&live_id=L+1&page_num=5', '100', 'k').toUpperCase() });
    await client.raw('/collect/live/usercount/', { liveid: 'X' }, { withoutAccount: true, omit: ['hash'] });
    expect(sent[1].url).toBe('/collect/live/usercount/?liveid=X&time=100');
  });
});
