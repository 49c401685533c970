import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

/** `npm test -- <files>` in a child process, with what the machine lacks hidden from it. */
function npmTest(files: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  // The child is a vitest run of its own: nothing of this run's worker state goes with it.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'LECTERN_REQUIRE_ALL' && k !== 'NODE_OPTIONS'));
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['test', '--silent', '--', ...files], { cwd: ROOT, env: { ...inherited, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    // Colours off (and stripped, should a reporter still use them): the output is read as text.
    child.on('close', (code) => resolve({ code, output: output.replace(new RegExp(String.fromCharCode(27) + '\\[[0-9;]*m', 'g'), '') }));
  });
}

/** Redis on a closed port and Chromium at a path where there is none: a fresh machine with only Node.js. */
const BARE = { REDIS_URL: 'redis://127.0.0.1:1', LECTERN_CHROMIUM: '/nonexistent/chromium' };
const FILES = ['src/live/redis-relay.test.ts', 'src/web/reference/reference.test.ts'];

describe('npm test on a fresh machine', { timeout: 300_000 }, () => {
  it('passes, skipping what needs Redis or Chromium with one line each saying how to enable it', async () => {
    const { code, output } = await npmTest(FILES, BARE);
    expect(code, output).toBe(0);
    const skipped = output.split('\n').filter((l) => l.startsWith('SKIPPED '));
    expect(skipped).toHaveLength(2);
    expect(skipped).toEqual(expect.arrayContaining([
      expect.stringMatching(/^SKIPPED src\/live\/redis-relay\.test\.ts: RedisEventRelay \(real Redis\) — needs redis: start Redis .* or set REDIS_URL/),
      expect.stringMatching(/^SKIPPED src\/web\/reference\/reference\.test\.ts: reference page in a browser — needs chromium: install Chromium .* LECTERN_CHROMIUM/),
    ]));
    // The suites that need nothing more than Node.js still ran.
    expect(output).toMatch(/Tests\s+\d+ passed \| \d+ skipped/);
  });

  it('with LECTERN_REQUIRE_ALL=1 (as .ci/run sets it) the same machine fails, naming what is missing', async () => {
    const { code, output } = await npmTest(FILES, { ...BARE, LECTERN_REQUIRE_ALL: '1' });
    expect(code).not.toBe(0);
    expect(output).toMatch(/LECTERN_REQUIRE_ALL=1 and the machine lacks: redis .*; chromium/);
  });
});
