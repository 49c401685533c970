import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { HOW_TO_ENABLE, TEST_REDIS_URL, type Available, type Requirement } from './requirement-kinds.js';

/** A Redis PING over a plain socket (no client library, no reconnect loop), within a second. */
function probeRedis(url: string): Promise<boolean> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    const socket = net.connect({ host: target.hostname || '127.0.0.1', port: Number(target.port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => {
      const auth = target.password ? `AUTH ${decodeURIComponent(target.password)}\r\n` : '';
      socket.write(`${auth}PING\r\n`);
    });
    let seen = '';
    socket.on('data', (d) => {
      seen += d.toString();
      if (/\+PONG/.test(seen)) done(true);
      else if (/^-/m.test(seen)) done(false);
    });
  });
}

async function probePostgres(url: string | undefined): Promise<boolean> {
  if (!url) return false;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** An executable of one of these names on the PATH. */
function onPath(...names: string[]): boolean {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  return names.some((n) => dirs.some((d) => {
    try {
      fs.accessSync(path.join(d, n), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  }));
}

let skipLog = '';

/**
 * Probes what the machine offers (Redis, PostgreSQL when asked for, Chromium, ffmpeg, LibreOffice)
 * and hands it to the suites (`inject('available')`, see test/requirements.ts). A suite whose needs
 * are missing is skipped with one line at the end of the run. With LECTERN_REQUIRE_ALL=1 (.ci/run)
 * a missing requirement fails the run instead.
 */
export default async function setup(project: TestProject) {
  const available: Available = {
    redis: await probeRedis(TEST_REDIS_URL),
    postgres: await probePostgres(process.env.LECTERN_TEST_DATABASE_URL),
    chromium: fs.existsSync(process.env.LECTERN_CHROMIUM ?? '/usr/bin/chromium'),
    ffmpeg: onPath('ffmpeg'),
    libreoffice: onPath('soffice', 'libreoffice'),
  };
  if (process.env.LECTERN_TEST_DATABASE_URL && !available.postgres) {
    throw new Error(`LECTERN_TEST_DATABASE_URL is set but PostgreSQL does not answer there: ${HOW_TO_ENABLE.postgres}`);
  }
  if (process.env.LECTERN_REQUIRE_ALL === '1') {
    const required: Requirement[] = ['redis', 'chromium'];
    const missing = required.filter((r) => !available[r]);
    if (missing.length > 0) throw new Error(`LECTERN_REQUIRE_ALL=1 and the machine lacks: ${missing.map((m) => `${m} (${HOW_TO_ENABLE[m]})`).join('; ')}`);
  }
  skipLog = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-skips-')), 'skipped.jsonl');
  fs.writeFileSync(skipLog, '');
  project.provide('available', available);
  project.provide('skipLog', skipLog);

  return () => {
    const lines = fs.readFileSync(skipLog, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { suite: string; file: string; missing: Requirement[] });
    fs.rmSync(path.dirname(skipLog), { recursive: true, force: true });
    const seen = new Set<string>();
    for (const l of lines) {
      const text = `SKIPPED ${l.file ? `${l.file}: ` : ''}${l.suite} — needs ${l.missing.join(' and ')}: ${l.missing.map((m) => HOW_TO_ENABLE[m]).join('; ')}`;
      if (seen.has(text)) continue;
      seen.add(text);
      console.log(text);
    }
    if (lines.length > 0 && process.env.LECTERN_REQUIRE_ALL === '1') {
      // The probes passed, yet a suite skipped itself: CI must not pass quietly.
      throw new Error(`LECTERN_REQUIRE_ALL=1: ${seen.size} suite(s) were skipped`);
    }
  };
}
