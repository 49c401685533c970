import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bjy, createTestEnv, newTenant, nowSeconds, type TestEnv } from '../../../test/harness.js';
import type { TenantCredentials } from '../provision.js';
import { BAIJIAYUN_ENDPOINTS } from './endpoints.js';
import { baijiayunSign } from './signature.js';

let env: TestEnv;
let a: TenantCredentials;
let b: TenantCredentials;

beforeAll(async () => {
  env = await createTestEnv();
  a = await newTenant(env, 'Alpha');
  b = await newTenant(env, 'Beta');
});
afterAll(() => env?.close());

const soon = () => nowSeconds() + 3600;

async function createRoom(creds: TenantCredentials, extra: Record<string, string | number> = {}) {
  const { json } = await bjy(env, creds, '/openapi/room/create', { title: '测试教室', start_time: soon(), end_time: soon() + 3600, ...extra });
  expect(json.code).toBe(0);
  return json.data as { room_id: string; admin_code: string; teacher_code: string; student_code: string };
}

describe('Baijiayun auth, on every endpoint', () => {
  for (const ep of BAIJIAYUN_ENDPOINTS) {
    describe(ep.path, () => {
      it('refuses a bad sign with 1002', async () => {
        const { json } = await bjy(env, a, ep.path, {}, { key: 'not-the-key' });
        expect(json.code).toBe(1002);
        expect(json.data).toBeNull();
      });
      it('refuses a missing sign with 1001', async () => {
        const { json } = await bjy(env, a, ep.path, {}, { omitSign: true });
        expect(ep.auth === 'secret_key' ? [1001, 2002] : [1001]).toContain(json.code);
      });
      it('refuses a stale timestamp with 1002', async () => {
        const { json } = await bjy(env, a, ep.path, {}, { timestamp: nowSeconds() - 301 });
        expect(json.code).toBe(1002);
        expect(json.msg).toMatch(/timestamp/);
      });
      it('refuses a 13-digit millisecond timestamp with 1001', async () => {
        const { json } = await bjy(env, a, ep.path, {}, { timestamp: Date.now() });
        expect(json.code).toBe(1001);
      });
      it("refuses another tenant's key with 1002", async () => {
        const { json } = await bjy(env, a, ep.path, {}, { key: b.baijiayun.partner_key });
        expect(json.code).toBe(1002);
      });
      it('refuses an unknown partner with 2001', async () => {
        const { json } = await bjy(env, { ...a, baijiayun: { ...a.baijiayun, partner_id: '99999999999' } }, ep.path);
        expect(json.code).toBe(2001);
      });
    });
  }

  it('verifies what was sent, unknown parameters and empty values included', async () => {
    const { json } = await bjy(env, a, '/openapi/room/list', { unknwon_param: 'x', page: '' });
    expect(json.code).toBe(0);
  });

  it('refuses a value tampered after signing', async () => {
    const { json } = await bjy(env, a, '/openapi/room/list', { page: 1 }, { tamper: (body) => body.set('page', '2') });
    expect(json.code).toBe(1002);
  });

  it('accepts a raw, un-encoded UTF-8 form body (field notes 11)', async () => {
    const params: Record<string, string> = { partner_id: a.baijiayun.partner_id, timestamp: String(nowSeconds()), title: '原始 编码 教室', start_time: String(soon()), end_time: String(soon() + 600) };
    const sign = baijiayunSign(Object.entries(params), a.baijiayun.partner_key);
    const payload = Object.entries({ ...params, sign }).map(([k, v]) => `${k}=${v}`).join('&');
    const res = await env.app.inject({ method: 'POST', url: '/openapi/room/create', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, payload });
    expect(res.json().code).toBe(0);
    const info = await bjy(env, a, '/openapi/room/info', { room_id: res.json().data.room_id });
    expect(info.json.data.title).toBe('原始 编码 教室');
  });

  it('answers an unknown path with 404 in the envelope', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/openapi/room/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 404, data: null });
  });
});

