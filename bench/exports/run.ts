/**
 * Exports and statistics at scale (issue 14). For each size (default 1k, 10k, 100k; `--sizes
 * 1000,10000,100000,1000000` for the full run) one webcast gets one ended live with that many
 * participations and as many chat messages, written straight into SQLite (500-row prepared inserts
 * in one transaction). Then, against `lectern serve` in its own process:
 *  - each export is called over HTTP and timed; its bytes and rows are counted as they arrive;
 *  - the server's resident memory is sampled every 10 ms from /proc/<pid>/status during the call,
 *    and its peak is reported above the RSS just before the call;
 *  - the same rows are read raw from SQLite in this process (better-sqlite3, same ORDER BY) in the
 *    same run: the baseline the export's time is compared with;
 *  - the same live also gets interactions: a vote per 20 rows (each with about ten responses), one
 *    praise per row and twenty roll-calls; the vote and attendance exports stream and are compared
 *    with raw reads too; paged histories and statistics (CC vote record, Baijiayun peaks, praise
 *    totals, check-ins) are timed with their memory;
 *  - CC `/collect/max_parallel/` by liveid is timed first (computed), again (memoised), and from the
 *    running figure the ingestion service keeps for a live fed in time order (migration 020; written
 *    here from the seeded intervals, as the seed bypasses ingestion); the three answers must agree;
 *  - during the largest `export/history`, signed CC calls run back to back and their p99 is taken
 *    (and the same calls' p99 when the server is idle).
 * Results: bench/exports/results-<largest size>.json and the exports section of bench/RESULTS.md
 * (bench/exports/report.mjs). Usage: npm run bench:exports [-- --sizes 1000,10000,100000,1000000]
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { BaijiayunClient, CcCollectClient } from '../../src/client/index.js';
import { httpTransport } from '../../src/client/transport.js';

// A fresh connection per call: seeding can outlast the server's keep-alive timeout, and a reused
// socket the server has just closed would fail the next call.
http.globalAgent = new http.Agent({ keepAlive: false });

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const sizesArg = process.argv.indexOf('--sizes');
const SIZES = (sizesArg >= 0 ? process.argv[sizesArg + 1] : '1000,10000,100000').split(',').map(Number);
const HOST = '127.0.0.1';
const START = Date.UTC(2024, 2, 1, 2, 0, 0);
const MIN = 60_000;
const log = (msg: string) => process.stderr.write(`[bench:exports] ${msg}\n`);

// ------------------------------------------------------------------ server

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const cliArgs = ['--import', 'tsx', path.join(root, 'src/cli/main.ts')];

function serverEnv(dataDir: string, port: number): NodeJS.ProcessEnv {
  // Load shedding off: a statistic that holds the event loop past a second (a long synchronous SQLite
  // query) would otherwise get the next call refused with 503; how long the loop is held shows in
  // the concurrent signed call's latency instead.
  const env: NodeJS.ProcessEnv = { ...process.env, LECTERN_DATA: dataDir, LOG_LEVEL: 'warn', PORT: String(port), HOST, LECTERN_MAX_EVENT_LOOP_DELAY_MS: '0' };
  for (const k of ['DATABASE_URL', 'DATABASE_SCHEMA', 'REDIS_URL', 'LECTERN_DEFAULT_SITE', 'LECTERN_PUBLIC_URL']) delete env[k];
  return env;
}

function request(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/**
 * One call whose answer is counted, not kept: bytes, and occurrences of `marker` (one per row).
 * Returns the first 80 characters to check the envelope.
 */
function countedCall(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string }, marker: string): Promise<{ status: number; bytes: number; rows: number; head: string; tail: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let bytes = 0;
      let rows = 0;
      let head = '';
      let carry = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        bytes += Buffer.byteLength(d);
        if (head.length < 80) head += d.slice(0, 80 - head.length);
        const text = carry + d;
        let i = text.indexOf(marker);
        while (i >= 0) {
          rows++;
          i = text.indexOf(marker, i + marker.length);
        }
        carry = text.slice(-(marker.length - 1));
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, rows, head, tail: carry }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

function rssKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]);
}

