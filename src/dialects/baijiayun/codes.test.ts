import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bjy, createTestEnv, newTenant, nowSeconds, type TestEnv } from '../../../test/harness.js';
import { isSingleSession } from '../../core/join-codes.js';
import type { TenantCredentials } from '../provision.js';

let env: TestEnv;
let a: TenantCredentials;
let b: TenantCredentials;

beforeAll(async () => {
  env = await createTestEnv();
  a = await newTenant(env, 'Alpha');
  b = await newTenant(env, 'Beta');
});
afterAll(() => env?.close());

type Created = { room_id: string; admin_code: string; teacher_code: string; student_code: string };

async function createRoom(creds: TenantCredentials, extra: Record<string, string | number> = {}): Promise<Created> {
  const start = nowSeconds() + 600;
  const { json } = await bjy(env, creds, '/openapi/room/create', { title: '一对一', start_time: start, end_time: start + 3600, ...extra });
  expect(json.code).toBe(0);
  return json.data as Created;
}

const getcode = (creds: TenantCredentials, roomId: string, params: Record<string, string | number> = {}) => bjy(env, creds, '/openapi/room/getcode', { room_id: roomId, ...params });
const info = (creds: TenantCredentials, code: string) => bjy(env, creds, '/openapi/room/getCodeInfo', { code });

describe('room endpoints of the code group refuse what is not the caller\'s room', () => {
  for (const path of ['/openapi/room/getcode', '/openapi/room/listcode']) {
    it(path, async () => {
      const mine = await createRoom(a);
      const missing = (await bjy(env, a, path, { user_number: 5 })).json;
      expect(missing).toMatchObject({ code: 1001, msg: expect.stringMatching(/room_id/) });
      expect((await bjy(env, a, path, { room_id: '98765432109876' })).json.code).toBe(3001);
      expect((await bjy(env, b, path, { room_id: mine.room_id })).json.code).toBe(3001);
      await bjy(env, a, '/openapi/room/delete', { room_id: mine.room_id });
      expect((await bjy(env, a, path, { room_id: mine.room_id })).json.code).toBe(3002);
    });
  }
});

describe('6 getcode', () => {
  it('gives each user one code of their own: 6 letters and digits, the same when asked again', async () => {
    const r = await createRoom(a);
    const first = (await getcode(a, r.room_id, { user_number: 1001 })).json;
    expect(first).toMatchObject({ code: 0, data: { student_code: expect.stringMatching(/^[a-z0-9]{6}$/) } });
    const again = (await getcode(a, r.room_id, { user_number: 1001 })).json.data.student_code;
    expect(again).toBe(first.data.student_code);
    const other = (await getcode(a, r.room_id, { user_number: 1002 })).json.data.student_code;
    expect(other).not.toBe(again);
    expect([r.admin_code, r.teacher_code, r.student_code]).not.toContain(again);
  });

  it('gives the shared invite code for user_number 0, also when a client leaves the 0 out', async () => {
    const r = await createRoom(a);
    const zero = (await getcode(a, r.room_id, { user_number: 0 })).json.data.student_code;
    expect((await getcode(a, r.room_id)).json.data.student_code).toBe(zero);
    const found = (await info(a, zero)).json.data;
    expect(found.code_info.user_number).toBe(0);
    expect(isSingleSession({ userNumber: 0 })).toBe(false);
    expect(isSingleSession({ userNumber: 1001 })).toBe(true);
  });

  it('codes are unique across rooms and accounts', async () => {
    const codes = new Set<string>();
    for (const creds of [a, b]) {
      for (let i = 0; i < 3; i++) {
        const r = await createRoom(creds);
        for (const c of [r.admin_code, r.teacher_code, r.student_code]) codes.add(c);
        for (let u = 1; u <= 10; u++) codes.add((await getcode(creds, r.room_id, { user_number: u })).json.data.student_code);
      }
    }
    expect(codes.size).toBe(2 * 3 * 13);
  });

  it('concurrent first requests for one user agree on one code', async () => {
    const r = await createRoom(a);
    const answers = await Promise.all(Array.from({ length: 8 }, () => getcode(a, r.room_id, { user_number: 777 })));
    expect(new Set(answers.map((x) => x.json.data.student_code)).size).toBe(1);
    expect((await bjy(env, a, '/openapi/room/listcode', { room_id: r.room_id })).json.data.total).toBe(1);
  });

  it('keeps the avatar, replacing it when a new one is sent', async () => {
    const r = await createRoom(a);
    await getcode(a, r.room_id, { user_number: 5, user_avatar: 'https://img.example.com/5.png' });
    await getcode(a, r.room_id, { user_number: 5 });
    const list = async () => (await bjy(env, a, '/openapi/room/listcode', { room_id: r.room_id })).json.data.list;
    expect((await list())[0].user_avatar).toBe('https://img.example.com/5.png');
    await getcode(a, r.room_id, { user_number: 5, user_avatar: 'https://img.example.com/5b.png' });
    expect((await list())[0].user_avatar).toBe('https://img.example.com/5b.png');
  });

  it('refuses a user_number that is not a whole number with 1001 naming it', async () => {
    const r = await createRoom(a);
    for (const user_number of ['abc', '-3', '1.5']) {
      expect((await getcode(a, r.room_id, { user_number })).json).toMatchObject({ code: 1001, msg: expect.stringMatching(/user_number/) });
    }
  });
});

