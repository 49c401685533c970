import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bjy, createTestEnv, newTenant, type TestEnv } from './harness.js';
import { runCli } from './processes.js';
import { featuresOf } from '../src/dialects/baijiayun/features.js';
import { accountSettings } from '../src/dialects/baijiayun/account.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env?.close());

describe('lectern tenant features', () => {
  it('shows the switches of a tenant named by name, all on but third-party-auth for a new tenant', async () => {
    const t = await newTenant(env, 'Feature School');
    const { code, stdout, stderr } = await runCli(['tenant', 'features', 'Feature School', '--json'], env.dbEnv);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      tenant: { id: t.tenant.id, name: 'Feature School' },
      features: { pro: true, 'long-term': true, 'group-live': true, 'push-live': true, h5: true, 'third-party-auth': false },
      third_party_auth: { url: null, forced: false, prompt: null },
      class_callback_url: null,
    });
  });

  it('changes switches and entry auth of a tenant named by id; a running server enforces them at once', async () => {
    const t = await newTenant(env, 'Switched');
    const other = await newTenant(env, 'Untouched');
    const args = ['tenant', 'features', t.tenant.id, '--enable', 'third-party-auth', '--disable', 'long-term,push-live', '--auth-url', 'https://auth.example.com/check', '--auth-forced', 'on', '--auth-prompt', '请先购买课程', '--json'];
    const { code, stdout } = await runCli(args, env.dbEnv);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      features: { 'long-term': false, 'push-live': false, 'third-party-auth': true, pro: true },
      third_party_auth: { url: 'https://auth.example.com/check', forced: true, prompt: '请先购买课程' },
    });
    const tenant = await env.services.tenants.get(t.tenant.id);
    expect(featuresOf(tenant)).toMatchObject({ 'long-term': false, 'third-party-auth': true });
    expect(accountSettings(tenant.settings).entryAuth).toEqual({ url: 'https://auth.example.com/check', forced: true, prompt: '请先购买课程' });
    expect(featuresOf(await env.services.tenants.get(other.tenant.id))['long-term']).toBe(true);
    // The server sees the switch without a restart: a long-term room now needs the feature.
    const start = Math.floor(Date.now() / 1000) + 600;
    const longTerm = { title: '长期课', start_time: start, end_time: start + 30 * 86400, is_long_term: 1 };
    expect((await bjy(env, t, '/openapi/room/create', longTerm)).json.code).toBe(2002);
    expect((await bjy(env, other, '/openapi/room/create', longTerm)).json.code).toBe(0);

    const back = await runCli(['tenant', 'features', t.tenant.id, '--enable', 'long-term', '--auth-forced', 'off', '--auth-url', '', '--json'], env.dbEnv);
    expect(JSON.parse(back.stdout)).toMatchObject({ features: { 'long-term': true, 'push-live': false }, third_party_auth: { url: null, forced: false, prompt: '请先购买课程' } });
  });

  it('refuses an unknown feature, a bad URL, a bad on/off and an unknown tenant with a clear message and exit 1', async () => {
    const t = await newTenant(env, 'Refusing');
    const cases: Array<[string[], RegExp]> = [
      [['--enable', 'webrtc'], /unknown feature "webrtc"/],
      [['--auth-url', 'ftp://x.example.com/'], /http/],
      [['--auth-forced', 'maybe'], /on or off/],
    ];
    for (const [extra, message] of cases) {
      const res = await runCli(['tenant', 'features', t.tenant.id, ...extra], env.dbEnv);
      expect(res.code, extra.join(' ')).toBe(1);
      expect(res.stderr).toMatch(message);
      expect(res.stderr).not.toMatch(/at .*\.ts/);
    }
    const unknown = await runCli(['tenant', 'features', 'No Such School'], env.dbEnv);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no tenant/);
    expect(featuresOf(await env.services.tenants.get(t.tenant.id))).toMatchObject({ pro: true, 'third-party-auth': false });
  });
});
