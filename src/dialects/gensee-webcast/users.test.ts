import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, gensee, newTenant, type TestEnv } from '../../../test/harness.js';
import type { TenantCredentials } from '../provision.js';

const CREATE = '/integration/site/webcast/user/created';
const UPDATE = '/integration/site/webcast/user/update';
const CHANGE = '/integration/site/webcast/user/change';
/** An organizer endpoint, to prove who can sign in. */
const ORGANIZER_CALL = '/integration/site/webcast/page';

let env: TestEnv;
let a: TenantCredentials;
let b: TenantCredentials;
let tenantA: string;
let tenantB: string;

const user = (tenantId: string, login: string) => env.services.users.findByLogin(tenantId, login);
const as = (login: string, password: string) => ({ loginName: login, password });
const signIn = async (creds: TenantCredentials, login: string, password: string) => (await gensee(env, creds, ORGANIZER_CALL, {}, as(login, password))).json.code;

beforeAll(async () => {
  env = await createTestEnv();
  a = await newTenant(env, 'Alpha');
  b = await newTenant(env, 'Beta');
  tenantA = (await env.services.tenants.findCredential('gensee-site', a.gensee.site))!.tenantId;
  tenantB = (await env.services.tenants.findCredential('gensee-site', b.gensee.site))!.tenantId;
});
afterAll(() => env?.close());

describe('5.1 /webcast/user/created', () => {
  it('stores every documented field; string dates are read in the site zone (Asia/Shanghai)', async () => {
    const res = await gensee(env, a, CREATE, {
      userLoginName: 'teacher1', userPassword: ' pass word ', name: '王老师', maxPoints: 30, effectiveDate: '2020-01-01 08:00:00', invalidDate: 4102444800000,
      address: '中山路 1 号', company: 'Lectern School', country: 'CN', description: 'math', firstName: '伟', lastName: '王', job: 'teacher',
      male: 'true', mobile: '13800000000', nickName: 'Wang', phone: '021-12345678', role: 'organizer', state: '上海', zipcode: '200000',
    });
    expect(res.json).toEqual({ code: '0', message: '成功' });
    const u = (await user(tenantA, 'teacher1'))!;
    expect(u).toMatchObject({
      name: '王老师', nick_name: 'Wang', mobile: '13800000000', telephone: '021-12345678', company: 'Lectern School', male: 1, role: 'organizer',
      status: 1, max_points: 30, effective_at: Date.UTC(2020, 0, 1, 0), invalid_at: 4102444800000,
    });
    expect(JSON.parse(u.profile)).toEqual({ address: '中山路 1 号', country: 'CN', description: 'math', firstName: '伟', lastName: '王', job: 'teacher', state: '上海', zipcode: '200000' });
    // The password is kept exactly as sent, spaces included.
    expect(await signIn(a, 'teacher1', ' pass word ')).toBe('0');
  });

  it('applies the documented defaults: role user, male false; maxPoints=0 means no limit', async () => {
    expect((await gensee(env, a, CREATE, { userLoginName: 'plain1', userPassword: 'secret1', name: 'Plain', maxPoints: 0 })).json.code).toBe('0');
    expect(await user(tenantA, 'plain1')).toMatchObject({ role: 'user', male: 0, max_points: null, effective_at: null, invalid_at: null });
    // Ordinary users may not call the integration API.
    expect(await signIn(a, 'plain1', 'secret1')).toBe('200');
  });

  it('creates an organizer who can then call organizer endpoints (plain and sec=true)', async () => {
    await gensee(env, a, CREATE, { userLoginName: 'org-new', userPassword: 'org-pass', name: 'New Organizer', role: 'organizer' });
    const created = await gensee(env, a, '/integration/site/webcast/created', { subject: 's', startTime: '2030-01-02 09:00:00', organizerToken: '111111', panelistToken: '222222' }, as('org-new', 'org-pass'));
    expect(created.json.code).toBe('0');
    expect((await gensee(env, a, ORGANIZER_CALL, {}, { ...as('org-new', 'org-pass'), sec: true })).json.code).toBe('0');
  });

  it('refuses a login name that exists with 502 and changes nothing', async () => {
    await gensee(env, a, CREATE, { userLoginName: 'dup', userPassword: 'first-pass', name: 'First', role: 'organizer' });
    const again = await gensee(env, a, CREATE, { userLoginName: 'dup', userPassword: 'second-pass', name: 'Second', role: 'admin' });
    expect(again.json.code).toBe('502');
    expect(await user(tenantA, 'dup')).toMatchObject({ name: 'First', role: 'organizer' });
    expect(await signIn(a, 'dup', 'first-pass')).toBe('0');
  });

  it('refuses bad parameters with 101 and a clear message, and creates nothing', async () => {
    const base = { userLoginName: 'bad-user', userPassword: 'secret1', name: 'Bad' };
    const cases: Array<Record<string, string | number>> = [
      { userLoginName: '' }, { userPassword: '' }, { name: '' }, { role: 'teacher' }, { male: 'maybe' }, { maxPoints: -1 }, { maxPoints: 'ten' },
      { effectiveDate: '2020/01/01' }, { effectiveDate: '2030-01-02 00:00:00', invalidDate: '2030-01-01 00:00:00' }, { userLoginName: 'x'.repeat(101) },
    ];
    for (const bad of cases) {
      const res = await gensee(env, a, CREATE, { ...base, ...bad });
      expect(res.json.code, JSON.stringify(bad)).toBe('101');
      expect(res.json.message.length).toBeGreaterThan(10);
    }
    expect(await user(tenantA, 'bad-user')).toBeUndefined();
  });

  it('keeps users inside their validity window', async () => {
    await gensee(env, a, CREATE, { userLoginName: 'future', userPassword: 'future-pass', name: 'F', role: 'organizer', effectiveDate: Date.now() + 86_400_000 });
    await gensee(env, a, CREATE, { userLoginName: 'past', userPassword: 'past-pass', name: 'P', role: 'organizer', invalidDate: '2001-01-01 00:00:00' });
    expect(await signIn(a, 'future', 'future-pass')).toBe('200');
    expect(await signIn(a, 'past', 'past-pass')).toBe('200');
  });

  it("creates users in the caller's own site only", async () => {
    expect((await gensee(env, b, CREATE, { userLoginName: 'teacher1', userPassword: 'beta-pass', name: 'Beta teacher', role: 'organizer' })).json.code).toBe('0');
    expect(await user(tenantB, 'teacher1')).toMatchObject({ name: 'Beta teacher' });
    expect(await user(tenantA, 'teacher1')).toMatchObject({ name: '王老师' });
    expect(await signIn(a, 'teacher1', 'beta-pass')).toBe('200');
    expect(await signIn(b, 'teacher1', 'beta-pass')).toBe('0');
  });
});