describe('7 getCodeInfo', () => {
  it('describes a personal code: room, user number, student role, generation time; the name once the user has entered', async () => {
    const r = await createRoom(a);
    const code = (await getcode(a, r.room_id, { user_number: 4242 })).json.data.student_code as string;
    const first = (await info(a, code)).json;
    expect(first).toMatchObject({ code: 0, data: { exist: true, code_info: { code, room_id: Number(r.room_id), user_number: 4242, user_role: 0, user_name: '' } } });
    expect(first.data.code_info.create_time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const room = (await env.services.rooms.find(a.tenant.id, { numericId: r.room_id }))!;
    await env.services.ingestion.join({ room, who: { key: 'number:4242', name: '张同学', userNumber: 4242 }, role: 'student' });
    expect((await info(a, code.toUpperCase())).json.data.code_info.user_name).toBe('张同学');
  });

  it('describes the role codes with their roles', async () => {
    const r = await createRoom(a);
    const roleOf = async (c: string) => (await info(a, c)).json.data.code_info.user_role;
    expect([await roleOf(r.student_code), await roleOf(r.teacher_code), await roleOf(r.admin_code)]).toEqual([0, 1, 2]);
  });

  it("answers exist: false for an unknown code and for another account's code; 3002 once the room is deleted", async () => {
    const mine = await createRoom(a);
    const code = (await getcode(a, mine.room_id, { user_number: 1 })).json.data.student_code;
    expect((await info(a, 'zzzzzz')).json).toMatchObject({ code: 0, data: { exist: false } });
    expect((await info(b, code)).json.data).toEqual({ exist: false });
    expect((await info(b, mine.teacher_code)).json.data).toEqual({ exist: false });
    expect((await info(a, '')).json).toMatchObject({ code: 1001, msg: expect.stringMatching(/code/) });
    await bjy(env, a, '/openapi/room/delete', { room_id: mine.room_id });
    expect((await info(a, code)).json.code).toBe(3002);
  });
});

describe('8 listcode', () => {
  it('pages the codes made by getcode in the order they were made', async () => {
    const r = await createRoom(a);
    const made = [];
    for (const u of [0, 11, 12, 13, 14]) made.push((await getcode(a, r.room_id, { user_number: u })).json.data.student_code);
    const page = async (params: Record<string, number>) => (await bjy(env, a, '/openapi/room/listcode', { room_id: r.room_id, ...params })).json.data;
    const all = await page({});
    expect(all.total).toBe(5);
    expect(all.list.map((c: { code: string }) => c.code)).toEqual(made);
    expect(all.list[1]).toEqual({ code: made[1], student_code: made[1], user_number: 11, user_avatar: '' });
    const second = await page({ page: 2, limit: 2 });
    expect(second).toMatchObject({ total: 5, list: [{ user_number: 12 }, { user_number: 13 }] });
    expect((await page({ page: 4, limit: 2 })).list).toEqual([]);
    expect(await page({ type: 1 })).toEqual({ total: 0, list: [] });
  });

  it('refuses a bad type, page or limit with 1001 naming it', async () => {
    const r = await createRoom(a);
    for (const [name, value] of [['type', 2], ['page', 0], ['limit', 1001], ['limit', 'ten']] as const) {
      expect((await bjy(env, a, '/openapi/room/listcode', { room_id: r.room_id, [name]: value })).json).toMatchObject({ code: 1001, msg: expect.stringMatching(new RegExp(name)) });
    }
  });
});
