import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, gensee, newTenant, type TestEnv } from '../../../test/harness.js';
import type { TenantCredentials } from '../provision.js';
import { TRAINING_ENDPOINTS } from './endpoints.js';

let env: TestEnv;
let a: TenantCredentials;
let off: TenantCredentials;
let stale: TenantCredentials;

beforeAll(async () => {
  env = await createTestEnv();
  a = await newTenant(env, 'Alpha');
  off = await newTenant(env, 'Switched Off');
  stale = await newTenant(env, 'Stale');
  await env.services.tenants.updateSettings(off.tenant.id, { apiEnabled: false });
  await env.services.users.create(a.tenant.id, 'teacher', 'teacher-pass', { name: 'T', role: 'organizer' });
  await env.services.users.create(a.tenant.id, 'viewer', 'viewer-pass', { name: 'V', role: 'user' });
  await env.services.users.create(stale.tenant.id, 'old', 'old-pass', { name: 'O', role: 'organizer' }, Date.now() - 40 * 86_400_000);
  await env.services.tenants.updateSettings(stale.tenant.id, { passwordMaxAgeDays: 30 });
});
afterAll(() => env?.close());

/** The roles, codes and switches every Training endpoint shares (catalog §1.4, §1.6). */
describe.each(TRAINING_ENDPOINTS.map((e) => [e.path, e] as const))('%s', (path, ep) => {
  const method = ep.methods?.[0] ?? 'POST';

  it('answers 600 while the site has its interface switched off, 201 for an expired password', async () => {
    expect((await gensee(env, off, path, {}, { method })).json.code).toBe('600');
    expect((await gensee(env, stale, path, {}, { method, loginName: 'old', password: 'old-pass' })).json.code).toBe('201');
  });

  it(`admits ${ep.role === 'admin' ? 'admins only' : 'teachers and admins'}, never plain users; sec=true takes the MD5`, async () => {
    const teacher = (await gensee(env, a, path, {}, { method, loginName: 'teacher', password: 'teacher-pass' })).json.code;
    if (ep.role === 'admin') expect(teacher).toBe('200');
    else expect(teacher).not.toBe('200');
    expect((await gensee(env, a, path, {}, { method, loginName: 'viewer', password: 'viewer-pass' })).json.code).toBe('200');
    expect((await gensee(env, a, path, {}, { method, sec: true })).json.code).not.toBe('200');
  });
});
