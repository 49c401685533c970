import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, gensee, newTenant, type TestEnv } from '../../../test/harness.js';
import type { TenantCredentials } from '../provision.js';

const CREATE = '/integration/site/training/teacher/created';
const MODIFY = '/integration/site/training/teacher/modify';

let env: TestEnv;
let a: TenantCredentials;
let b: TenantCredentials;

beforeAll(async () => {
  env = await createTestEnv();
  a = await newTenant(env, 'Alpha');
  b = await newTenant(env, 'Beta');
});
afterAll(() => env?.close());

const user = (creds: TenantCredentials, login: string) => env.services.users.findByLogin(creds.tenant.id, login);

describe('5.9 teacher/created', () => {
  it('creates a teacher who can then call teacher-or-admin endpoints, but not admin ones', async () => {
    const { json } = await gensee(env, a, CREATE, { teacherLoginName: 'wang', teacherPassword: ' pass123', name: '王老师', maxPoints: 50, validDate: '2020-01-01 00:00:00', invalidDate: String(Date.UTC(2099, 0, 1)), maxVodPoints: 20 });
    expect(json).toEqual({ code: '0', message: '成功' });
    const t = (await user(a, 'wang'))!;
    expect(t).toMatchObject({ role: 'organizer', name: '王老师', max_points: 50, effective_at: Date.UTC(2019, 11, 31, 16), invalid_at: Date.UTC(2099, 0, 1) });
    expect(JSON.parse(t.profile)).toEqual({ maxVodPoints: '20' });
    // The password is kept exactly as sent, leading space included; sec=true sends its MD5.
    expect((await gensee(env, a, '/integration/site/training/room/info', { roomId: 'x' }, { loginName: 'wang', password: ' pass123', sec: true })).json.code).toBe('501');
    expect((await gensee(env, a, CREATE, { teacherLoginName: 'li', teacherPassword: 'pass123', name: 'Li' }, { loginName: 'wang', password: ' pass123' })).json.code).toBe('200');
  });

  it('refuses a taken login name with 502 and leaves the account as it was', async () => {
    expect((await gensee(env, a, CREATE, { teacherLoginName: 'wang', teacherPassword: 'other123', name: 'X' })).json.code).toBe('502');
    expect((await gensee(env, a, CREATE, { teacherLoginName: 'admin', teacherPassword: 'other123', name: 'X' })).json.code).toBe('502');
    expect((await user(a, 'wang'))!.name).toBe('王老师');
  });

  it.each([
    [{ teacherPassword: 'pass123', name: 'X' }, 'teacherLoginName'],
    [{ teacherLoginName: 'x'.repeat(41), teacherPassword: 'pass123', name: 'X' }, 'teacherLoginName'],
    [{ teacherLoginName: 'zhao', teacherPassword: '12345', name: 'X' }, 'teacherPassword'],
    [{ teacherLoginName: 'zhao', teacherPassword: '1234567890123456', name: 'X' }, 'teacherPassword'],
    [{ teacherLoginName: 'zhao', teacherPassword: 'pass123' }, 'name'],
    [{ teacherLoginName: 'zhao', teacherPassword: 'pass123', name: 'X', maxPoints: -1 }, 'maxPoints'],
    [{ teacherLoginName: 'zhao', teacherPassword: 'pass123', name: 'X', validDate: 'soon' }, 'validDate'],
    [{ teacherLoginName: 'zhao', teacherPassword: 'pass123', name: 'X', validDate: '2030-01-02 00:00:00', invalidDate: '2030-01-01 00:00:00' }, 'invalidDate'],
  ] as Array<[Record<string, string | number>, string]>)('answers 101 naming the parameter: %j', async (params, name) => {
    const { json } = await gensee(env, a, CREATE, params);
    expect(json.code).toBe('101');
    expect(json.message).toContain(name);
    expect(await user(a, 'zhao')).toBeUndefined();
  });

  it('is admin only, per site: another site cannot create teachers here and does not see them', async () => {
    expect((await gensee(env, b, CREATE, { teacherLoginName: 'wang', teacherPassword: 'pass123', name: 'B' })).json.code).toBe('0');
    expect((await user(b, 'wang'))!.name).toBe('B');
    expect((await user(a, 'wang'))!.name).toBe('王老师');
    expect((await gensee(env, b, CREATE, { teacherLoginName: 'q', teacherPassword: 'pass123', name: 'B' }, { host: a.gensee.site })).json.code).toBe('200');
  });

  it('answers 600 while the site has its interface switched off', async () => {
    const c = await newTenant(env, 'Gamma');
    await env.services.tenants.updateSettings(c.tenant.id, { apiEnabled: false });
    expect((await gensee(env, c, CREATE, { teacherLoginName: 'q', teacherPassword: 'pass123', name: 'Q' })).json.code).toBe('600');
    expect(await user(c, 'q')).toBeUndefined();
  });
});

