// Where does a Lectern request spend its time? Starts Lectern under `node --cpu-prof`, drives one
// target at max rate, stops the server (which writes the profile) and prints self time by
// function and by package/source area.
//
// Usage: npm run build && node bench/profile.mjs [baijiayun|gensee-get|gensee-post] [seconds]
// The .cpuprofile is kept in a temporary directory (path printed) for Chrome DevTools / speedscope.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkOnce, load, log, startLectern, stopProcess } from './lib.mjs';

const which = process.argv[2] ?? 'baijiayun';
const seconds = Number(process.argv[3] ?? 10);

/** Attributes a profile node to an area: a package under node_modules, a dist/ folder, or Node itself. */
function areaOf(url) {
  if (!url) return '(native / GC / idle)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return 'node internals';
  const dist = url.indexOf('/dist/');
  if (dist >= 0) return `lectern ${url.slice(dist + 1).split('/').slice(0, 3).join('/')}`;
  return url;
}

function summarise(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMicros = new Map();
  const deltas = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) selfMicros.set(profile.samples[i], (selfMicros.get(profile.samples[i]) ?? 0) + (deltas[i] ?? 0));
  const total = [...selfMicros.values()].reduce((a, b) => a + b, 0);
  const fns = new Map();
  const areas = new Map();
  for (const [id, us] of selfMicros) {
    const n = byId.get(id);
    const { functionName, url, lineNumber } = n.callFrame;
    const fn = `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${lineNumber + 1}` : ''}`.trim();
    fns.set(fn, (fns.get(fn) ?? 0) + us);
    const area = functionName === '(idle)' ? '(idle)' : functionName === '(garbage collector)' ? '(garbage collector)' : functionName === '(program)' ? '(program: native, not attributed)' : areaOf(url);
    areas.set(area, (areas.get(area) ?? 0) + us);
  }
  const busy = total - (areas.get('(idle)') ?? 0);
  const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => `${((us / busy) * 100).toFixed(1).padStart(5)} %  ${k}`);
  return { busy, total, areas: top(areas, 25), functions: top(fns, 40) };
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lectern-prof-'));
const profDir = await mkdtemp(path.join(os.tmpdir(), 'lectern-cpuprof-'));
const { server, targets } = await startLectern(dataDir, { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`] });
try {
  const target = targets.find((t) => t.short === which);
  if (!target) throw new Error(`unknown target "${which}"; one of ${targets.map((t) => t.short).join(', ')}`);
  await checkOnce(target);
  log(`profiling ${target.name} for ${seconds} s`);
  const result = await load(target, { connections: 32, duration: seconds });
  log(`${Math.round(result.rps)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, failures ${result.non2xx + result.mismatches + result.errors}`);
} finally {
  await stopProcess(server);
  await rm(dataDir, { recursive: true, force: true });
}
const file = (await readdir(profDir)).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error(`no profile written in ${profDir}`);
const { busy, total, areas, functions } = summarise(JSON.parse(await readFile(path.join(profDir, file), 'utf8')));
process.stdout.write(`profile: ${path.join(profDir, file)} (busy ${(busy / 1e6).toFixed(1)} s of ${(total / 1e6).toFixed(1)} s)\n\n`);
process.stdout.write(`Self time by area (share of busy time):\n${areas.join('\n')}\n\nTop functions by self time:\n${functions.join('\n')}\n`);
