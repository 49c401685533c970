import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, gensee, newTenant, type TestEnv } from '../../../test/harness.js';
import type { TenantCredentials } from '../provision.js';
import { WEBCAST_ENDPOINTS } from './endpoints.js';

let env: TestEnv;
let a: TenantCredentials;
let b: TenantCredentials;

beforeAll(async () => {
  env = await createTestEnv();
  a = await newTenant(env, 'Alpha');
  b = await newTenant(env, 'Beta');
  const alpha = await env.services.users.findByLogin((await env.services.tenants.findCredential('gensee-site', a.gensee.site))!.tenantId, 'admin');
  const tenantId = alpha!.tenant_id;
  await env.services.users.create(tenantId, 'org1', 'org1-pass', { name: 'Organizer', role: 'organizer' });
  await env.services.users.create(tenantId, 'plain', 'plain-pass', { name: 'User', role: 'user' });
  const off = await env.services.users.create(tenantId, 'off', 'off-pass', { name: 'Off', role: 'admin' });
  await env.services.users.setStatus(off, false);
  await env.services.users.create(tenantId, 'later', 'later-pass', { name: 'Later', role: 'admin', effectiveAt: Date.now() + 86_400_000 });
  await env.services.users.create(tenantId, 'gone', 'gone-pass', { name: 'Gone', role: 'admin', invalidAt: Date.now() - 1000 });
});
afterAll(() => env?.close());

describe('Gensee Webcast auth, on every endpoint', () => {
  for (const ep of WEBCAST_ENDPOINTS) {
    describe(ep.path, () => {
      it('refuses a wrong password with 200', async () => {
        expect((await gensee(env, a, ep.path, {}, { password: 'wrong' })).json.code).toBe('200');
      });
      it('refuses missing credentials with 200', async () => {
        expect((await gensee(env, a, ep.path, {}, { method: 'GET', anonymous: true })).json.code).toBe('200');
      });
      it("refuses the other site's admin on this site (wrong tenant)", async () => {
        expect((await gensee(env, b, ep.path, {}, { host: a.gensee.site })).json.code).toBe('200');
      });
      it('refuses an unknown Host with 200', async () => {
        expect((await gensee(env, a, ep.path, {}, { host: 'nobody.example.test' })).json.code).toBe('200');
      });
      it('refuses disabled users and users outside their validity window', async () => {
        for (const [login, pass] of [['off', 'off-pass'], ['later', 'later-pass'], ['gone', 'gone-pass']]) {
          expect((await gensee(env, a, ep.path, {}, { loginName: login, password: pass })).json.code).toBe('200');
        }
      });
      it(`enforces the ${ep.role} role`, async () => {
        expect((await gensee(env, a, ep.path, {}, { loginName: 'plain', password: 'plain-pass' })).json.code).toBe('200');
        const org = await gensee(env, a, ep.path, {}, { loginName: 'org1', password: 'org1-pass' });
        if (ep.role === 'admin') expect(org.json.code).toBe('200');
        else expect(org.json.code).not.toBe('200');
      });
      it('reports a missing required parameter with 101', async () => {
        const { json, res } = await gensee(env, a, ep.path, {});
        expect(res.statusCode).toBe(200);
        expect(['101', '0']).toContain(json.code);
      });
    });
  }

  it('accepts sec=true with the lowercase or uppercase MD5 of the password (field notes 1)', async () => {
    const ok = await gensee(env, a, '/integration/site/webcast/setting/info', { webcastId: 'x' }, { sec: true });
    expect(ok.json.code).toBe('501');
    const upper = await gensee(env, a, '/integration/site/webcast/setting/info', { webcastId: 'x' }, { method: 'GET', sec: true, upperCaseDigest: true });
    expect(upper.json.code).toBe('501');
  });

  it('treats a sec=true password that is the plain text as wrong', async () => {
    // The plain password as sent, with a `sec=true` the client did not earn.
    const res = await gensee(env, a, '/integration/site/webcast/setting/info', { sec: 'true', webcastId: 'x' }, { method: 'GET', sec: false });
    expect(res.json.code).toBe('200');
  });

  it('answers 600 when the site switched the interface off, and 201 when the password expired', async () => {
    const t = await newTenant(env, 'Switchy');
    const cred = (await env.services.tenants.findCredential('gensee-site', t.gensee.site))!;
    await env.services.tenants.updateSettings(cred.tenantId, { apiEnabled: false });
    expect((await gensee(env, t, '/integration/site/webcast/setting/info', { webcastId: 'x' })).json.code).toBe('600');
    await env.services.tenants.updateSettings(cred.tenantId, { apiEnabled: true, passwordMaxAgeDays: 30 });
    const admin = (await env.services.users.findByLogin(cred.tenantId, 'admin'))!;
    await env.storage.db.updateTable('users').set({ password_changed_at: Date.now() - 31 * 86_400_000 }).where('id', '=', admin.id).execute();
    expect((await gensee(env, t, '/integration/site/webcast/setting/info', { webcastId: 'x' })).json.code).toBe('201');
  });

  it('accepts a bodyless GET that claims a JSON content type (field notes 2)', async () => {
    const res = await gensee(env, a, '/integration/site/webcast/setting/info', { webcastId: 'nope' }, { method: 'GET', headers: { 'content-type': 'application/json' } });
    expect(res.json.code).toBe('501');
  });

  it('answers unknown paths in the envelope', async () => {
    const { res, json } = await gensee(env, a, '/integration/site/webcast/nothing/here', {}, { method: 'GET', anonymous: true });
    expect(res.statusCode).toBe(404);
    expect(json.code).toBe('101');
  });

  it('resolves loopback hosts to the demo/default site', async () => {
    const res = await gensee(env, a, '/integration/site/webcast/setting/info', { webcastId: 'x' }, { host: 'localhost:8080' });
    // No demo tenant exists in this database and no default site is configured.
    expect(res.json.code).toBe('200');
  });
});