describe('5.2 /webcast/user/update', () => {
  beforeAll(async () => {
    await gensee(env, a, CREATE, {
      userLoginName: 'upd', userPassword: 'old-pass', name: 'Before', role: 'organizer', company: 'Acme', nickName: 'nick', male: 'true',
      maxPoints: 5, address: 'addr', job: 'job', invalidDate: '2099-01-01 00:00:00',
    });
  });

  it('changes only what is sent (A-11)', async () => {
    expect((await gensee(env, a, UPDATE, { userLoginName: 'upd', nickName: 'new nick', zipcode: '100000' })).json.code).toBe('0');
    const u = (await user(tenantA, 'upd'))!;
    expect(u).toMatchObject({ name: 'Before', nick_name: 'new nick', company: 'Acme', role: 'organizer', male: 1, max_points: 5, invalid_at: Date.UTC(2098, 11, 31, 16) });
    expect(JSON.parse(u.profile)).toEqual({ address: 'addr', job: 'job', zipcode: '100000' });
    expect(await signIn(a, 'upd', 'old-pass')).toBe('0');
  });

  it('clears optional fields sent empty; maxPoints=0 removes the limit', async () => {
    expect((await gensee(env, a, UPDATE, { userLoginName: 'upd', company: '', address: '', invalidDate: '', maxPoints: 0 })).json.code).toBe('0');
    const u = (await user(tenantA, 'upd'))!;
    expect(u).toMatchObject({ company: null, invalid_at: null, max_points: null, nick_name: 'new nick' });
    expect(JSON.parse(u.profile)).toMatchObject({ address: '', job: 'job' });
  });

  it('changes the password for the next call; re-sending the same password does not restart its age', async () => {
    const before = 1_600_000_000_000;
    await env.storage.db.updateTable('users').set({ password_changed_at: before }).where('tenant_id', '=', tenantA).where('login_name', '=', 'upd').execute();
    await gensee(env, a, UPDATE, { userLoginName: 'upd', userPassword: 'old-pass', name: 'Same' });
    expect((await user(tenantA, 'upd'))!.password_changed_at).toBe(before);
    expect((await gensee(env, a, UPDATE, { userLoginName: 'upd', userPassword: 'new-pass' })).json.code).toBe('0');
    expect(await signIn(a, 'upd', 'old-pass')).toBe('200');
    expect(await signIn(a, 'upd', 'new-pass')).toBe('0');
    expect((await user(tenantA, 'upd'))!.password_changed_at).toBeGreaterThan(before);
  });

  it('changes the role: a demoted organizer is refused on its next call', async () => {
    await gensee(env, a, CREATE, { userLoginName: 'demote-me', userPassword: 'demote-pass', name: 'D', role: 'organizer' });
    expect(await signIn(a, 'demote-me', 'demote-pass')).toBe('0');
    expect((await gensee(env, a, UPDATE, { userLoginName: 'demote-me', role: 'user' })).json.code).toBe('0');
    expect(await signIn(a, 'demote-me', 'demote-pass')).toBe('200');
  });

  it('answers 501 for an unknown user, 101 for bad values, and writes nothing', async () => {
    expect((await gensee(env, a, UPDATE, { userLoginName: 'nobody', name: 'x' })).json.code).toBe('501');
    expect((await gensee(env, a, UPDATE, { name: 'x' })).json.code).toBe('101');
    const before = await user(tenantA, 'upd');
    for (const bad of <Array<Record<string, string>>>[{ name: '' }, { userPassword: '' }, { role: 'root' }, { male: 'x' }, { effectiveDate: 'tomorrow' }, { effectiveDate: '2099-01-02 00:00:00', invalidDate: '2099-01-01 00:00:00' }]) {
      expect((await gensee(env, a, UPDATE, { userLoginName: 'upd', nickName: 'should not stick', ...bad })).json.code, JSON.stringify(bad)).toBe('101');
    }
    expect(await user(tenantA, 'upd')).toEqual(before);
  });

  it('does not let the calling admin remove its own admin role (500)', async () => {
    expect((await gensee(env, a, UPDATE, { userLoginName: 'admin', role: 'organizer' })).json.code).toBe('500');
    expect(await user(tenantA, 'admin')).toMatchObject({ role: 'admin' });
    expect((await gensee(env, a, UPDATE, { userLoginName: 'admin', nickName: 'boss', role: 'admin' })).json.code).toBe('0');
  });

  it("never reaches another site's users", async () => {
    expect((await gensee(env, b, UPDATE, { userLoginName: 'upd', userPassword: 'hijack' })).json.code).toBe('501');
    expect(await signIn(a, 'upd', 'new-pass')).toBe('0');
    // Beta's own teacher1 is updated, Alpha's is untouched.
    expect((await gensee(env, b, UPDATE, { userLoginName: 'teacher1', name: 'Beta renamed' })).json.code).toBe('0');
    expect(await user(tenantA, 'teacher1')).toMatchObject({ name: '王老师' });
  });
});

