// How close can any implementation get? Measures the bare Fastify baseline, Lectern's signed
// Baijiayun room/info, and bench/floor-server.mjs (the same work on raw prepared statements,
// no Kysely, no dialect framework) against the same SQLite database, at max rate.
//
// Usage: npm run build && node bench/floor.mjs [seconds]
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkOnce, load, log, startBaseline, startLectern, startScriptServer, stopProcess } from './lib.mjs';

const seconds = Number(process.argv[2] ?? 10);
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lectern-floor-'));
const servers = [];
try {
  const base = await startBaseline();
  servers.push(base.server);
  const lec = await startLectern(dataDir);
  servers.push(lec.server);
  const lectern = lec.targets.find((t) => t.short === 'baijiayun');
  const floor = await startScriptServer('floor-server.mjs', [dataDir]);
  servers.push(floor.server);
  const floorTarget = { ...lectern, name: 'Floor: Fastify + raw better-sqlite3, same work', pid: floor.server.pid, request: { ...lectern.request, url: lectern.request.url.replace(/:\d+\//, `:${floor.port}/`) } };
  const rows = [];
  for (const t of [base.target, lectern, floorTarget]) {
    await checkOnce(t);
    await load(t, { connections: 32, duration: 3 });
    const r = await load(t, { connections: 32, duration: seconds });
    log(`${t.name}: ${Math.round(r.rps)} req/s`);
    rows.push({ name: t.name, r });
  }
  const baseline = rows[0].r;
  process.stdout.write('| server | req/s | ÷ baseline | server CPU per request | p99 | failures |\n|---|---|---|---|---|---|\n');
  for (const { name, r } of rows) {
    process.stdout.write(`| ${name} | ${Math.round(r.rps)} | ${((r.rps / baseline.rps) * 100).toFixed(1)} % | ${Math.round((r.serverCpuSeconds / r.requests) * 1e6)} µs | ${r.latency.p99} ms | ${r.non2xx + r.mismatches + r.errors + r.timeouts} |\n`);
  }
} finally {
  for (const s of servers) await stopProcess(s);
  await rm(dataDir, { recursive: true, force: true });
}
