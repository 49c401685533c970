// What one signed call costs, piece by piece, in one process (no HTTP): each service call the
// Baijiayun room/info and Gensee setting/info handlers make, timed in a loop on a fresh SQLite
// database, then the same lookups with many in flight at once, next to raw better-sqlite3 and
// Kysely's query compilation for scale.
//
// Usage: npm run build && node bench/query-costs.mjs   (BENCH_ROOT measures another build)
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { root } from './lib.mjs';

const dist = (p) => import(path.join(root, 'dist', p));
const { openStorage } = await dist('storage/database.js');
const { Services } = await dist('core/services.js');
const { createTenant } = await dist('dialects/provision.js');
const { formatDateTime } = await dist('dialects/framework/time.js');
const { baijiayunSign } = await dist('dialects/baijiayun/signature.js');
const SQLite = createRequire(path.join(root, 'package.json'))('better-sqlite3');

const ITERATIONS = 20_000;

async function time(label, fn) {
  for (let i = 0; i < ITERATIONS / 10; i++) await fn();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < ITERATIONS; i++) await fn();
  const us = Number(process.hrtime.bigint() - t0) / ITERATIONS / 1000;
  process.stdout.write(`${us.toFixed(1).padStart(7)} µs  ${label}\n`);
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'lectern-costs-'));
const storage = await openStorage({ dataDir: dir });
try {
  const s = Services.forStorage(storage);
  const { tenant, credentials } = await createTenant(s, { name: 'Costs' });
  const room = await s.rooms.create({ tenantId: tenant.id, product: 'live-edu', title: 'Room', scheduledStart: Date.now(), scheduledEnd: Date.now() + 3_600_000, maxAttendees: null, properties: {} });
  await s.passes.roleCodes(room);
  const partnerId = credentials.baijiayun.partner_id;

  process.stdout.write('Service calls made by Baijiayun /openapi/room/info:\n');
  await time('tenants.findCredential (partner_id)', () => s.tenants.findCredential('baijiayun', partnerId));
  await time('tenants.get', () => s.tenants.get(tenant.id));
  await time('rooms.find (numeric id)', () => s.rooms.find(tenant.id, { numericId: room.numeric_id }));
  await time('passes.roleCodes', () => s.passes.roleCodes(room));
  await time('baijiayunSign (md5 over 4 params)', () => baijiayunSign([['partner_id', partnerId], ['room_id', room.numeric_id], ['timestamp', '1700000000']], 'k'.repeat(64)));
  await time('formatDateTime (luxon; room/info calls it twice)', () => formatDateTime(Date.now(), 'Asia/Shanghai'));

  process.stdout.write('Extra service call made by Gensee setting/info (besides findCredential, tenants.get, rooms.find):\n');
  await time('users.findByLogin', () => s.users.findByLogin(tenant.id, 'admin'));

  process.stdout.write('Concurrency (requests in flight share SQLite\'s one connection through Kysely\'s lock):\n');
  const twoQueries = async () => {
    const c = await s.tenants.findCredential('baijiayun', partnerId);
    await s.tenants.get(c.tenantId);
  };
  for (const inFlight of [1, 32, 64]) {
    let left = ITERATIONS;
    const worker = async () => {
      while (left-- > 0) await twoQueries();
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    left = ITERATIONS;
    const t0 = process.hrtime.bigint();
    await Promise.all(Array.from({ length: inFlight }, worker));
    const us = Number(process.hrtime.bigint() - t0) / ITERATIONS / 1000;
    process.stdout.write(`${us.toFixed(1).padStart(7)} µs  findCredential + tenants.get, ${inFlight} in flight\n`);
  }

  process.stdout.write('For scale:\n');
  const handle = new SQLite(path.join(dir, 'lectern.db'), { readonly: true });
  const text = 'select * from "tenant_credentials" where "scheme" = ? and "key_id" = ?';
  const prepared = handle.prepare(text);
  await time('better-sqlite3: run a prepared point lookup', () => prepared.all(['baijiayun', partnerId]));
  await time('better-sqlite3: prepare + run the same lookup', () => handle.prepare(text).all(['baijiayun', partnerId]));
  await time('Kysely: build + compile that query (no execution)', () => s.db.selectFrom('tenant_credentials').selectAll().where('scheme', '=', 'baijiayun').where('key_id', '=', partnerId).compile());
  handle.close();
} finally {
  await storage.close();
  await rm(dir, { recursive: true, force: true });
}
