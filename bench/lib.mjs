// Shared by bench/run.mjs, profile.mjs and floor.mjs: server processes, load runs, Lectern set-up.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = path.dirname(fileURLToPath(import.meta.url));
// BENCH_ROOT points at another checkout's build (its dist/ and node_modules/) to compare builds.
export const root = process.env.BENCH_ROOT ? path.resolve(process.env.BENCH_ROOT) : path.resolve(here, '..');
export const HOST = '127.0.0.1';
const cli = path.join(root, 'dist/cli/main.js');
const { baijiayunSign } = await import(path.join(root, 'dist/dialects/baijiayun/signature.js'));
const { thqsQuery } = await import(path.join(root, 'dist/dialects/cc-collect/thqs.js'));

export const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);

/** The middle value (the mean of the two middle ones for an even count). */
export function median(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// ---------------------------------------------------------------- processes

/** Runs `node <args>` to completion and returns its stdout; refuses a non-zero exit. */
export function runToEnd(args, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`node ${args.join(' ')} exited ${code}: ${err.trim()}`))));
  });
}

const running = new Set();
// A bench that dies half-way must not leave servers behind.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A long-running `node <args>` process; its stderr is kept for failure messages. */
function startProcess(args, env) {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.on('exit', () => running.delete(child));
  child.stderrText = '';
  child.stderr.on('data', (d) => (child.stderrText += d));
  child.exited = new Promise((resolve) => child.on('exit', resolve));
  return child;
}