describe('webcast create and settings', () => {
  it('creates a webcast and returns the same settings from setting/info', async () => {
    const created = await gensee(env, a, '/integration/site/webcast/created', {
      subject: '物理课', startTime: '2030-01-02 09:00:00', endTime: 1893553200000 + 3_600_000, organizerToken: '111111', panelistToken: '222222',
      attendeeToken: '333333', loginRequired: 'true', maxAttendees: 100, description: 'd', plan: 'p', speakerInfo: 's', telconf: '2', aac: 'true',
    });
    expect(created.json.code).toBe('0');
    expect(created.json.id).toMatch(/^[0-9a-f]{32}$/);
    expect(created.json.attendeeJoinUrl).toBe(`http://${a.gensee.site}/webcast/site/entry/join-${created.json.id}`);
    const info = await gensee(env, a, '/integration/site/webcast/setting/info', { webcastId: created.json.id }, { method: 'GET' });
    expect(info.json).toMatchObject({
      code: '0', id: created.json.id, number: created.json.number, subject: '物理课', startTime: Date.UTC(2030, 0, 2, 1), loginRequired: true, opened: false,
      organizerToken: '111111', panelistToken: '222222', attendeeToken: '333333', maxAttendees: 100, switchClient: 'false',
      organizerJoinUrl: created.json.organizerJoinUrl,
    });
  });

  it('refuses bad parameters with 101 and creates nothing', async () => {
    const base = { subject: 's', startTime: '2030-01-02 09:00:00', organizerToken: '111111', panelistToken: '222222' };
    for (const bad of <Array<Record<string, string>>>[{ subject: '' }, { startTime: '2030/01/02' }, { organizerToken: '123' }, { telconf: '5' }, { loginRequired: 'maybe' }, { subject: 'x'.repeat(251) }]) {
      const res = await gensee(env, a, '/integration/site/webcast/created', { ...base, ...bad });
      expect(res.json.code, JSON.stringify(bad)).toBe('101');
    }
  });

  it("keeps organizers to their own webcasts; another site's admin never sees them", async () => {
    const byOrg = await gensee(env, a, '/integration/site/webcast/created', { subject: 'o', startTime: Date.now(), organizerToken: '111111', panelistToken: '222222' }, { loginName: 'org1', password: 'org1-pass' });
    const byAdmin = await gensee(env, a, '/integration/site/webcast/created', { subject: 'a', startTime: Date.now(), organizerToken: '111111', panelistToken: '222222' });
    expect((await gensee(env, a, '/integration/site/webcast/setting/info', { webcastId: byOrg.json.id })).json.code).toBe('0');
    expect((await gensee(env, a, '/integration/site/webcast/setting/info', { webcastId: byAdmin.json.id }, { loginName: 'org1', password: 'org1-pass' })).json.code).toBe('501');
    expect((await gensee(env, b, '/integration/site/webcast/setting/info', { webcastId: byAdmin.json.id })).json.code).toBe('501');
  });
});
