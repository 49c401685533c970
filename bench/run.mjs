// Benchmark: a bare Fastify hello-world against Lectern's signed API calls on SQLite.
// Run with `npm run bench` (builds dist/ first). Each server and each load run is its own process;
// this script only orchestrates and writes bench/RESULTS.md (plus the raw figures in bench/results.json).
//
// Knobs (environment): BENCH_SECONDS (length of each measured run, default 10), BENCH_WARMUP
// (default 3), BENCH_CONNECTIONS (default 32), BENCH_STAGGER (phases per second of the smoothed
// half-rate run, default 10), BENCH_ROOT (measure another checkout's build, see lib.mjs),
// BENCH_REFERENCE (another checkout whose dist/ is built, e.g. the build of an earlier measurement:
// its signed Baijiayun call is measured in the same run too, in BENCH_REFERENCE_ROUNDS rounds
// (default 5) of BENCH_REFERENCE_SECONDS (default 5) runs interleaved with bare Fastify and this
// build, so that a change of ratio between two runs can be told apart from a change of machine).
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HOST, checkOnce, here, load as loadRun, log, median, root, startBaseline, startLectern, stopProcess } from './lib.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const STAGGER = Number(process.env.BENCH_STAGGER ?? 10);
const REFERENCE_ROUNDS = Number(process.env.BENCH_REFERENCE_ROUNDS ?? 5);
const REFERENCE_SECONDS = Number(process.env.BENCH_REFERENCE_SECONDS ?? 5);

/** The issue's targets. */
const MIN_SHARE_OF_BASELINE = 0.5;
const MAX_P99_AT_HALF_MS = 10;

// Another checkout's build gets its own results file, so the main RESULTS.md stays this checkout's.
const OUT = process.env.BENCH_ROOT ? `RESULTS.${path.basename(root)}` : 'RESULTS';

const load = (target, opts) => loadRun(target, { connections: CONNECTIONS, ...opts });

// ---------------------------------------------------------------- measuring

async function maxRate(target) {
  log(`${target.name}: warm-up ${WARMUP} s`);
  const warmup = await load(target, { duration: WARMUP });
  log(`${target.name}: max rate ${SECONDS} s`);
  const max = await load(target, { duration: SECONDS });
  log(`${target.name}: ${Math.round(max.rps)} req/s, p99 ${max.latency.p99} ms`);
  return { name: target.name, short: target.short, request: target.describe, warmup, max };
}

/** p99 at a fixed offered rate: once paced by autocannon alone, once in staggered phases. */
async function atRate(target, rate) {
  log(`${target.name}: ${rate} req/s for ${SECONDS} s (autocannon overallRate)`);
  const half = await load(target, { duration: SECONDS, overallRate: rate });
  log(`${target.name}: same rate, ${STAGGER} staggered phases per second`);
  const smooth = await load(target, { duration: SECONDS, overallRate: rate, stagger: STAGGER });
  log(`${target.name}: p99 ${half.latency.p99} ms (autocannon pacing), ${smooth.latency.p99} ms (staggered)`);
  return { halfRate: rate, half, smooth };
}

async function measure(target) {
  const m = await maxRate(target);
  return { ...m, ...(await atRate(target, Math.floor(m.max.rps / 2))) };
}

// ---------------------------------------------------------------- report

/**
 * The sections other benchmarks keep in the same file, between their own markers
 * (`<!-- name:begin -->` or `<!-- name:start … -->` … `<!-- name:end -->`): carried over unchanged.
 */
async function otherSections(file) {
  const old = await readFile(file, 'utf8').catch(() => '');
  const sections = old.match(/<!-- (\w+):(?:begin|start)\b[^>]*-->[\s\S]*?<!-- \1:end -->/g) ?? [];
  return sections.map((s) => `\n${s}\n`).join('');
}

const ms = (v) => (v === undefined ? '–' : `${v} ms`);
const int = (v) => Math.round(v).toLocaleString('en-US');
const pct = (v) => (v === undefined ? '–' : `${Math.round(v * 100)} %`);
const failures = (r) => r.non2xx + r.errors + r.timeouts + r.mismatches;
/** Server CPU time per request at saturation, in microseconds. */
const cpuPerRequest = (r) => (r.serverCpuSeconds === undefined ? undefined : (r.serverCpuSeconds / r.requests) * 1e6);
const verdict = (ok) => (ok ? '**met**' : '**not met**');