/** SIGTERM (Lectern shuts down gracefully, which also lets --cpu-prof write its profile), SIGKILL after 10 s. */
export async function stopProcess(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await child.exited;
  clearTimeout(timer);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(base, child) {
  // Generous: on a loaded machine PostgreSQL migrations at start-up take a while.
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${child.stderrText.trim()}`);
    try {
      if ((await httpRequest(`${base}/healthz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${base} did not become healthy: ${child.stderrText.trim()}`);
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); undefined elsewhere. */
async function cpuSeconds(pid) {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of proc_pid_stat(5), in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** One HTTP request through node:http (fetch refuses to set the Host header that Gensee sites need). */
export function httpRequest(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

// ---------------------------------------------------------------- load

/**
 * One autocannon run in its own process (bench/load.mjs); returns its summary plus the server's
 * CPU time during the run (serverCpuSeconds) and its share of one core (serverCpu, 1 = one core busy).
 */
export async function load(target, opts) {
  const args = { ...target.request, expect: target.expect, ...opts };
  const before = await cpuSeconds(target.pid);
  const out = await runToEnd([path.join(here, 'load.mjs'), JSON.stringify(args)]);
  const after = await cpuSeconds(target.pid);
  const summary = JSON.parse(out.trim().split('\n').pop());
  if (before !== undefined && after !== undefined) {
    summary.serverCpuSeconds = after - before;
    summary.serverCpu = summary.serverCpuSeconds / summary.seconds;
  }
  return summary;
}

const SUCCESS = {
  baijiayun: (text) => text.startsWith('{"code":0,'),
  gensee: (text) => text.startsWith('{"code":"0",'),
  hello: (text) => text === '{"hello":"world"}',
  health: (text) => text.startsWith('{"status":"ok"'),
  cc: (text) => text.startsWith('{"result":"OK"'),
};

/** One request before the load, so a set-up mistake fails loudly instead of measuring errors. */
export async function checkOnce(target) {
  const { status, text } = await httpRequest(target.request.url, target.request);
  if (status !== 200 || !SUCCESS[target.expect](text)) throw new Error(`${target.name}: not a success answer (${status}): ${text.slice(0, 300)}`);
}

// ---------------------------------------------------------------- servers

/** A bench/*.mjs server that prints {"port":N} once listening. */
export async function startScriptServer(script, args = []) {
  const server = startProcess([path.join(here, script), ...args], process.env);
  const port = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line).port);
    });
    server.exited.then((code) => reject(new Error(`${script} exited ${code}: ${server.stderrText}`)));
  });
  return { server, port };
}

export async function startBaseline() {
  const { server, port } = await startScriptServer('baseline-server.mjs');
  const target = { name: 'Bare Fastify hello-world (baseline)', short: 'fastify', expect: 'hello', describe: 'GET / → {"hello":"world"}', pid: server.pid, request: { url: `http://${HOST}:${port}/`, method: 'GET' } };
  return { server, target };
}

function serverEnv(dataDir, port, database) {
  const env = { ...process.env, LECTERN_DATA: dataDir, LOG_LEVEL: 'warn', PORT: String(port), HOST };
  // The engine is the bench's choice (SQLite unless told): never let an inherited PostgreSQL or Redis configuration in.
  for (const k of ['DATABASE_URL', 'DATABASE_SCHEMA', 'REDIS_URL', 'LECTERN_DEFAULT_SITE', 'LECTERN_PUBLIC_URL']) delete env[k];
  if (database) Object.assign(env, { DATABASE_URL: database.url, DATABASE_SCHEMA: database.schema });
  return env;
}

function signedForm(fields, partnerKey) {
  const pairs = Object.entries(fields).map(([k, v]) => [k, String(v)]);
  const form = new URLSearchParams(pairs);
  form.set('sign', baijiayunSign(pairs, partnerKey));
  return form.toString();
}

const FORM = 'application/x-www-form-urlencoded';
const post = (url, body, headers = {}) => httpRequest(url, { method: 'POST', body, headers: { 'content-type': FORM, ...headers } });

/**
 * A tenant (CLI `tenant create --json`) in a fresh SQLite data dir, then `serve`, then a Baijiayun
 * room and a Gensee webcast created through the API. Returns the server and the request targets.
 * `nodeArgs` go before the script (e.g. --cpu-prof); `database` ({ url, schema }) puts it on
 * PostgreSQL in that schema instead of SQLite.
 */
export async function startLectern(dataDir, { nodeArgs = [], database } = {}) {
  const port = await freePort();
  const env = serverEnv(dataDir, port, database);
  const creds = JSON.parse(await runToEnd([cli, 'tenant', 'create', '--name', 'Bench School', '--json'], env));
  const server = startProcess([...nodeArgs, cli, 'serve'], env);
  try {
    return { server, targets: await prepareTargets(`http://${HOST}:${port}`, server, creds) };
  } catch (err) {
    await stopProcess(server);
    throw err;
  }
}

async function prepareTargets(base, server, creds) {
  await waitForHealth(base, server);
  const bjy = creds.baijiayun;
  const now = Math.floor(Date.now() / 1000);
  const created = await post(`${base}/openapi/room/create`, signedForm({ partner_id: bjy.partner_id, timestamp: now, title: 'Bench room', start_time: now + 3600, end_time: now + 7200 }, bjy.partner_key));
  const roomId = JSON.parse(created.text).data?.room_id;
  if (!roomId) throw new Error(`room/create failed: ${created.text}`);

  const g = creds.gensee;
  const webcast = await post(`${base}/integration/site/webcast/created`, new URLSearchParams({ loginName: g.loginName, password: g.password, subject: 'Bench webcast', startTime: String(Date.now() + 3_600_000), organizerToken: '111111', panelistToken: '222222' }).toString(), { host: g.site });
  const webcastId = JSON.parse(webcast.text).id;
  if (!webcastId) throw new Error(`webcast/created failed: ${webcast.text}`);

  // The timestamp is fixed here; a bench run stays well inside the 300 s replay window.
  const infoBody = signedForm({ partner_id: bjy.partner_id, room_id: roomId, timestamp: Math.floor(Date.now() / 1000) }, bjy.partner_key);
  const genseeQuery = new URLSearchParams({ loginName: g.loginName, password: g.password, webcastId }).toString();
  const settingInfo = `${base}/integration/site/webcast/setting/info`;
  // A CC date-range call (its two bounds are parsed in the account's zone on every request).
  const ccQuery = thqsQuery({ userid: creds.cc.userid, start_time: '2024-03-01 00:00:00', end_time: '2024-03-31 12:00' }, creds.cc.api_key, Math.floor(Date.now() / 1000));
  const targets = [
    {
      // Not a target of the issue: Lectern's HTTP stack alone (its Fastify options, hooks, logger), no dialect, no database.
      name: 'Lectern GET /healthz (HTTP stack only)',
      short: 'healthz',
      expect: 'health',
      describe: 'GET /healthz → {"status":"ok","engine":"sqlite"}',
      request: { url: `${base}/healthz`, method: 'GET' },
    },
    {
      name: 'Lectern Baijiayun POST /openapi/room/info (signed)',
      short: 'baijiayun',
      expect: 'baijiayun',
      describe: 'POST form partner_id, room_id, timestamp, sign (md5)',
      request: { url: `${base}/openapi/room/info`, method: 'POST', headers: { 'content-type': FORM }, body: infoBody },
    },
    {
      name: 'Lectern Gensee GET /integration/site/webcast/setting/info',
      short: 'gensee-get',
      expect: 'gensee',
      describe: `GET query loginName, password, webcastId; Host: ${g.site}`,
      request: { url: `${settingInfo}?${genseeQuery}`, method: 'GET', headers: { host: g.site } },
    },
    {
      name: 'Lectern Gensee POST /integration/site/webcast/setting/info',
      short: 'gensee-post',
      expect: 'gensee',
      describe: `POST form loginName, password, webcastId; Host: ${g.site}`,
      request: { url: settingInfo, method: 'POST', headers: { host: g.site, 'content-type': FORM }, body: genseeQuery },
    },
    {
      // Not in run.mjs's set (it measures the targets of issue 8); bench/pg.mjs measures it.
      name: 'Lectern CC GET /collect/live/record (date range, THQS)',
      short: 'cc',
      expect: 'cc',
      describe: 'GET query userid, start_time, end_time, time, hash (md5)',
      request: { url: `${base}/collect/live/record?${ccQuery}`, method: 'GET' },
    },
  ];
  for (const t of targets) t.pid = server.pid;
  return targets;
}