/** Runs `fn` while sampling the server's RSS every 10 ms; returns its result, duration and peak RSS above the RSS before. */
async function measured<T>(pid: number, fn: () => Promise<T>): Promise<{ result: T; ms: number; rssBeforeMb: number; peakAboveMb: number }> {
  const before = rssKb(pid);
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssKb(pid));
  }, 10);
  const t0 = performance.now();
  try {
    const result = await fn();
    const ms = performance.now() - t0;
    peak = Math.max(peak, rssKb(pid));
    return { result, ms, rssBeforeMb: before / 1024, peakAboveMb: (peak - before) / 1024 };
  } finally {
    clearInterval(timer);
  }
}

// ------------------------------------------------------------------ data

interface Dataset {
  size: number;
  webcastId: string;
  roomId: number;
  roomNumber: string;
  sessionId: number;
  livePublicId: string;
  votes: number;
}

function seed(db: SQLite.Database, tenantId: string, roomId: number, size: number): { sessionId: number; livePublicId: string; votes: number } {
  const ended = START + 120 * MIN;
  const livePublicId = `BE${String(size).padStart(14, '0')}`;
  let state = 20240301 + size;
  const rnd = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
  const people = Math.max(10, Math.min(5000, Math.floor(size / 10)));
  // Bulk load: the two tables' indexes are dropped and rebuilt afterwards from their own definitions
  // (one sort each instead of maintaining eight indexes row by row).
  const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('participations', 'chat_messages') AND sql IS NOT NULL").all() as Array<{ name: string; sql: string }>;
  const write = db.transaction(() => {
    for (const ix of indexes) db.exec(`DROP INDEX ${ix.name}`);
    const sessionId = Number(db.prepare('INSERT INTO live_sessions (tenant_id, room_id, public_id, started_at, ended_at, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(tenantId, roomId, livePublicId, START, ended, START).lastInsertRowid);
    const addPerson = db.prepare('INSERT INTO participants (tenant_id, viewer_id, external_key, name, created_at) VALUES (?, ?, ?, ?, ?)');
    const ids: number[] = [];
    for (let i = 0; i < people; i++) {
      const viewer = `${roomId.toString(16).padStart(8, '0')}be${i.toString(16).padStart(22, '0')}`;
      ids.push(Number(addPerson.run(tenantId, viewer, `bench:${roomId}:${i}`, `学生 ${i}`, START).lastInsertRowid));
    }
    const BATCH = 500;
    const pCols = '(tenant_id, room_id, session_id, participant_id, name, role, ip, platform, joined_at, left_at, properties)';
    const pRow = "(?, ?, ?, ?, ?, 'attendee', ?, ?, ?, ?, '{}')";
    const cCols = '(tenant_id, room_id, session_id, sender_participant_id, sender_name, sender_role, is_private, content, sent_at)';
    const cRow = "(?, ?, ?, ?, ?, 'attendee', 0, ?, ?)";
    const pStmt = new Map<number, SQLite.Statement>();
    const cStmt = new Map<number, SQLite.Statement>();
    const stmt = (cache: Map<number, SQLite.Statement>, n: number, table: string, cols: string, row: string) => {
      if (!cache.has(n)) cache.set(n, db.prepare(`INSERT INTO ${table} ${cols} VALUES ${Array(n).fill(row).join(', ')}`));
      return cache.get(n)!;
    };
    for (let from = 0; from < size; from += BATCH) {
      const n = Math.min(BATCH, size - from);
      const p: Array<string | number | null> = [];
      const c: Array<string | number | null> = [];
      for (let i = 0; i < n; i++) {
        const who = Math.floor(rnd() * people);
        // Arrivals over the 2-hour class, stays of 1 to 60 minutes; some never leave (open intervals).
        const joined = START + Math.floor(rnd() * 120 * MIN);
        const left = rnd() < 0.02 ? null : Math.min(ended, joined + MIN + Math.floor(rnd() * 59 * MIN));
        p.push(tenantId, roomId, sessionId, ids[who], `学生 ${who}`, `10.${who >> 8 & 255}.${who & 255}.${i & 255}`, ['web', 'pc', 'android', 'ios'][who & 3], joined, left);
        c.push(tenantId, roomId, sessionId, ids[who], `学生 ${who}`, `第 ${from + i} 条消息：老师讲得很清楚`, START + Math.floor(rnd() * 120 * MIN));
      }
      stmt(pStmt, n, 'participations', pCols, pRow).run(p);
      stmt(cStmt, n, 'chat_messages', cCols, cRow).run(c);
    }
    for (const ix of indexes) db.exec(ix.sql);
    seedInteractions(sessionId, ids);
    return sessionId;
  });
  // Interactions of the same live: a vote per 20 rows with about ten responses each, a praise per
  // row, twenty roll-calls answered by half the class.
  const votes = Math.max(1, Math.floor(size / 20));
  function seedInteractions(sessionId: number, ids: number[]): void {
    const definition = JSON.stringify({ questions: [{ id: 1, type: 'single', content: '选哪个？', options: [{ id: 1, value: 'A', correct: true }, { id: 2, value: 'B' }, { id: 3, value: 'C' }] }] });
    const addPoll = db.prepare("INSERT INTO polls (tenant_id, room_id, session_id, kind, title, publisher_participant_id, publisher_name, published_at, closed_at, definition) VALUES (?, ?, ?, 'vote', ?, NULL, '老师', ?, NULL, ?)");
    const addResponse = db.prepare('INSERT INTO poll_responses (tenant_id, poll_id, room_id, session_id, participant_id, name, answers, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (let v = 0; v < votes; v++) {
      const at = START + Math.floor((v / votes) * 120 * MIN);
      const pollId = Number(addPoll.run(tenantId, roomId, sessionId, `投票 ${v}`, at, definition).lastInsertRowid);
      for (let r = 0; r < 10; r++) {
        // Ten different people (one response per person and poll).
        const who = (v * 7 + r) % ids.length;
        addResponse.run(tenantId, pollId, roomId, sessionId, ids[who], `学生 ${who}`, JSON.stringify({ 1: [1 + (who % 3)] }), at + r * 1000);
      }
    }
    const addReward = db.prepare("INSERT INTO rewards (tenant_id, room_id, session_id, kind, giver_participant_id, giver_name, receiver_participant_id, receiver_name, amount, quantity, properties, created_at) VALUES (?, ?, ?, 'praise', NULL, '老师', ?, ?, 1, 1, '{}', ?)");
    for (let i = 0; i < size; i++) {
      const who = Math.floor(rnd() * ids.length);
      addReward.run(tenantId, roomId, sessionId, ids[who], `学生 ${who}`, START + Math.floor(rnd() * 120 * MIN));
    }
    const addRollcall = db.prepare("INSERT INTO rollcalls (tenant_id, room_id, session_id, initiator_name, started_at, ended_at) VALUES (?, ?, ?, '老师', ?, ?)");
    const addAnswer = db.prepare('INSERT INTO rollcall_responses (tenant_id, rollcall_id, participant_id, name, responded_at) VALUES (?, ?, ?, ?, ?)');
    for (let c = 0; c < 20; c++) {
      const at = START + (5 + c * 5) * MIN;
      const callId = Number(addRollcall.run(tenantId, roomId, sessionId, at, at + 2 * MIN).lastInsertRowid);
      for (let who = c % 2; who < ids.length; who += 2) addAnswer.run(tenantId, callId, ids[who], `学生 ${who}`, at + 1000);
    }
  }
  return { sessionId: write(), livePublicId, votes };
}

/**
 * The running figure (migration 020) the ingestion service keeps for a live fed in time order, as
 * it stands after the live ended: each instant settled after all its events, stays still open at
 * the end closed then. Worked out here from the seeded intervals, since the seed bypasses ingestion.
 */
function writeRunningFigure(db: SQLite.Database, sessionId: number): void {
  const s = db.prepare('SELECT started_at, ended_at FROM live_sessions WHERE id = ?').get(sessionId) as { started_at: number; ended_at: number };
  const rows = db.prepare('SELECT joined_at, left_at FROM participations WHERE session_id = ?').all(sessionId) as Array<{ joined_at: number; left_at: number | null }>;
  // Joins as odd, leaves as even codes of their instant: one numeric sort, leaves first at an instant.
  const events = new Float64Array(rows.length * 2);
  let n = 0;
  for (const r of rows) {
    const left = Math.min(r.left_at ?? s.ended_at, s.ended_at);
    events[n++] = r.joined_at * 2 + 1;
    events[n++] = left * 2;
  }
  const sorted = events.subarray(0, n).sort();
  let level = 0;
  let peak = 0;
  let peakAt: number | null = null;
  for (let i = 0; i < sorted.length;) {
    const t = Math.floor(sorted[i] / 2);
    let joined = false;
    for (; i < sorted.length && Math.floor(sorted[i] / 2) === t; i++) {
      if (sorted[i] % 2 === 1) {
        level++;
        joined = true;
      } else level--;
    }
    if (joined && t < s.ended_at && level > peak) {
      peak = level;
      peakAt = t;
    }
  }
  db.prepare('UPDATE live_sessions SET run_valid = 1, run_level = 0, run_t = ?, run_joined = 0, run_peak = ?, run_peak_at = ? WHERE id = ?').run(s.ended_at, peak, peakAt, sessionId);
}

/** The baseline of the vote export: the live's votes and their responses read raw, in the export's order. */
function rawVotes(db: SQLite.Database, sessionId: number): { ms: number; rows: number } {
  const t0 = performance.now();
  let rows = 0;
  for (const _row of db.prepare("SELECT * FROM polls WHERE session_id = ? AND kind = 'vote' ORDER BY published_at, id").iterate(sessionId)) rows++;
  for (const _row of db.prepare('SELECT * FROM poll_responses WHERE session_id = ? ORDER BY submitted_at, id').iterate(sessionId)) continue;
  return { ms: performance.now() - t0, rows };
}

/** The baseline: the same rows read raw from SQLite in this process, in the export's order. */
function rawRead(db: SQLite.Database, table: 'participations' | 'chat_messages', sessionId: number, publicOnly = false): { ms: number; rows: number } {
  const order = table === 'participations' ? 'joined_at, id' : 'sent_at, id';
  const stmt = db.prepare(`SELECT * FROM ${table} WHERE session_id = ?${publicOnly ? ' AND is_private = 0' : ''} ORDER BY ${order}`);
  const t0 = performance.now();
  let rows = 0;
  for (const _row of stmt.iterate(sessionId)) rows++;
  return { ms: performance.now() - t0, rows };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

// ------------------------------------------------------------------ run

interface Row {
  size: number;
  call: string;
  ms: number;
  bytes?: number;
  rows?: number;
  baselineMs?: number;
  ratio?: number;
  peakAboveMb: number;
  rssBeforeMb: number;
  answer?: string;
}

async function main(): Promise<void> {
  const started = Date.now();
  const loadStart = os.loadavg();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-bench-exports-'));
  const port = await freePort();
  const env = serverEnv(dataDir, port);
  const creds = JSON.parse(execFileSync(process.execPath, [...cliArgs, 'tenant', 'create', '--name', 'Bench Exports', '--json'], { env, encoding: 'utf8' })) as {
    gensee: { loginName: string; password: string; site: string }; cc: { userid: string; api_key: string }; baijiayun: { partner_id: string; partner_key: string };
  };
  const server: ChildProcess = spawn(process.execPath, [...cliArgs, 'serve'], { env, stdio: ['ignore', process.env.BENCH_SERVER_LOG ? 'inherit' : 'ignore', 'inherit'] });
  const stop = () => server.exitCode === null && server.kill('SIGTERM');
  process.on('exit', stop);
  const base = `http://${HOST}:${port}`;
  try {
    for (let i = 0; ; i++) {
      if (i > 300) throw new Error('server did not start');
      try {
        if ((await request(`${base}/healthz`)).status === 200) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const g = creds.gensee;
    const FORM = { 'content-type': 'application/x-www-form-urlencoded', host: g.site };
    const db = new SQLite(path.join(dataDir, 'lectern.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');

    const datasets: Dataset[] = [];
    for (const size of SIZES) {
      const created = await request(`${base}/integration/site/webcast/created`, {
        method: 'POST', headers: FORM, body: new URLSearchParams({ loginName: g.loginName, password: g.password, subject: `Bench ${size}`, startTime: String(START), organizerToken: '111111', panelistToken: '222222' }).toString(),
      });
      const webcastId = (JSON.parse(created.text) as { id: string }).id;
      const room = db.prepare('SELECT id, tenant_id, numeric_id FROM rooms WHERE public_id = ?').get(webcastId) as { id: number; tenant_id: string; numeric_id: string };
      const t0 = performance.now();
      const { sessionId, livePublicId, votes } = seed(db, room.tenant_id, room.id, size);
      log(`seeded ${size} participations + ${size} chat messages + ${votes} votes + ${size} praise in ${Math.round(performance.now() - t0)} ms`);
      datasets.push({ size, webcastId, roomId: room.id, roomNumber: room.numeric_id, sessionId, livePublicId, votes });
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('ANALYZE');
    const idleRssMb = rssKb(server.pid!) / 1024;

    const ccClient = new CcCollectClient({ userId: creds.cc.userid, apiKey: creds.cc.api_key, transport: httpTransport(base) });
    const genseeForm = (webcastId: string) => new URLSearchParams({ loginName: g.loginName, password: g.password, webcastId }).toString();
    /** A CC call's signed GET URL (THQS), built by the typed client without sending it. */
    const ccUrl = async (p: string, params: Record<string, string>) => {
      let url = '';
      const signer = new CcCollectClient({ userId: creds.cc.userid, apiKey: creds.cc.api_key, transport: async (req) => { url = base + req.url; return { status: 0, body: {} }; } });
      await signer.raw(p, params);
      return url;
    };

    /** A Baijiayun call's signed form POST, built by the typed client without sending it. */
    const bjyCall = async (p: string, params: Record<string, string | number>, marker: string) => {
      let sent: { url: string; body?: string; headers: Record<string, string> } = { url: '', headers: {} };
      const signer = new BaijiayunClient({ partnerId: creds.baijiayun.partner_id, partnerKey: creds.baijiayun.partner_key, transport: async (req) => { sent = { url: base + req.url, body: req.body, headers: req.headers }; return { status: 0, body: {} }; } });
      await signer.raw(p, params);
      return countedCall(sent.url, { method: 'POST', headers: sent.headers, body: sent.body }, marker);
    };

    // Warm-up: the first call of each kind compiles code paths.
    const warm = datasets[0];
    await countedCall(`${base}/integration/site/webcast/export/history`, { method: 'POST', headers: FORM, body: genseeForm(warm.webcastId) }, '"joinTime"');
    await countedCall(await ccUrl('/collect/live/user/record/', { roomid: warm.webcastId, liveid: warm.livePublicId }), {}, '"enter_time"');

    const rows: Row[] = [];
    for (const d of datasets) {
      const calls: Array<{ name: string; run: () => Promise<{ status: number; bytes: number; rows: number; head: string }>; baseline?: () => { ms: number; rows: number }; rows?: number }> = [
        {
          name: 'Gensee export/history',
          run: () => countedCall(`${base}/integration/site/webcast/export/history`, { method: 'POST', headers: FORM, body: genseeForm(d.webcastId) }, '"joinTime"'),
          baseline: () => rawRead(db, 'participations', d.sessionId),
        },
        {
          name: 'Gensee export/chat',
          run: () => countedCall(`${base}/integration/site/webcast/export/chat`, { method: 'POST', headers: FORM, body: genseeForm(d.webcastId) }, '"msg"'),
          baseline: () => rawRead(db, 'chat_messages', d.sessionId, true),
        },
        {
          name: 'CC /collect/live/user/record/',
          run: async () => countedCall(await ccUrl('/collect/live/user/record/', { roomid: d.webcastId, liveid: d.livePublicId }), {}, '"enter_time"'),
          baseline: () => rawRead(db, 'participations', d.sessionId),
        },
        {
          name: 'CC /collect/live/chat/record/',
          run: async () => countedCall(await ccUrl('/collect/live/chat/record/', { roomid: d.webcastId, liveid: d.livePublicId }), {}, '"chat_userid"'),
          baseline: () => rawRead(db, 'chat_messages', d.sessionId, true),
        },
      ];
      calls.push({
        name: 'Gensee export/vote',
        run: () => countedCall(`${base}/integration/site/webcast/export/vote`, { method: 'POST', headers: FORM, body: genseeForm(d.webcastId) }, '"subject"'),
        baseline: () => rawVotes(db, d.sessionId),
        rows: d.votes,
      }, {
        name: 'Baijiayun exportLiveReport (all roles, every row)',
        run: () => bjyCall('/openapi/room_data/exportLiveReport', { room_id: d.roomNumber, type: 'all' }, '"user_number"'),
        baseline: () => rawRead(db, 'participations', d.sessionId),
        // One row per person who came (one day).
        rows: (db.prepare('SELECT count(DISTINCT participant_id) AS n FROM participations WHERE session_id = ?').get(d.sessionId) as { n: number }).n,
      });
      // Paged histories and statistics: time and memory (their answers are a page or a figure).
      const figures: Array<{ name: string; run: () => Promise<{ status: number; bytes: number; rows: number; head: string }> }> = [
        { name: 'CC /collect/vote/record page 1 of 100', run: async () => countedCall(await ccUrl('/collect/vote/record', { roomid: d.webcastId, page_size: '1', page_length: '100' }), {}, '"vote_id"') },
        { name: 'CC /openapi/collect/rollcall/get page 1 of 500', run: async () => countedCall(await ccUrl('/openapi/collect/rollcall/get', { live_id: d.livePublicId, page_index: '1', page_num: '500' }), {}, '"roll_call_id"') },
        { name: 'Gensee export/rollcall (20 roll-calls)', run: () => countedCall(`${base}/integration/site/webcast/export/rollcall`, { method: 'POST', headers: FORM, body: genseeForm(d.webcastId) }, '"startTime"') },
        { name: 'Baijiayun exportRoomPraiseStat (praise totals)', run: () => bjyCall('/openapi/room_data/exportRoomPraiseStat', { room_id: d.roomNumber }, '"user_number"') },
        { name: 'Baijiayun getRoomPeakUser (10-minute peaks)', run: () => bjyCall('/openapi/room_data/getRoomPeakUser', { room_id: d.roomNumber, start_time: '2024-03-01 10:00:00', end_time: '2024-03-01 12:00:00' }, ':00"') },
        { name: 'Baijiayun getHourPeakUser (hourly peaks)', run: () => bjyCall('/openapi/live_account/getHourPeakUser', { product_type: 0, date: '2024-03-01' }, '":') },
      ];
      for (const call of calls) {
        const m = await measured(server.pid!, call.run);
        const expected = call.rows ?? d.size;
        if (m.result.status !== 200 || m.result.rows !== expected) throw new Error(`${call.name} at ${d.size}: status ${m.result.status}, ${m.result.rows} rows (expected ${expected}), ${m.result.head}`);
        const b = call.baseline!();
        rows.push({ size: d.size, call: call.name, ms: m.ms, bytes: m.result.bytes, rows: m.result.rows, baselineMs: b.ms, ratio: m.ms / b.ms, peakAboveMb: m.peakAboveMb, rssBeforeMb: m.rssBeforeMb });
        log(`${d.size} ${call.name}: ${Math.round(m.ms)} ms (raw read ${Math.round(b.ms)} ms, ×${(m.ms / b.ms).toFixed(2)}), ${(m.result.bytes / 1e6).toFixed(1)} MB, RSS +${m.peakAboveMb.toFixed(1)} MB`);
      }
      for (const call of figures) {
        const m = await measured(server.pid!, call.run);
        if (m.result.status !== 200 || m.result.rows === 0 || /"code":[1-9]|"result":"FAIL"/.test(m.result.head)) throw new Error(`${call.name} at ${d.size}: status ${m.result.status}, ${m.result.head}`);
        rows.push({ size: d.size, call: call.name, ms: m.ms, bytes: m.result.bytes, rows: m.result.rows, peakAboveMb: m.peakAboveMb, rssBeforeMb: m.rssBeforeMb, answer: `${m.result.rows} items` });
        log(`${d.size} ${call.name}: ${Math.round(m.ms)} ms, ${m.result.rows} items, RSS +${m.peakAboveMb.toFixed(1)} MB`);
      }
      const answers: string[] = [];
      for (const label of ['CC /collect/max_parallel/ by liveid (computed)', 'CC /collect/max_parallel/ by liveid (memoised)', 'CC /collect/max_parallel/ by liveid (running figure)']) {
        // The seeded live was written straight into the tables, so it has no running figure: the
        // first calls compute it. The running figure is then written as the ingestion service
        // would have left it after feeding these joins and leaves in time order (runningFigure).
        if (label.endsWith('(running figure)')) writeRunningFigure(db, d.sessionId);
        const m = await measured(server.pid!, async () => (await ccClient.raw('/collect/max_parallel/', { liveid: d.livePublicId })).body as { result: string; data: { max_parallel: number; time: string } });
        if (m.result.result !== 'OK') throw new Error(`max_parallel: ${JSON.stringify(m.result)}`);
        const answer = `${m.result.data.max_parallel} at ${m.result.data.time}`;
        if (answers.length && answer !== answers[0]) throw new Error(`${label} answered ${answer}, computed ${answers[0]}`);
        answers.push(answer);
        rows.push({ size: d.size, call: label, ms: m.ms, peakAboveMb: m.peakAboveMb, rssBeforeMb: m.rssBeforeMb, answer });
        log(`${d.size} ${label}: ${Math.round(m.ms)} ms → ${answer}, RSS +${m.peakAboveMb.toFixed(1)} MB`);
      }
    }

    // p99 of a signed call, idle and while the largest export/history streams.
    const largest = datasets[datasets.length - 1];
    const signedUrl = async () => ccUrl('/collect/live/duration/', { liveid: largest.livePublicId });
    const idle: number[] = [];
    for (let i = 0; i < 300; i++) {
      const url = await signedUrl();
      const t0 = performance.now();
      const res = await request(url);
      idle.push(performance.now() - t0);
      if (!res.text.startsWith('{"result":"OK"')) throw new Error(`signed call: ${res.text}`);
    }
    let done = false;
    const during: number[] = [];
    const exportRun = measured(server.pid!, () => countedCall(`${base}/integration/site/webcast/export/history`, { method: 'POST', headers: FORM, body: genseeForm(largest.webcastId) }, '"joinTime"'))
      .finally(() => { done = true; });
    while (!done) {
      const url = await signedUrl();
      const t0 = performance.now();
      const res = await request(url);
      if (!done) during.push(performance.now() - t0);
      if (!res.text.startsWith('{"result":"OK"')) throw new Error(`signed call: ${res.text}`);
    }
    const concurrentExport = await exportRun;
    const concurrency = {
      size: largest.size,
      exportMs: concurrentExport.ms,
      idle: { n: idle.length, p50: percentile(idle, 50), p99: percentile(idle, 99), max: Math.max(...idle) },
      during: { n: during.length, p50: percentile(during, 50), p99: percentile(during, 99), max: Math.max(...during) },
    };
    log(`signed CC call p99 idle ${concurrency.idle.p99.toFixed(1)} ms, during the ${largest.size}-row export ${concurrency.during.p99.toFixed(1)} ms (${during.length} calls)`);

    const loadEnd = os.loadavg();
    const results = { date: new Date(started).toISOString(), seconds: Math.round((Date.now() - started) / 1000), sizes: SIZES, loadStart, loadEnd, idleRssMb, node: process.version, rows, concurrency };
    const resultsFile = path.join(here, `results-${SIZES[SIZES.length - 1]}.json`);
    fs.writeFileSync(resultsFile, JSON.stringify(results, null, 1) + '\n');
    log(`results in ${path.relative(root, resultsFile)}; section written to bench/RESULTS.md`);
    execFileSync(process.execPath, [path.join(here, 'report.mjs'), resultsFile], { stdio: ['ignore', 'ignore', 'inherit'] });
    db.close();
  } finally {
    stop();
    await new Promise((r) => (server.exitCode !== null ? r(undefined) : server.once('exit', r)));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
