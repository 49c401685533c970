import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bjy, cc, createTestEnv, gensee, nowSeconds, type TestEnv } from './harness.js';
import { runCli } from './processes.js';
import { createTenant, type TenantCredentials } from '../src/dialects/provision.js';
import { DeliveryStore } from '../src/delivery/store.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env?.close());

async function cli(args: string[]) {
  const out = await runCli(args, env.dbEnv);
  if (out.code !== 0) throw new Error(`lectern ${args.join(' ')} exited ${out.code}: ${out.stderr}`);
  return out.stdout;
}

const json = async <T = Record<string, unknown>>(args: string[]) => JSON.parse(await cli([...args, '--json'])) as T;

// Each command is a process of its own (tsx from source): slow on a loaded machine.
describe('lectern CLI for operators', { timeout: 240_000 }, () => {
  it('prune removes events and finished deliveries older than the retention, oldest first, and nothing else', async () => {
    // A database of its own: pruning goes oldest first, and other tests' recent rows would come first.
    const own = await createTestEnv();
    try {
      const { tenant } = await createTenant(own.services, { name: 'Prune School', site: 'prune.example.test' });
      const room = await own.services.rooms.create({ tenantId: tenant.id, kind: 'large_class', title: 'Prune' });
      const db = own.services.db;
      const DAY = 86_400_000;
      for (let i = 1; i <= 3; i++) await own.services.ingestion.announce({ room, content: `old ${i}` });
      // Recorded 40 days ago: two of the three.
      await db.updateTable('room_events').set({ recorded_at: Date.now() - 40 * DAY }).where('seq', '<=', 2).execute();
      await own.services.ingestion.announce({ room, content: 'recent' });

      const store = new DeliveryStore(db, own.services.engine);
      const old = Date.now() - 40 * DAY;
      const ids: number[] = [];
      for (const body of ['delivered long ago', 'failed long ago', 'still pending', 'delivered after it']) {
        ids.push(await store.insert({ tenantId: tenant.id, roomId: room.id, kind: 'test', firstEventId: null, lastEventId: null, eventCount: 1, targetUrl: 'http://127.0.0.1:9/', contentType: 'text/plain', body, requestId: body, accept: 'http-2xx', retryDelaysMs: [], notBefore: old }, old));
      }
      // The first two go out (and end) 40 days ago, in their room's order; the third never does.
      for (const ok of [true, false]) {
        const [d] = await store.lease('test-worker', 30_000, 1, old);
        await store.recordAttempt(d, 'test-worker', { startedAt: old, ok, httpStatus: ok ? 200 : 500, response: '', error: ok ? null : 'HTTP 500' }, old);
      }
      await db.updateTable('deliveries').set({ state: 'delivered', finished_at: old }).where('id', '=', ids[3]).execute();

      const out = await runCli(['prune', '--json'], own.dbEnv);
      expect(out.code, out.stderr).toBe(0);
      expect(JSON.parse(out.stdout)).toEqual({ removed: { events: 2, deliveries: 2 }, kept_days: { events: 30, deliveries: 30 } });
      expect((await own.services.roomEvents.since({ tenantId: tenant.id, roomId: room.id }, 0)).map((e) => e.seq)).toEqual([3, 4]);
      // The room numbers on from where it was.
      await own.services.ingestion.announce({ room, content: 'after' });
      expect(await own.services.roomEvents.lastSeq({ tenantId: tenant.id, roomId: room.id })).toBe(5);
      // The pending delivery keeps the finished one after it; the attempts of the removed ones are gone.
      expect((await db.selectFrom('deliveries').select('id').orderBy('id').execute()).map((r) => r.id)).toEqual(ids.slice(2));
      expect(await db.selectFrom('delivery_attempts').select('delivery_id').execute()).toEqual([]);
      // The classroom record the exports read stays.
      expect((await db.selectFrom('announcements').select('content').where('room_id', '=', room.id).orderBy('id').execute()).map((a) => a.content)).toEqual(['old 1', 'old 2', 'old 3', 'recent', 'after']);

      // 0 days keeps everything; a bad number is refused.
      await db.updateTable('room_events').set({ recorded_at: 0 }).execute();
      expect(JSON.parse((await runCli(['prune', '--events-days', '0', '--json'], own.dbEnv)).stdout).removed).toEqual({ events: 0, deliveries: 0 });
      const bad = await runCli(['prune', '--deliveries-days', 'soon'], own.dbEnv);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toContain('--deliveries-days must be a whole number of days');
    } finally {
      await own.close();
    }
  });

  it('--version prints the package version', async () => {
    const { code, stdout } = await runCli(['--version'], {});
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(VERSION);
  });

  it('serve --port --host --data listens where told and keeps its data in that directory', async () => {
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-serve-'));
    const { LECTERN_DATA: _d, DATABASE_URL: _u, DATABASE_SCHEMA: _s, PORT: _p, HOST: _h, ...rest } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'serve', '--port', '0', '--host', '127.0.0.1', '--data', data], {
      cwd: ROOT, env: { ...rest, LECTERN_MAX_EVENT_LOOP_DELAY_MS: '0' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`no listening line:\n${out}`)), 60_000);
        const on = (d: Buffer) => {
          out += d;
          const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        };
        child.stdout.on('data', on);
        child.stderr.on('data', on);
        child.on('exit', (c) => reject(new Error(`serve exited ${c}:\n${out}`)));
      });
      expect((await (await fetch(`${url}/healthz`)).json())).toMatchObject({ status: 'ok', version: VERSION });
      expect(fs.existsSync(path.join(data, 'lectern.db'))).toBe(true);
    } finally {
      const exited = new Promise((r) => child.on('exit', r));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(data, { recursive: true, force: true });
    }
  });

  it('tenant create prints the id and name, refuses a taken name unless --allow-duplicate; show describes it', async () => {
    const created = await json<TenantCredentials>(['tenant', 'create', '--name', 'Unique Academy']);
    expect(created.tenant).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}$/), name: 'Unique Academy' });
    const refused = await runCli(['tenant', 'create', '--name', 'Unique Academy'], env.dbEnv);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already exists.*--allow-duplicate/);
    const second = await json<TenantCredentials>(['tenant', 'create', '--name', 'Unique Academy', '--allow-duplicate']);
    expect(second.tenant.id).not.toBe(created.tenant.id);
    // Two of that name now: show wants the id.
    expect((await runCli(['tenant', 'show', 'Unique Academy'], env.dbEnv)).stderr).toMatch(/2 tenants are named/);
    const shown = await json(['tenant', 'show', created.tenant.id]);
    expect(shown).toMatchObject({
      tenant: { id: created.tenant.id, name: 'Unique Academy', disabled: false, rooms: 0 },
      gensee: { site: created.gensee.site }, baijiayun: { partner_id: created.baijiayun.partner_id }, cc: { userid: created.cc.userid },
    });
    expect(JSON.stringify(shown)).not.toContain(created.baijiayun.partner_key);
    const secrets = await json(['tenant', 'show', created.tenant.id, '--secrets']);
    expect(secrets).toMatchObject({ baijiayun: { partner_key: created.baijiayun.partner_key }, cc: { api_key: created.cc.api_key } });
  });

  it('tenant rotate-keys: the old secrets stop working, the new ones work', async () => {
    const old = await json<TenantCredentials>(['tenant', 'create', '--name', 'Rotating School']);
    const fresh = await json<TenantCredentials>(['tenant', 'rotate-keys', old.tenant.id]);
    expect(fresh.baijiayun.partner_id).toBe(old.baijiayun.partner_id);
    expect(fresh.baijiayun.partner_key).not.toBe(old.baijiayun.partner_key);
    expect((await bjy(env, old, '/openapi/room/list')).json.code).not.toBe(0);
    expect((await bjy(env, fresh, '/openapi/room/list')).json.code).toBe(0);
    expect((await cc(env, old, '/collect/live/usercount/', { liveid: '0000000000000000' })).json.error_msg).toMatch(/THQS hash/);
    expect((await gensee(env, old, '/integration/site/webcast/setting/info', { webcastId: 'none' })).json.code).toBe('200');
    expect((await gensee(env, fresh, '/integration/site/webcast/setting/info', { webcastId: 'none' })).json.code).toBe('501');
  });

  it('tenant disable: every dialect refuses the tenant with its auth error, until enable', async () => {
    const t = await json<TenantCredentials>(['tenant', 'create', '--name', 'Paused School']);
    expect(await json(['tenant', 'disable', t.tenant.id])).toEqual({ id: t.tenant.id, name: 'Paused School', disabled: true });
    expect((await bjy(env, t, '/openapi/room/list')).json).toMatchObject({ code: 2003, msg: expect.stringMatching(/disabled/) });
    expect((await cc(env, t, '/collect/live/usercount/', { liveid: '0000000000000000' })).json).toMatchObject({ result: 'FAIL', error_msg: expect.stringMatching(/disabled/) });
    expect((await gensee(env, t, '/integration/site/webcast/setting/info', { webcastId: 'none' })).json).toMatchObject({ code: '200', message: expect.stringMatching(/disabled/) });
    expect((await gensee(env, t, '/integration/site/training/room/info', { roomId: 'none' })).json).toMatchObject({ code: '200', message: expect.stringMatching(/disabled/) });
    expect((await json<Array<{ id: string; disabled: boolean }>>(['tenant', 'list'])).find((r) => r.id === t.tenant.id)?.disabled).toBe(true);
    await cli(['tenant', 'enable', t.tenant.id]);
    expect((await bjy(env, t, '/openapi/room/list')).json.code).toBe(0);
    expect((await gensee(env, t, '/integration/site/webcast/setting/info', { webcastId: 'none' })).json.code).toBe('501');
  });

  it('room list and room show find rooms of every dialect, by any dialect\'s id', async () => {
    const t = await json<TenantCredentials>(['tenant', 'create', '--name', 'Rooms School']);
    const soon = nowSeconds() + 3600;
    const made = await bjy(env, t, '/openapi/room/create', { title: 'Baijiayun room', start_time: soon, end_time: soon + 600 });
    const webcast = await gensee(env, t, '/integration/site/webcast/created', { subject: 'Webcast room', startTime: Date.now(), organizerToken: '111111', panelistToken: '222222' });
    const list = await json<Array<{ title: string; ids: Record<string, Record<string, string>> }>>(['room', 'list', '--tenant', t.tenant.id]);
    expect(list.map((r) => r.title).sort()).toEqual(['Baijiayun room', 'Webcast room']);
    const byBjy = await json<{ title: string; ids: Record<string, Record<string, string>>; passes: unknown[] }>(['room', 'show', String(made.json.data.room_id)]);
    expect(byBjy.title).toBe('Baijiayun room');
    expect(byBjy.passes.length).toBeGreaterThan(0);
    const byCc = await json<{ title: string }>(['room', 'show', byBjy.ids['cc-collect'].roomid]);
    expect(byCc.title).toBe('Baijiayun room');
    const byGensee = await json<{ title: string; ids: Record<string, Record<string, string>> }>(['room', 'show', webcast.json.id as string]);
    expect(byGensee).toMatchObject({ title: 'Webcast room', ids: { 'gensee-webcast': { webcastId: webcast.json.id } } });
    expect((await runCli(['room', 'show', 'no-such-room'], env.dbEnv)).stderr).toMatch(/no room has the id/);
  });

  it('sign prints a signed URL or curl command that the server accepts, for every dialect', async () => {
    const t = await json<TenantCredentials>(['tenant', 'create', '--name', 'Signing School']);
    const send = async (url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) => {
      const u = new URL(url);
      const res = await env.app.inject({ method: (init.method ?? 'GET') as 'GET' | 'POST', url: u.pathname + u.search, headers: init.headers, payload: init.body });
      return res.json() as Record<string, unknown>;
    };
    const bjyUrl = (await cli(['sign', 'bjy', '/openapi/room/list', 'page=1', '--tenant', t.tenant.id])).trim();
    expect(bjyUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/openapi\/room\/list\?partner_id=.*&sign=[0-9a-f]{32}$/);
    expect(await send(bjyUrl)).toMatchObject({ code: 0 });
    const ccUrl = (await cli(['sign', 'cc', '/collect/live/record', 'start_time=2026-01-01 00:00:00', 'end_time=2026-01-02 00:00:00', '--tenant', t.tenant.id])).trim();
    expect(await send(ccUrl)).toMatchObject({ result: 'OK' });
    const webcastUrl = await runCli(['sign', 'gensee-webcast', '/integration/site/webcast/setting/info', 'webcastId=none', '--tenant', t.tenant.id, '--password', t.gensee.password], env.dbEnv);
    expect(webcastUrl.stderr).toContain(`Host: ${t.gensee.site}`);
    expect(await send(webcastUrl.stdout.trim(), { headers: { host: t.gensee.site } })).toMatchObject({ code: '501' });
    // curl: a form POST, with the Host header for Gensee.
    const curl = (await cli(['sign', 'training', '/integration/site/training/room/info', 'roomId=none', '--tenant', t.tenant.id, '--password', t.gensee.password, '--curl'])).trim();
    expect(curl).toMatch(/^curl -sS -X POST -H 'content-type: application\/x-www-form-urlencoded' -H 'host: [^']+' --data-binary '[^']+' 'http:\/\/[^']+\/integration\/site\/training\/room\/info'$/);
    const body = /--data-binary '([^']+)'/.exec(curl)![1];
    expect(await send(/'(http:[^']+)'$/.exec(curl)![1], { method: 'POST', headers: { host: t.gensee.site, 'content-type': 'application/x-www-form-urlencoded' }, body })).toMatchObject({ code: expect.not.stringMatching(/^200$/) });
    const wrong = await runCli(['sign', 'nope', '/x'], env.dbEnv);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/unknown dialect "nope"/);
  });
});
