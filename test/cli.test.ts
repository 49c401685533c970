import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bjy, cc, createTestEnv, gensee, type TestEnv } from './harness.js';
import { runCli } from './processes.js';
import type { TenantCredentials } from '../src/dialects/provision.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env?.close());

describe('lectern CLI', () => {
  it('tenant create --json prints credentials for every dialect, and a running server accepts them at once', async () => {
    const { code, stdout, stderr } = await runCli(['tenant', 'create', '--name', 'Acme Academy', '--json'], env.dbEnv);
    expect(stderr).not.toMatch(/Error/);
    expect(code).toBe(0);
    const creds = JSON.parse(stdout) as TenantCredentials;
    expect(Object.keys(creds).sort()).toEqual(['baijiayun', 'cc', 'gensee', 'tenant']);
    expect(creds.tenant).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}$/), name: 'Acme Academy' });
    expect(creds.gensee).toMatchObject({ site: 'acme-academy.localhost', loginName: 'admin' });
    expect(creds.baijiayun.partner_id).toMatch(/^\d{8}$/);
    expect(creds.cc.userid).toMatch(/^[0-9A-F]{16}$/);
    const full = creds;
    // The in-process server (same database) sees the new tenant without a restart.
    expect((await bjy(env, full, '/openapi/room/list')).json.code).toBe(0);
    expect((await gensee(env, full, '/integration/site/webcast/setting/info', { webcastId: 'nope' })).json.code).toBe('501');
    expect((await cc(env, full, '/collect/live/usercount/', { liveid: '0000000000000000' })).json.error_msg).toMatch(/live/);
  });

  it('tenant list shows tenants; a taken site is refused with a clear message', async () => {
    await runCli(['tenant', 'create', '--name', 'Listed', '--site', 'listed.example.test', '--json'], env.dbEnv);
    const list = await runCli(['tenant', 'list', '--json'], env.dbEnv);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Listed', site: 'listed.example.test' })]));
    const dup = await runCli(['tenant', 'create', '--name', 'Again', '--site', 'listed.example.test'], env.dbEnv);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/already taken/);
    expect(dup.stderr).not.toMatch(/at .*\.ts/);
    const after = JSON.parse((await runCli(['tenant', 'list', '--json'], env.dbEnv)).stdout) as Array<{ name: string }>;
    expect(after.filter((t) => t.name === 'Again')).toHaveLength(0);
  });

  it('demo --json creates a tenant whose rooms hold recorded classroom activity', async () => {
    const { code, stdout, stderr } = await runCli(['demo', '--json', '--name', 'Second Demo'], env.dbEnv);
    expect(code).toBe(0);
    // Progress on stderr (a line per step when stderr is not a terminal), stdout stays JSON.
    expect(stderr).toMatch(/^demo \[#+-+\] 1\/9 tenant created$/m);
    expect(stderr).toMatch(/^demo \[#{24}\] 9\/9 Training rooms$/m);
    expect(stderr).toMatch(/^demo: done in [\d.]+ s$/m);
    const creds = JSON.parse(stdout) as TenantCredentials;
    const rooms = (await bjy(env, creds, '/openapi/room/list')).json.data.list as Array<{ room_id: number }>;
    expect(rooms.length).toBeGreaterThanOrEqual(3);
    const tenantId = (await env.services.tenants.findCredential('cc', creds.cc.userid))!.tenantId;
    const participations = await env.services.activity.participations({ tenantId });
    const chat = await env.services.activity.chat({ tenantId });
    expect(participations.length).toBeGreaterThan(30);
    expect(chat.length).toBeGreaterThan(10);
    expect(participations.every((p) => p.left_at !== null && p.left_at >= p.joined_at)).toBe(true);
  });
});
