/**
 * Peak-concurrency benchmark: 1,000,000 join/leave events (500,000 participation intervals) of one
 * room, written straight into SQLite, then `attendance.peakConcurrency` for that room, timed.
 * `--compare` also times the alternatives considered (a covering index; the sweep as a SQL window
 * function) and checks that each gives the same peak and time.
 * Usage: npm run bench:peak [-- --intervals 500000 --runs 5 --compare]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { Services } from '../src/core/services.js';
import { openStorage } from '../src/storage/database.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const INTERVALS = arg('intervals', 500_000);
const RUNS = arg('runs', 5);
const COMPARE = process.argv.includes('--compare');
const BATCH = 500;
const DAY_START = Date.UTC(2024, 2, 1, 0, 0, 0);

type Peak = { peak: number; at: number | null };

/** xorshift32: the same history on every machine. */
function seeded(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x1_0000_0000;
  };
}

/** Writes the intervals through a second connection: prepared 500-row inserts in one transaction. */
function load(file: string, tenantId: string, roomId: number, otherRoomId: number): number {
  const raw = new SQLite(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  const cols = '(tenant_id, room_id, session_id, participant_id, name, role, joined_at, left_at, properties)';
  const row = "(?, ?, NULL, ?, ?, 'student', ?, ?, '{}')";
  const statement = (rows: number) => raw.prepare(`INSERT INTO participations ${cols} VALUES ${Array(rows).fill(row).join(', ')}`);
  const full = statement(BATCH);
  const rnd = seeded(20240301);
  const values: Array<string | number> = [];
  const push = (room: number, i: number) => {
    // Arrivals over a 12-hour day, stays of 1 minute to 3 hours.
    const joined = DAY_START + Math.floor(rnd() * 12 * 3_600_000);
    const left = joined + 60_000 + Math.floor(rnd() * 3 * 3_600_000);
    values.push(tenantId, room, (i % 100_000) + 1, `viewer ${i % 100_000}`, joined, left);
    if (values.length === BATCH * 6) {
      full.run(values);
      values.length = 0;
    }
  };
  const started = performance.now();
  raw.transaction(() => {
    for (let i = 0; i < INTERVALS; i++) {
      push(roomId, i);
      // Every tenth interval, one in another room of the tenant: the query must pick the room's rows.
      if (i % 10 === 9) push(otherRoomId, i);
    }
    if (values.length) statement(values.length / 6).run(values);
  })();
  raw.close();
  return performance.now() - started;
}

/** Wall and CPU milliseconds of each run of one way of computing the peak, and what it answered. */
interface Variant {
  label: string;
  run: () => Promise<Peak>;
  wall: number[];
  cpu: number[];
  result?: Peak;
}

async function sample(v: Variant): Promise<void> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  v.result = await v.run();
  v.wall.push(performance.now() - t);
  const used = process.cpuUsage(cpu);
  v.cpu.push((used.user + used.system) / 1000);
}

function summary(v: Variant) {
  const sorted = (xs: number[]) => [...xs].sort((x, y) => x - y);
  const wall = sorted(v.wall);
  const cpu = sorted(v.cpu);
  const mid = (xs: number[]) => +xs[Math.floor(xs.length / 2)].toFixed(1);
  return {
    label: v.label,
    peak: v.result?.peak,
    peakAt: v.result?.at == null ? null : new Date(v.result.at).toISOString(),
    wallMinMs: +wall[0].toFixed(1), wallMedianMs: mid(wall), cpuMinMs: +cpu[0].toFixed(1), cpuMedianMs: mid(cpu),
  };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-bench-peak-'));
const storage = await openStorage({ dataDir });
try {
  const services = new Services(storage.db, storage.engine);
  const tenant = await services.tenants.create({ name: 'bench' });
  const room = await services.rooms.create({ tenantId: tenant.id, kind: 'large_class', title: 'peak bench' });
  const other = await services.rooms.create({ tenantId: tenant.id, kind: 'large_class', title: 'another room' });
  const loadMs = load(path.join(dataDir, 'lectern.db'), tenant.id, room.id, other.id);

  const now = Date.now();
  const plan = async () => (await sql<{ detail: string }>`EXPLAIN QUERY PLAN SELECT joined_at, left_at FROM participations WHERE room_id = ${room.id}`.execute(storage.db)).rows.map((r) => r.detail).join('; ');
  const variant = (label: string, run: () => Promise<Peak>): Variant => ({ label, run, wall: [], cpu: [] });
  const shipped = variant('attendance.peakConcurrency', () => services.attendance.peakConcurrency({ roomId: room.id }, now));
  // The same sweep in SQL: joins (odd keys) sort after leaves (even keys) at equal instants.
  const windowSweep = async (): Promise<Peak> => {
    const { rows } = await sql<{ c: number; k: number }>`
      WITH ev(k) AS (
        SELECT joined_at * 2 + 1 FROM participations WHERE room_id = ${room.id}
        UNION ALL SELECT COALESCE(left_at, ${now}) * 2 FROM participations WHERE room_id = ${room.id}
      ), run AS (SELECT k, SUM(CASE WHEN k % 2 = 1 THEN 1 ELSE -1 END) OVER (ORDER BY k ROWS UNBOUNDED PRECEDING) AS c FROM ev)
      SELECT c, k FROM run ORDER BY c DESC, k ASC LIMIT 1`.execute(storage.db);
    const top = rows[0];
    return top && top.c > 0 ? { peak: Number(top.c), at: (Number(top.k) - 1) / 2 } : { peak: 0, at: null };
  };
  const withIndex = [shipped, ...(COMPARE ? [variant('SQL window function', windowSweep)] : [])];
  const withoutIndex = COMPARE
    ? [variant('peakConcurrency, no covering index', shipped.run), variant('SQL window function, no covering index', windowSweep)]
    : [];
  const plans: Record<string, string> = { shipped: await plan() };
  // Rounds alternate the variants, so a busy machine slows them all alike.
  for (let r = 0; r < RUNS; r++) {
    for (const v of withIndex) await sample(v);
    if (withoutIndex.length) {
      // Without migration 004's covering index, each row's left_at or joined_at comes from the table.
      await sql`DROP INDEX participations_room_interval`.execute(storage.db);
      plans.noCoveringIndex = await plan();
      for (const v of withoutIndex) await sample(v);
      await sql`CREATE INDEX participations_room_interval ON participations (room_id, joined_at, left_at)`.execute(storage.db);
    }
  }
  const results = [...withIndex, ...withoutIndex].map(summary);
  const first = results[0];
  for (const r of results) if (r.peak !== first.peak || r.peakAt !== first.peakAt) throw new Error(`${r.label} disagrees: ${JSON.stringify(r)}`);
  console.log(JSON.stringify({
    engine: storage.engine, eventsInRoom: INTERVALS * 2, intervalsInRoom: INTERVALS, otherRoomIntervals: Math.floor(INTERVALS / 10),
    loadSeconds: +(loadMs / 1000).toFixed(2), plans, runs: RUNS, node: process.version, cpu: os.cpus()[0]?.model, cpus: os.cpus().length,
  }));
  for (const r of results) console.log(JSON.stringify(r));
} finally {
  await storage.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