function runRow(label, rate, r) {
  const us = cpuPerRequest(r);
  return `| ${label} | ${rate} | ${int(r.rps)} | ${ms(r.latency.p50)} | ${ms(r.latency.p99)} | ${ms(r.latency.max)} | ${int(r.requests)} | ${r.non2xx} | ${r.mismatches} | ${r.errors + r.timeouts} | ${pct(r.serverCpu)} | ${us === undefined ? '–' : `${Math.round(us)} µs`} |`;
}

function table(m) {
  const lines = [
    `### ${m.name}`,
    '',
    `Request: ${m.request}.`,
    '',
    '| run | offered req/s | achieved req/s | p50 | p99 | max | requests | non-2xx | not a success body | errors + timeouts | server CPU | server CPU per request |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    runRow('max rate', 'unlimited', m.max),
  ];
  if (m.half) lines.push(runRow('half rate, autocannon `overallRate`', int(m.halfRate), m.half), runRow(`half rate, ${STAGGER} staggered phases/s`, int(m.halfRate), m.smooth));
  lines.push('');
  return lines.join('\n');
}

function report({ started, finished, baseline, stack, lectern, reference, versions }) {
  const lines = [];
  lines.push('# Lectern benchmark results', '');
  lines.push('Generated by `npm run bench` (bench/run.mjs); rerunning overwrites this file. Profile, analysis and suggestions: [ANALYSIS.md](ANALYSIS.md).', '');
  if (process.env.BENCH_ROOT) lines.push(`Build measured: ${root} (BENCH_ROOT).`, '');
  lines.push(`- Date: ${started.toISOString()} (run took ${Math.round((finished - started) / 1000)} s)`);
  lines.push(`- Machine: nproc ${os.cpus().length} (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}; the server and the load generator share these CPUs`);
  lines.push(`- Load average (1/5/15 min) at start: ${started.loadavg.map((v) => v.toFixed(2)).join(' / ')}, at end: ${os.loadavg().map((v) => v.toFixed(2)).join(' / ')} — anything well above 0 means other work shared the CPUs and the figures are noisier`);
  lines.push(`- Node ${process.version}; fastify ${versions.fastify}; autocannon ${versions.autocannon}`);
  lines.push(`- Lectern: \`node dist/cli/main.js serve\` on ${HOST}, SQLite in a fresh temporary data directory, \`LOG_LEVEL=warn\`; one tenant from \`tenant create --json\`, one Baijiayun room and one Gensee webcast created through the API.`);
  lines.push(`- Load: autocannon in its own process, ${CONNECTIONS} connections, ${WARMUP} s warm-up, then ${SECONDS} s per run.`);
  lines.push('- Every response body is checked: Baijiayun must start `{"code":0,`, Gensee `{"code":"0",` (the success envelopes), the baseline must be `{"hello":"world"}`. Anything else counts as "not a success body".');
  lines.push('');

  lines.push('## Targets', '');
  lines.push('| target | measured | result |', '|---|---|---|');
  for (const m of lectern) {
    const share = m.max.rps / baseline.max.rps;
    lines.push(`| ${m.name}: req/s ≥ ${MIN_SHARE_OF_BASELINE * 100} % of bare Fastify | ${int(m.max.rps)} ÷ ${int(baseline.max.rps)} = **${(share * 100).toFixed(1)} %** | ${verdict(share >= MIN_SHARE_OF_BASELINE)} |`);
    lines.push(`| ${m.name}: p99 < ${MAX_P99_AT_HALF_MS} ms at half its max rate (${int(m.halfRate)} req/s) | autocannon \`overallRate\`: ${ms(m.half.latency.p99)}; staggered: ${ms(m.smooth.latency.p99)} | ${verdict(m.half.latency.p99 < MAX_P99_AT_HALF_MS)} / ${verdict(m.smooth.latency.p99 < MAX_P99_AT_HALF_MS)} |`);
  }
  const lecternRuns = lectern.flatMap((m) => [m.warmup, m.max, m.half, m.smooth]);
  const failed = lecternRuns.reduce((n, r) => n + failures(r), 0);
  const answered = lecternRuns.reduce((n, r) => n + r.requests, 0);
  if (reference) {
    const { oursShare, refShare, ratio } = referenceShares(reference);
    lines.push(`| the signed Baijiayun call did not fall against the reference build (commit ${reference.commit}, \`BENCH_REFERENCE=${reference.root}\`), interleaved in this run (below) | medians of ${REFERENCE_ROUNDS} rounds: this build **${(oursShare * 100).toFixed(1)} %** of bare Fastify, reference **${(refShare * 100).toFixed(1)} %**; this ÷ reference **${pct(ratio)}** | ${verdict(ratio >= 1)} |`);
  }
  lines.push('');
  lines.push(`Responses that were not a success (non-2xx, wrong envelope, error or timeout) across all Lectern runs, warm-ups included: **${failed}** of ${int(answered)}.`);
  lines.push('');

  lines.push('## Where the gap is', '');
  lines.push('Server CPU per request at max rate (CPU time of the server process during the run ÷ requests answered):', '');
  lines.push('| server | req/s | server CPU per request | baseline\'s CPU per request ÷ this one |', '|---|---|---|---|');
  for (const m of [baseline, stack, ...lectern]) lines.push(`| ${m.name} | ${int(m.max.rps)} | ${Math.round(cpuPerRequest(m.max) ?? NaN)} µs | ${pct(cpuPerRequest(baseline.max) / cpuPerRequest(m.max))} |`);
  lines.push('');
  lines.push('The last column is the req/s ratio one core would give if each server had it to itself; it is steadier than the measured ratio when other processes share the machine.', '');
  lines.push('`/healthz` runs through Lectern\'s Fastify instance (its options, hooks, logger and body parsers) but no dialect and no database, so the difference between it and a signed call is the dialect, its authentication and the SQLite queries.', '');

  lines.push('## Runs', '');
  lines.push(table(baseline));
  lines.push(`The baseline's half-rate runs use the Baijiayun target's half rate (${int(baseline.halfRate)} req/s): its p99 there is the floor of this machine and load generator at the same offered load.`, '');
  lines.push(table(stack));
  for (const m of lectern) lines.push(table(m));
  if (reference) lines.push(referenceSection(reference));

  lines.push('## How to read this', '');
  lines.push('- autocannon records latency in whole milliseconds: p50/p99 have 1 ms resolution.');
  lines.push(`- autocannon's \`overallRate\` paces each connection with a quota per second: at every second tick all ${CONNECTIONS} connections send their share back to back, then wait. The server sees a burst at full concurrency every second, so the "half rate" p99 measured this way is close to the full-load p99 (even the baseline shows it). The staggered run offers the same rate from ${STAGGER} autocannon instances started ${Math.round(1000 / STAGGER)} ms apart (same total connections and rate; latency histograms merged with \`autocannon.aggregateResult\`), which is much closer to evenly spaced arrivals. Both are reported; the issue does not say which arrival pattern it means.`);
  lines.push('- "achieved req/s" of a paced run can exceed the offered rate by a few percent: autocannon refills every connection\'s quota at each second tick, including the last one.');
  lines.push('- Server CPU is the server process\'s user + system CPU time during the run ÷ wall time (100 % = one core busy), read from /proc.');
  if (reference) lines.push(`- The reference build (commit ${reference.commit}) is another checkout with its own \`dist/\`, measured by the same load generator in rounds interleaved with bare Fastify and this build, so the two builds' ratios compare without the machine's changes between runs (this machine's bare Fastify rate moved from 44,000 to 74,000 req/s within an hour on 2026-12-02). To make one: \`git worktree add /tmp/ref <commit> && ln -s "$PWD/node_modules" /tmp/ref/ && (cd /tmp/ref && npx tsc -p tsconfig.build.json)\`, then \`BENCH_REFERENCE=/tmp/ref npm run bench\`. 8294a68 is the build whose run recorded the 27.9 % that issue 8 holds the signed call to.`);
  lines.push('');
  return lines.join('\n');
}