describe('5.3 /webcast/user/change', () => {
  beforeAll(async () => {
    await gensee(env, a, CREATE, { userLoginName: 'toggle', userPassword: 'toggle-pass', name: 'T', role: 'organizer' });
  });

  it('disables a user (refused with 200 on its next call) and enables it again', async () => {
    expect(await signIn(a, 'toggle', 'toggle-pass')).toBe('0');
    expect((await gensee(env, a, CHANGE, { userLoginName: 'toggle', status: '0' })).json.code).toBe('0');
    expect(await user(tenantA, 'toggle')).toMatchObject({ status: 0 });
    expect(await signIn(a, 'toggle', 'toggle-pass')).toBe('200');
    expect((await gensee(env, a, CHANGE, { userLoginName: 'toggle', status: 1 })).json.code).toBe('0');
    expect(await signIn(a, 'toggle', 'toggle-pass')).toBe('0');
  });

  it('accepts sec=true although 5.3 does not list it (A-6)', async () => {
    expect((await gensee(env, a, CHANGE, { userLoginName: 'toggle', status: '1' }, { sec: true })).json.code).toBe('0');
  });

  it('answers 101 for a missing or bad status, 501 for an unknown user, and writes nothing', async () => {
    expect((await gensee(env, a, CHANGE, { userLoginName: 'toggle' })).json.code).toBe('101');
    expect((await gensee(env, a, CHANGE, { userLoginName: 'toggle', status: '2' })).json.code).toBe('101');
    expect((await gensee(env, a, CHANGE, { status: '0' })).json.code).toBe('101');
    expect((await gensee(env, a, CHANGE, { userLoginName: 'ghost', status: '0' })).json.code).toBe('501');
    expect(await user(tenantA, 'toggle')).toMatchObject({ status: 1 });
  });

  it('does not let the calling admin disable itself (500)', async () => {
    expect((await gensee(env, a, CHANGE, { userLoginName: 'admin', status: '0' })).json.code).toBe('500');
    expect(await user(tenantA, 'admin')).toMatchObject({ status: 1 });
  });

  it("never reaches another site's users", async () => {
    expect((await gensee(env, b, CHANGE, { userLoginName: 'toggle', status: '0' })).json.code).toBe('501');
    expect(await signIn(a, 'toggle', 'toggle-pass')).toBe('0');
  });
});
