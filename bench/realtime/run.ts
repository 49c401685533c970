/**
 * The realtime benchmark (issue 11): one Lectern process holding one live room, against a bare `ws`
 * broadcast server measured in the same run, with the clients in their own processes; then
 * group-committed ingestion on SQLite. Writes its section of bench/RESULTS.md (between markers).
 *
 *   node --import tsx bench/realtime/run.ts        (BENCH_PARTICIPANTS=10000 BENCH_CLIENT_PROCS=2)
 *   BENCH_ONLY=ingestion | fanout                   one part only; BENCH_INGEST_EVENTS (200000) for the bulk measure
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { openStorage } from '../../src/storage/database.js';
import { Services } from '../../src/core/services.js';
import { createTenant } from '../../src/dialects/provision.js';
import { IngestionBatcher } from '../../src/live/ingestion-batcher.js';

const here = import.meta.dirname;
const root = path.resolve(here, '../..');
const N = Number(process.env.BENCH_PARTICIPANTS ?? 10_000);
const PROCS = Number(process.env.BENCH_CLIENT_PROCS ?? 2);
const FANOUT_SECONDS = Number(process.env.BENCH_FANOUT_SECONDS ?? 10);
const PEAK_SENDERS = 10;
const PEAK_RATE_EACH = 15; // under the gateway's 20 frames/s per connection
/** Peak phase length: about 500,000 offered deliveries, between 1 and 5 s of sending. */
const PEAK_SECONDS = Math.min(5, Math.max(1 / PEAK_RATE_EACH, 500_000 / (N * PEAK_SENDERS * PEAK_RATE_EACH)));
const JOIN_SECONDS = Number(process.env.BENCH_JOIN_SECONDS ?? 180);
const BULK_EVENTS = Number(process.env.BENCH_INGEST_EVENTS ?? 200_000);
const log = (m: string) => process.stderr.write(`[realtime] ${new Date().toISOString().slice(11, 19)} ${m}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' / ');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
function cpuOf(pid: number): number {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100; // utime + stime, seconds (USER_HZ 100)
}

interface ClientProc { child: ChildProcess; next(key: string): Promise<Record<string, unknown>> }
function clientProcess(opts: Record<string, unknown>): Promise<ClientProc> {
  const child = fork(path.join(here, 'clients.mjs'), [JSON.stringify(opts)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: ['--max-old-space-size=4096'] });
  const waiting: Array<{ key: string; resolve: (v: Record<string, unknown>) => void }> = [];
  child.on('message', (m: Record<string, unknown>) => {
    const i = waiting.findIndex((w) => w.key in m);
    if (i >= 0) waiting.splice(i, 1)[0].resolve(m);
  });
  const next = (key: string) => new Promise<Record<string, unknown>>((resolve) => waiting.push({ key, resolve }));
  return next('ready').then(() => ({ child, next }));
}
async function all(procs: ClientProc[], cmd: string, key: string) {
  const answers = procs.map((p) => p.next(key));
  for (const p of procs) p.child.send(cmd);
  return (await Promise.all(answers)).map((a) => a[key] as Record<string, unknown>);
}

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface ServerUnderTest {
  name: string;
  pid: number;
  clientOpts: Record<string, unknown>;
  /** Opens a connection that sends benchmark chat. */
  sender(i: number): Promise<(content: string) => void>;
  recorded?(): Promise<number>;
  stop(): Promise<void>;
}

async function measure(server: ServerUnderTest) {
  const out: Record<string, unknown> = { server: server.name };
  const rss0 = rssOf(server.pid);
  const procs = await Promise.all(Array.from({ length: PROCS }, (_, i) => clientProcess({ ...server.clientOpts, joinSeconds: JOIN_SECONDS, count: Math.floor(N / PROCS) + (i < N % PROCS ? 1 : 0) })));
  try {
    log(`${server.name}: joining ${N}`);
    const cpu0 = cpuOf(server.pid);
    const t0 = Date.now();
    const joins = await all(procs, 'join', 'join');
    const joinMs = Date.now() - t0;
    const joined = joins.reduce((n, j) => n + Number(j.joined), 0);
    out.join = { joined, failed: joins.reduce((n, j) => n + Number(j.failed), 0), notTried: joins.reduce((n, j) => n + Number(j.gaveUp), 0), firstError: joins.find((j) => j.firstError)?.firstError ?? null, seconds: joinMs / 1000, perSecond: Math.round(joined / (joinMs / 1000)), serverCpuSeconds: cpuOf(server.pid) - cpu0 };
    log(`${server.name}: ${JSON.stringify(out.join)}`);
    if (server.recorded) out.recordedJoins = await server.recorded();
    await sleep(2000);
    const rss1 = rssOf(server.pid);
    out.memory = { rssBeforeMiB: rss0 / 2 ** 20, rssAfterMiB: rss1 / 2 ** 20, bytesPerConnection: joined ? Math.round((rss1 - rss0) / joined) : null };

    // Fan-out latency at 5 messages a second.
    const send = await server.sender(0);
    await all(procs, 'measure', 'measuring');
    const sent5 = FANOUT_SECONDS * 5;
    for (let i = 0; i < sent5; i++) {
      send(`bench:${Date.now()}`);
      await sleep(200);
    }
    await drain(procs, sent5 * joined, 120_000);
    const stats = await all(procs, 'stop', 'stats');
    const lat = stats.flatMap((s) => s.latencies as number[]).sort((a, b) => a - b);
    out.fanout5 = { messages: sent5, expectedDeliveries: sent5 * joined, deliveries: lat.length, p50: pct(lat, 50), p99: pct(lat, 99), max: lat[lat.length - 1] };
    log(`${server.name}: 5 msg/s ${JSON.stringify(out.fanout5)}`);

    // Peak fan-out: many senders at once; deliveries a second until the last one arrives.
    const senders = await Promise.all(Array.from({ length: PEAK_SENDERS }, (_, i) => server.sender(i + 1)));
    await all(procs, 'measure', 'measuring');
    const cpu1 = cpuOf(server.pid);
    const start = Date.now();
    let peakSent = 0;
    for (let tick = 0; tick < Math.round(PEAK_SECONDS * PEAK_RATE_EACH); tick++) {
      for (const s of senders) {
        s(`bench:${Date.now()}`);
        peakSent++;
      }
      await sleep(1000 / PEAK_RATE_EACH);
    }
    await drain(procs, peakSent * joined, 120_000);
    const peak = await all(procs, 'stop', 'stats');
    const delivered = peak.reduce((n, s) => n + Number(s.deliveries), 0);
    const lastAt = Math.max(...peak.map((s) => Number(s.lastAt)));
    out.peak = { sent: peakSent, expectedDeliveries: peakSent * joined, deliveries: delivered, seconds: (lastAt - start) / 1000, deliveriesPerSecond: Math.round(delivered / ((lastAt - start) / 1000)), serverCpuSeconds: cpuOf(server.pid) - cpu1 };
    log(`${server.name}: peak ${JSON.stringify(out.peak)}`);
  } finally {
    for (const p of procs) p.child.send('close');
    await server.stop();
  }
  return out;
}

/** Waits until the clients have received `expected` frames, or nothing new arrived for 3 s (or `max` ms passed). */
async function drain(procs: ClientProc[], expected: number, max = 30_000) {
  const deadline = Date.now() + max;
  let last = -1;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    await sleep(500);
    const n = (await all(procs, 'peek', 'peek')).reduce((s, p) => s + Number(p.deliveries), 0);
    if (n >= expected) return;
    if (n !== last) {
      last = n;
      quietSince = Date.now();
    } else if (Date.now() - quietSince > 3000) return;
  }
}

function wsSender(url: string, frame: (content: string) => string, ready: (ws: WebSocket) => Promise<void>): Promise<(content: string) => void> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => void ready(ws).then(() => resolve((content) => ws.send(frame(content))), reject));
  });
}

async function lecternServer(): Promise<ServerUnderTest> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-rt-'));
  const storage = await openStorage({ dataDir });
  const services = Services.forStorage(storage);
  const { credentials } = await createTenant(services, { name: 'Realtime bench', site: 'rt-bench.example.test' });
  const room = await services.rooms.create({ tenantId: credentials.tenant.id, kind: 'large_class', title: 'Benchmark room' });
  const codes = await services.passes.roleCodes(room);
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', '--max-old-space-size=8192', path.join(root, 'src/cli/main.ts'), 'serve'], {
    cwd: root, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LECTERN_DATA: dataDir, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch { /* not yet */ }
    if (i > 600) throw new Error('lectern did not start');
    await sleep(100);
  }
  const enter = async (name: string) => {
    const res = await fetch(`${url}/enter`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: codes.host, name }) });
    return ((await res.json()) as { ticket: string }).ticket;
  };
  return {
    name: 'Lectern', pid: child.pid!,
    clientOpts: { url, mode: 'lectern', code: codes.student },
    sender: async (i) => wsSender(`${url.replace(/^http/, 'ws')}/live/ws?ticket=${encodeURIComponent(await enter(`sender ${i}`))}`,
      (content) => JSON.stringify({ type: 'chat', content }),
      (ws) => new Promise((resolve) => ws.once('message', () => resolve()))),
    recorded: async () => Number((await storage.db.selectFrom('participations').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('room_id', '=', room.id).where('role', '=', 'student').where('left_at', 'is', null).executeTakeFirstOrThrow()).n),
    stop: async () => {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      await storage.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function bareServer(): Promise<ServerUnderTest> {
  const child = spawn(process.execPath, [path.join(here, 'bare-ws-server.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) => child.stdout!.on('data', (d) => {
    const m = /listening (\S+)/.exec(String(d));
    if (m) resolve(m[1]);
  }));
  return {
    name: 'bare ws', pid: child.pid!, clientOpts: { url, mode: 'bare' },
    sender: () => wsSender(url, (content) => JSON.stringify({ content }), async () => {}),
    stop: async () => {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/**
 * Chat events through ClassroomIngestion on SQLite: one transaction each; group-committed as
 * arbitrary commands (a savepoint and ~5 statements each); then on the batcher's bulk path (what
 * the gateway uses for joins, leaves and chat: multi-row statements per batch).
 */
async function ingestion() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-ingest-'));
  const storage = await openStorage({ dataDir });
  try {
    const services = Services.forStorage(storage);
    const { credentials } = await createTenant(services, { name: 'Ingestion bench', site: 'ingest-bench.example.test' });
    const room = await services.rooms.create({ tenantId: credentials.tenant.id, kind: 'large_class', title: 'Ingestion' });
    const sender = (i: number) => ({ key: `guest:sender${i % 500}`, name: `Sender ${i % 500}` });
    for (let i = 0; i < 500; i++) await services.ingestion.chat({ room, sender: sender(i), senderRole: 'student', content: 'warm-up' });
    const single = 3000;
    let t = performance.now();
    for (let i = 0; i < single; i++) await services.ingestion.chat({ room, sender: sender(i), senderRole: 'student', content: `single ${i}` });
    const singlePerSecond = single / ((performance.now() - t) / 1000);
    const perCommand = 20_000;
    const commands = new IngestionBatcher(services, { maxBatch: 1000 });
    t = performance.now();
    await Promise.all(Array.from({ length: perCommand }, (_, i) => commands.submit((tx) => tx.ingestion.chat({ room, sender: sender(i), senderRole: 'student', content: `command ${i}` }))));
    const perCommandPerSecond = perCommand / ((performance.now() - t) / 1000);
    const batched = BULK_EVENTS;
    const batcher = new IngestionBatcher(services, { maxBatch: 1000 });
    t = performance.now();
    await Promise.all(Array.from({ length: batched }, (_, i) => batcher.chat({ room, sender: sender(i), senderRole: 'student', content: `batched ${i}` })));
    const batchedPerSecond = batched / ((performance.now() - t) / 1000);
    const written = Number((await storage.db.selectFrom('chat_messages').select((eb) => eb.fn.countAll<number>().as('n')).where('room_id', '=', room.id).executeTakeFirstOrThrow()).n);
    if (written !== 500 + single + perCommand + batched) throw new Error(`ingestion: ${written} chat rows written, expected ${500 + single + perCommand + batched}`);
    return {
      singleEvents: single, singlePerSecond: Math.round(singlePerSecond),
      perCommandEvents: perCommand, perCommandPerSecond: Math.round(perCommandPerSecond),
      batchedEvents: batched, batches: batcher.stats.batches, batchedPerSecond: Math.round(batchedPerSecond),
    };
  } finally {
    await storage.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const startedAt = new Date();
const loadStart = load();
const only = process.env.BENCH_ONLY;
const results: Record<string, unknown> = { date: startedAt.toISOString(), participants: N, clientProcesses: PROCS, loadStart };
if (!only || only === 'ingestion') {
  log('ingestion');
  results.ingestion = await ingestion();
  log(JSON.stringify(results.ingestion));
}
if (!only || only === 'fanout') {
  results.bare = await measure(await bareServer());
  results.lectern = await measure(await lecternServer());
}
results.loadEnd = load();
fs.writeFileSync(path.join(here, 'results.json'), JSON.stringify(results, null, 2) + '\n');
log(`done; results in bench/realtime/results.json (load ${loadStart} → ${results.loadEnd})`);
process.exit(0);