// ---------------------------------------------------------------- reference build

/**
 * The reference checkout's signed Baijiayun call against this build's and bare Fastify, on a server
 * of its own build: rounds of one run each, back to back, so that the three share each moment of the
 * machine (its speed drifts between minutes by more than the builds differ).
 */
async function measureReference(checkout, dataDir, servers, bare, ours) {
  const root = path.resolve(checkout);
  process.env.BENCH_ROOT = root;
  // A second instance of the library, bound to the reference checkout (lib.mjs reads BENCH_ROOT when loaded).
  const refLib = await import('./lib.mjs?reference');
  delete process.env.BENCH_ROOT;
  const lec = await refLib.startLectern(path.join(dataDir, 'reference'));
  servers.push(lec.server);
  const target = lec.targets.find((t) => t.short === 'baijiayun');
  await checkOnce(target);
  let commit = 'unknown commit';
  try {
    commit = execFileSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    // Not a git checkout: the path alone names it.
  }
  log(`reference build ${commit}: warm-up ${WARMUP} s`);
  await load(target, { duration: WARMUP });
  const rounds = [];
  for (let i = 1; i <= REFERENCE_ROUNDS; i++) {
    const round = {};
    for (const [key, t] of [['bare', bare], ['ours', ours], ['reference', target]]) round[key] = await load(t, { duration: REFERENCE_SECONDS });
    log(`round ${i}/${REFERENCE_ROUNDS}: bare ${Math.round(round.bare.rps)}, this build ${Math.round(round.ours.rps)}, reference ${Math.round(round.reference.rps)} req/s`);
    rounds.push(round);
  }
  return { root, commit, rounds };
}

