// A/B of server CPU per request between this build and another checkout's (BENCH_BASE=/path, its
// dist/ built), with bare Fastify besides: the same targets, runs interleaved over several rounds,
// medians reported. CPU per request (server user+system time ÷ requests answered) moves less than
// req/s when other work shares the machine, and interleaving spreads that work over both builds.
//
// Usage: npm run build && BENCH_BASE=/work/other node bench/cpu-ab.mjs [rounds] [seconds]
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const rounds = Number(process.argv[2] ?? 5);
const seconds = Number(process.argv[3] ?? 3);
const here = await import('./lib.mjs');
const builds = [{ label: 'this', lib: here }];
if (process.env.BENCH_BASE) {
  process.env.BENCH_ROOT = process.env.BENCH_BASE;
  // A second instance of the library, bound to the other checkout (lib.mjs reads BENCH_ROOT when loaded).
  builds.push({ label: 'base', lib: await import('./lib.mjs?base') });
}
const { checkOnce, load, log, median, startBaseline, stopProcess } = here;
const wanted = (process.env.BENCH_TARGETS ?? 'healthz,baijiayun,gensee-get').split(',');
const dirs = [];
const servers = [];
try {
  const base = await startBaseline();
  servers.push(base.server);
  const targets = [{ ...base.target, label: 'fastify' }];
  for (const b of builds) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lectern-ab-'));
    dirs.push(dir);
    const lec = await b.lib.startLectern(dir);
    servers.push(lec.server);
    for (const t of lec.targets.filter((t) => wanted.includes(t.short))) targets.push({ ...t, label: `${b.label} ${t.short}` });
  }
  for (const t of targets) {
    await checkOnce(t);
    await load(t, { connections: 32, duration: 2 });
  }
  const cpu = new Map(targets.map((t) => [t.label, []]));
  for (let i = 0; i < rounds; i++) {
    for (const t of targets) {
      const r = await load(t, { connections: 32, duration: seconds });
      cpu.get(t.label).push((r.serverCpuSeconds / r.requests) * 1e6);
    }
  }
  const bare = median(cpu.get('fastify'));
  for (const t of targets) {
    const m = median(cpu.get(t.label));
    log(`${t.label.padEnd(20)} ${m.toFixed(1).padStart(7)} µs/req  (${cpu.get(t.label).map((x) => x.toFixed(0)).join(', ')})  bare÷this ${((bare / m) * 100).toFixed(1)} %`);
  }
} finally {
  for (const s of servers) await stopProcess(s);
  for (const d of dirs) await rm(d, { recursive: true, force: true });
}
