import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestEnv, TEST_PG_URL } from './harness.js';
import { Services } from '../src/core/services.js';
import { openStorage } from '../src/storage/database.js';
import { createTenant } from '../src/dialects/provision.js';
import { requires, TEST_REDIS_URL } from './requirements.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const WRITER = path.join(ROOT, 'test/room-writer.ts');
const REDIS_URL = TEST_REDIS_URL;
const WRITES_PER_PROCESS = 30;

interface Writer {
  child: ChildProcess;
  ready: Promise<void>;
  result: Promise<{ seqs: number[]; timedOut?: boolean }>;
}

function startWriter(name: string, env: Record<string, string>): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER], { cwd: ROOT, env: { ...process.env, ...env, WRITER_NAME: name }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.startsWith('ready\n')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready:\n${err}`)));
  });
  const result = new Promise<{ seqs: number[] }>((resolve, reject) => {
    child.on('exit', (code) => {
      const line = /^result (.*)$/m.exec(out);
      if (line) resolve(JSON.parse(line[1]));
      else reject(new Error(`${name} exited with ${code} and no result:\n${out}\n${err}`));
    });
  });
  return { child, ready, result };
}

/** Two processes follow and write one room at once; both must see 1..N, and the table must hold 1..N. */
async function twoWritersOneRoom(services: Services, dbEnv: Record<string, string>) {
  const { tenant } = await createTenant(services, { name: 'Two Writers', site: `two-${randomUUID().slice(0, 8)}.example.test` });
  const room = await services.rooms.create({ tenantId: tenant.id, kind: 'large_class', title: 'Shared room' });
  const total = 2 * WRITES_PER_PROCESS;
  const env = { ...dbEnv, REDIS_URL, ROOM_TENANT: tenant.id, ROOM_ID: String(room.id), WRITES: String(WRITES_PER_PROCESS), EXPECTED: String(total) };
  const writers = [startWriter('one', env), startWriter('two', env)];
  try {
    await Promise.all(writers.map((w) => w.ready));
    for (const w of writers) w.child.stdin!.write('go\n');
    const results = await Promise.all(writers.map((w) => w.result));
    const oneToN = Array.from({ length: total }, (_, i) => i + 1);
    for (const r of results) expect(r).toEqual({ seqs: oneToN });
    const stored = await services.db.selectFrom('room_events').select(['seq', 'data']).where('room_id', '=', room.id).orderBy('seq').execute();
    expect(stored.map((r) => r.seq)).toEqual(oneToN);
    const contents = stored.map((r) => (JSON.parse(r.data) as { content: string }).content);
    expect(new Set(contents).size).toBe(total);
    expect(await services.roomEvents.lastSeq({ tenantId: tenant.id, roomId: room.id })).toBe(total);
  } finally {
    for (const w of writers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
  }
}

describe.skipIf(!requires(['redis'], 'two processes writing to one room (Redis relay)'))('two processes writing to one room', () => {
  it('on PostgreSQL with Redis, both follow the same sequence 1..N without gap or duplicate, and the table holds exactly 1..N', async (ctx) => {
    ctx.skip(!TEST_PG_URL, 'needs PostgreSQL: set LECTERN_TEST_DATABASE_URL (the SQLite case below runs without it)');
    const env = await createTestEnv();
    try {
      await twoWritersOneRoom(env.services, env.dbEnv);
    } finally {
      await env.close();
    }
  }, 90_000);

  it('on SQLite (one data directory) with Redis, the same', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-two-writers-'));
    const storage = await openStorage({ dataDir });
    try {
      await twoWritersOneRoom(Services.forStorage(storage), { LECTERN_DATA: dataDir });
    } finally {
      await storage.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
