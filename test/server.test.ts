import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startServerProcess, type ServerProcess } from './processes.js';
import { TEST_PG_URL, md5, nowSeconds } from './harness.js';
import { baijiayunSign } from '../src/dialects/baijiayun/signature.js';
import { requires, TEST_REDIS_URL } from './requirements.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** A fresh database for server processes: a temp dir, plus a schema of its own on PostgreSQL. */
async function freshDatabase(): Promise<Record<string, string>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-proc-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const env: Record<string, string> = { LECTERN_DATA: dir };
  if (TEST_PG_URL) {
    const schema = `p_${randomBytes(6).toString('hex')}`;
    Object.assign(env, { DATABASE_URL: TEST_PG_URL, DATABASE_SCHEMA: schema });
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    });
  }
  return env;
}

function track(p: ServerProcess) {
  cleanups.push(async () => void (await p.stop('SIGKILL')));
  return p;
}

async function bjyPost(url: string, apiPath: string, partnerId: string, key: string, params: Record<string, string> = {}) {
  const all = { partner_id: partnerId, timestamp: String(nowSeconds()), ...params };
  const body = new URLSearchParams({ ...all, sign: baijiayunSign(Object.entries(all), key) });
  const res = await fetch(url + apiPath, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  return { status: res.status, ...(await res.json()) } as { status: number; code: number; data: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('lectern serve', () => {
  it('creates the demo tenant on first start with well-known credentials, and not again', async () => {
    const dbEnv = await freshDatabase();
    const first = track(await startServerProcess(dbEnv));
    expect(first.output()).toMatch(/Demo tenant created/);
    const list = await bjyPost(first.url, '/openapi/room/list', '10000001', 'demo-partner-key');
    expect(list.code).toBe(0);
    expect(list.data.list.length).toBeGreaterThanOrEqual(3);
    // Loopback Host → the demo site; sec=true with the MD5 of the password.
    const res = await fetch(`${first.url}/integration/site/webcast/setting/info?loginName=admin&password=${md5('demo-admin-pass')}&sec=true&webcastId=none`);
    expect((await res.json()).code).toBe('501');
    expect(await first.stop()).toBe(0);
    const second = track(await startServerProcess(dbEnv));
    expect(second.output()).not.toMatch(/Demo tenant created/);
    expect(await second.stop()).toBe(0);
  });

  it('shuts down gracefully on SIGTERM: in-flight requests finish, then the process exits 0', async () => {
    const dbEnv = await freshDatabase();
    // At debug level each request also logs "request received" when it arrives.
    const server = track(await startServerProcess({ ...dbEnv, LOG_LEVEL: 'debug' }));
    const first = await bjyPost(server.url, '/openapi/room/list', '10000001', 'demo-partner-key');
    expect(first.code).toBe(0);
    const inflight = Array.from({ length: 40 }, () => bjyPost(server.url, '/openapi/room/list', '10000001', 'demo-partner-key'));
    await new Promise((r) => setTimeout(r, 5));
    const stopped = server.stop('SIGTERM');
    const answers = await Promise.allSettled(inflight);
    expect(await stopped).toBe(0);
    // A request the server accepted is always answered in full: every "request received" in its log
    // has its one "request" line. Requests that raced the closing port were refused or reset before
    // the server read them, or answered 503.
    const served = answers.filter((a) => a.status === 'fulfilled' && a.value.status === 200);
    for (const a of answers) {
      if (a.status === 'rejected') {
        expect(['ECONNREFUSED', 'ECONNRESET']).toContain(String((a.reason as { cause?: { code?: string } }).cause?.code));
        continue;
      }
      if (a.value.status === 200) expect(a.value.code).toBe(0);
      else expect(a.value.status).toBe(503);
    }
    const log = server.output();
    const incoming = log.match(/"msg":"request received"/g)?.length ?? 0;
    const completed = log.match(/"msg":"request"/g)?.length ?? 0;
    expect(completed).toBe(incoming);
    expect(completed).toBeGreaterThanOrEqual(served.length + 1);
    expect(server.output()).toMatch(/shutting down/);
  });

  it.skipIf(!requires(['redis'], 'lectern serve: several processes on one database and Redis'))('several processes share one database: a room created through one is read through the other', async () => {
    const dbEnv = { ...(await freshDatabase()), REDIS_URL: TEST_REDIS_URL };
    const one = track(await startServerProcess(dbEnv));
    const two = track(await startServerProcess(dbEnv));
    const soon = nowSeconds() + 600;
    const created = await bjyPost(one.url, '/openapi/room/create', '10000001', 'demo-partner-key', { title: '共享教室', start_time: String(soon), end_time: String(soon + 600) });
    expect(created.code).toBe(0);
    const info = await bjyPost(two.url, '/openapi/room/info', '10000001', 'demo-partner-key', { room_id: created.data.room_id });
    expect(info.data).toMatchObject({ title: '共享教室', teacher_code: created.data.teacher_code });
    await one.stop();
    await two.stop();
  });
});