/** Per round: this build's and the reference's share of bare Fastify, and this build ÷ the reference; medians over the rounds. */
function referenceShares(reference) {
  const rows = reference.rounds.map((r) => ({ ...r, oursShare: r.ours.rps / r.bare.rps, refShare: r.reference.rps / r.bare.rps, ratio: r.ours.rps / r.reference.rps }));
  return { rows, oursShare: median(rows.map((r) => r.oursShare)), refShare: median(rows.map((r) => r.refShare)), ratio: median(rows.map((r) => r.ratio)) };
}

function referenceSection(reference) {
  const { rows, oursShare, refShare, ratio } = referenceShares(reference);
  const lines = [`### Interleaved with the reference build (commit ${reference.commit})`, ''];
  lines.push(`${REFERENCE_ROUNDS} rounds of ${REFERENCE_SECONDS} s runs, back to back in each round: bare Fastify, this build's signed Baijiayun call, the same call on the reference build. Each round's shares are of that round's bare Fastify.`, '');
  lines.push('| round | bare Fastify req/s | this build req/s (share) | reference req/s (share) | this ÷ reference | CPU per request, this / reference |', '|---|---|---|---|---|---|');
  rows.forEach((r, i) => lines.push(`| ${i + 1} | ${int(r.bare.rps)} | ${int(r.ours.rps)} (${(r.oursShare * 100).toFixed(1)} %) | ${int(r.reference.rps)} (${(r.refShare * 100).toFixed(1)} %) | ${pct(r.ratio)} | ${Math.round(cpuPerRequest(r.ours) ?? NaN)} / ${Math.round(cpuPerRequest(r.reference) ?? NaN)} µs |`));
  lines.push(`| **median** | | **${(oursShare * 100).toFixed(1)} %** | **${(refShare * 100).toFixed(1)} %** | **${pct(ratio)}** | |`, '');
  return lines.join('\n');
}

// ---------------------------------------------------------------- main

async function main() {
  const started = Object.assign(new Date(), { loadavg: os.loadavg() });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lectern-bench-'));
  const servers = [];
  try {
    const base = await startBaseline();
    servers.push(base.server);
    const lec = await startLectern(dataDir);
    servers.push(lec.server);
    for (const t of [base.target, ...lec.targets]) await checkOnce(t);

    const baselineMax = await maxRate(base.target);
    const stack = await maxRate(lec.targets.find((t) => t.short === 'healthz'));
    const lectern = [];
    for (const t of lec.targets.filter((t) => t.short !== 'healthz' && t.short !== 'cc')) lectern.push(await measure(t));
    // The baseline also runs at the Baijiayun target's half rate: the latency floor at the same offered load.
    const baseline = { ...baselineMax, ...(await atRate(base.target, lectern[0].halfRate)) };
    const reference = process.env.BENCH_REFERENCE
      ? await measureReference(process.env.BENCH_REFERENCE, dataDir, servers, base.target, lec.targets.find((t) => t.short === 'baijiayun'))
      : undefined;

    const versions = {
      fastify: JSON.parse(await readFile(path.join(root, 'node_modules/fastify/package.json'), 'utf8')).version,
      autocannon: JSON.parse(await readFile(path.join(root, 'node_modules/autocannon/package.json'), 'utf8')).version,
    };
    const results = { started, finished: new Date(), baseline, stack, lectern, reference, versions };
    const text = report(results);
    await writeFile(path.join(here, `${OUT}.md`), text + (await otherSections(path.join(here, `${OUT}.md`))));
    await writeFile(path.join(here, `${OUT.toLowerCase()}.json`), JSON.stringify({ ...results, machine: { nproc: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version }, settings: { SECONDS, WARMUP, CONNECTIONS, STAGGER } }, null, 2) + '\n');
    process.stdout.write(text + '\n');
    log(`wrote bench/${OUT}.md and bench/${OUT.toLowerCase()}.json in ${Math.round((Date.now() - started.getTime()) / 1000)} s`);
  } finally {
    for (const s of servers) await stopProcess(s);
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