describe('rooms', () => {
  it('creates a room and reads it back with room/info', async () => {
    const created = await createRoom(a, { type: 2, max_users: 50, template_name: 'triple', some_new_param: 'kept' });
    expect(created.room_id).toMatch(/^\d{14}$/);
    for (const code of [created.admin_code, created.teacher_code, created.student_code]) expect(code).toMatch(/^[a-z0-9]{6}$/);
    const { json } = await bjy(env, a, '/openapi/room/info', { room_id: created.room_id });
    expect(json).toMatchObject({ code: 0, msg: '' });
    expect(json.data).toMatchObject({ room_id: Number(created.room_id), title: '测试教室', type: 2, max_users: 50, admin_code: created.admin_code, teacher_code: created.teacher_code });
    expect(json.data.start_time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(typeof json.ts).toBe('number');
  });

  it('truncates titles over 50 characters', async () => {
    const long = '长'.repeat(60);
    const created = await createRoom(a, { title: long });
    const { json } = await bjy(env, a, '/openapi/room/info', { room_id: created.room_id });
    expect(json.data.title).toBe('长'.repeat(50));
  });

  it('validates create parameters with 1001 and writes nothing', async () => {
    const before = (await bjy(env, a, '/openapi/room/list', { limit: 1000 })).json.data.total;
    const cases: Array<Record<string, string | number>> = [
      { start_time: soon(), end_time: soon() + 60 }, // no title
      { title: 't', start_time: 'tomorrow', end_time: soon() },
      { title: 't', start_time: soon(), end_time: soon() - 60 },
      { title: 't', start_time: soon(), end_time: soon() + 25 * 3600 },
      { title: 't', start_time: soon() + 400 * 86400, end_time: soon() + 400 * 86400 + 60 },
      { title: 't', start_time: soon(), end_time: soon() + 60, type: 9 },
      { title: 't', start_time: soon(), end_time: soon() + 60, type: 4, max_users: 20 },
    ];
    for (const params of cases) {
      const { json, res } = await bjy(env, a, '/openapi/room/create', params);
      expect(res.statusCode).toBe(200);
      expect(json.code, JSON.stringify(params)).toBe(1001);
    }
    expect((await bjy(env, a, '/openapi/room/list', { limit: 1000 })).json.data.total).toBe(before);
  });

  it('refuses class-shape switches outside their enums with 1001 and writes nothing', async () => {
    const before = (await bjy(env, a, '/openapi/room/list', { limit: 1000 })).json.data.total;
    for (const bad of <Array<Record<string, string | number>>>[{ is_group_live: 3 }, { new_group_live: 9 }, { is_push_live: 2 }, { is_mock_live: 'yes' }]) {
      const { json } = await bjy(env, a, '/openapi/room/create', { title: 't', start_time: soon(), end_time: soon() + 60, ...bad });
      expect(json.code, JSON.stringify(bad)).toBe(1001);
    }
    expect((await bjy(env, a, '/openapi/room/list', { limit: 1000 })).json.data.total).toBe(before);
  });

  it('allows long-term rooms to last longer than a day', async () => {
    await createRoom(a, { is_long_term: 1, end_time: soon() + 10 * 86400 });
  });

  it('answers 3001 for an unknown room and for another tenant\'s room', async () => {
    const mine = await createRoom(a);
    expect((await bjy(env, a, '/openapi/room/info', { room_id: '12345678901234' })).json.code).toBe(3001);
    expect((await bjy(env, b, '/openapi/room/info', { room_id: mine.room_id })).json.code).toBe(3001);
  });

  it('lists rooms newest first, paged, only the tenant\'s own', async () => {
    const t = await newTenant(env, 'Lister');
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await createRoom(t, { title: `r${i}` })).room_id);
    const page1 = (await bjy(env, t, '/openapi/room/list', { page: 1, limit: 2 })).json.data;
    const page3 = (await bjy(env, t, '/openapi/room/list', { page: 3, limit: 2 })).json.data;
    expect(page1.total).toBe(5);
    expect(page1.list.map((r: { title: string }) => r.title)).toEqual(['r4', 'r3']);
    expect(page3.list.map((r: { title: string }) => r.title)).toEqual(['r0']);
    expect(page1.list[0]).toMatchObject({ room_id: Number(ids[4]), type: 2, industry_type: 0 });
    expect(typeof page1.list[0].start_time).toBe('number');
    expect((await bjy(env, t, '/openapi/room/list', { limit: 1001 })).json.code).toBe(1001);
  });
});

describe('partner/createkey (field notes 13)', () => {
  const post = (payload: string) => env.app.inject({ method: 'POST', url: '/openapi/partner/createkey', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload });

  it('answers the current key to a caller holding only the secret_key, with no sign and no timestamp', async () => {
    const res = await post(`partner_id=${a.baijiayun.partner_id}&secret_key=${a.baijiayun.secret_key}`);
    expect(res.json()).toMatchObject({ code: 0, data: { partner_key: a.baijiayun.partner_key } });
  });

  it('refuses a wrong secret_key with 2002, signed or not, and a missing one with 1001', async () => {
    expect((await post(`partner_id=${a.baijiayun.partner_id}&secret_key=wrong`)).json().code).toBe(2002);
    expect((await post(`partner_id=${a.baijiayun.partner_id}&secret_key=${b.baijiayun.secret_key}`)).json().code).toBe(2002);
    expect((await bjy(env, a, '/openapi/partner/createkey', { secret_key: 'wrong' })).json.code).toBe(2002);
    expect((await post(`partner_id=${a.baijiayun.partner_id}&regenerate=1`)).json().code).toBe(1001);
  });

  it('checks a sign when one is sent, and a stale timestamp when one is sent', async () => {
    expect((await bjy(env, a, '/openapi/partner/createkey', { secret_key: a.baijiayun.secret_key })).json.data.partner_key).toBe(a.baijiayun.partner_key);
    expect((await bjy(env, a, '/openapi/partner/createkey', { secret_key: a.baijiayun.secret_key }, { key: 'wrong' })).json.code).toBe(1002);
    const stale = await post(`partner_id=${a.baijiayun.partner_id}&secret_key=${a.baijiayun.secret_key}&timestamp=${nowSeconds() - 1000}`);
    expect(stale.json().code).toBe(1002);
  });

  it('regenerates: the new key signs from then on, the old one no longer does, nothing changes for others', async () => {
    const t = await newTenant(env, 'Rotating');
    const res = await post(`partner_id=${t.baijiayun.partner_id}&secret_key=${t.baijiayun.secret_key}&regenerate=1&timestamp=${nowSeconds()}`);
    const fresh = res.json().data.partner_key as string;
    expect(fresh).not.toBe(t.baijiayun.partner_key);
    expect(fresh.length).toBeLessThanOrEqual(128);
    expect((await bjy(env, t, '/openapi/room/list')).json.code).toBe(1002);
    const rotated = { ...t, baijiayun: { ...t.baijiayun, partner_key: fresh } };
    expect((await bjy(env, rotated, '/openapi/room/list')).json.code).toBe(0);
    expect((await post(`partner_id=${t.baijiayun.partner_id}&secret_key=${t.baijiayun.secret_key}`)).json().data.partner_key).toBe(fresh);
    expect((await bjy(env, a, '/openapi/room/list')).json.code).toBe(0);
  });
});