describe('5.40 teacher/modify', () => {
  it('resets the password and name, and changes the optional settings only when sent', async () => {
    await gensee(env, a, CREATE, { teacherLoginName: 'chen', teacherPassword: 'first123', name: 'Chen', maxPoints: 10, maxVodPoints: 5, invalidDate: '2099-01-01 00:00:00' });
    const { json } = await gensee(env, a, MODIFY, { teacherLoginName: 'chen', teacherPassword: 'second12', name: '陈老师' });
    expect(json.code).toBe('0');
    const t = (await user(a, 'chen'))!;
    expect(t).toMatchObject({ name: '陈老师', max_points: 10, invalid_at: Date.UTC(2098, 11, 31, 16) });
    expect(JSON.parse(t.profile)).toEqual({ maxVodPoints: '5' });
    expect((await gensee(env, a, '/integration/site/training/room/info', { roomId: 'x' }, { loginName: 'chen', password: 'first123' })).json.code).toBe('200');
    expect((await gensee(env, a, '/integration/site/training/room/info', { roomId: 'x' }, { loginName: 'chen', password: 'second12' })).json.code).toBe('501');
    // Sent empty, a date or limit is cleared; 0 removes a limit.
    await gensee(env, a, MODIFY, { teacherLoginName: 'chen', teacherPassword: 'second12', name: '陈老师', invalidDate: '', maxPoints: 0, maxVodPoints: 0 });
    const cleared = (await user(a, 'chen'))!;
    expect([cleared.invalid_at, cleared.max_points]).toEqual([null, null]);
    expect(JSON.parse(cleared.profile)).toEqual({ maxVodPoints: '' });
  });

  it('requires the password and name (101), and knows only teachers of this site (501)', async () => {
    expect((await gensee(env, a, MODIFY, { teacherLoginName: 'chen', name: 'X' })).json.code).toBe('101');
    expect((await gensee(env, a, MODIFY, { teacherLoginName: 'chen', teacherPassword: 'second12' })).json.code).toBe('101');
    expect((await gensee(env, a, MODIFY, { teacherLoginName: 'nobody', teacherPassword: 'second12', name: 'X' })).json.code).toBe('501');
    expect((await gensee(env, a, MODIFY, { teacherLoginName: 'admin', teacherPassword: 'second12', name: 'X' })).json.code).toBe('501');
    expect((await gensee(env, b, MODIFY, { teacherLoginName: 'chen', teacherPassword: 'second12', name: 'X' })).json.code).toBe('501');
    expect((await gensee(env, a, MODIFY, { teacherLoginName: 'chen', teacherPassword: 'second12', name: 'X', validDate: '2099-06-01 00:00:00', invalidDate: '2099-01-01 00:00:00' })).json.code).toBe('101');
    expect((await user(a, 'chen'))!.name).toBe('陈老师');
  });

  it('is admin only: a teacher cannot modify teachers', async () => {
    expect((await gensee(env, a, MODIFY, { teacherLoginName: 'chen', teacherPassword: 'third123', name: 'X' }, { loginName: 'chen', password: 'second12' })).json.code).toBe('200');
  });
});
