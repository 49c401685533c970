import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';

/** What the machine offers the test suites, probed once by test/global-setup.ts. */
export interface Available {
  redis: boolean;
  /** Only probed when LECTERN_TEST_DATABASE_URL is set (the suites then run on PostgreSQL). */
  postgres: boolean;
  chromium: boolean;
  ffmpeg: boolean;
  libreoffice: boolean;
}

export type Requirement = keyof Available;

declare module 'vitest' {
  export interface ProvidedContext {
    available: Available;
    /** File the skipping suites append their one-line notes to; the global teardown prints them. */
    skipLog: string;
  }
}

/** Where each requirement comes from, and how to provide it. */
export const HOW_TO_ENABLE: Record<Requirement, string> = {
  redis: `start Redis on 127.0.0.1:6379 or set REDIS_URL (Debian: apt-get install redis-server)`,
  postgres: 'make LECTERN_TEST_DATABASE_URL reachable (a PostgreSQL database the tests may create schemas in)',
  chromium: 'install Chromium at /usr/bin/chromium or set LECTERN_CHROMIUM (Debian: apt-get install chromium fonts-noto-cjk)',
  ffmpeg: 'install ffmpeg on the PATH (Debian: apt-get install ffmpeg)',
  libreoffice: 'install LibreOffice on the PATH (Debian: apt-get install libreoffice-impress)',
};

/** The test file that called `requires` (from the stack), relative to the repository. */
function callerFile(): string {
  const frames = (new Error().stack ?? '').split('\n').slice(1);
  for (const frame of frames) {
    const m = /(?:file:\/\/)?(\/[^():]+\.ts)/.exec(frame);
    if (m && !m[1].endsWith('/test/requirements.ts')) return path.relative(ROOT, m[1]);
  }
  return '';
}

const ROOT = path.resolve(import.meta.dirname, '..');

/** The Redis the suites use: REDIS_URL, else the local default. */
export const TEST_REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

/**
 * True when everything `needs` lists is available. Otherwise the suite is to be skipped, and one
 * line saying what was skipped and how to enable it is noted for the end of the run.
 * Use as `describe.skipIf(!requires(['redis'], 'what this suite covers'))(…)`.
 */
export function requires(needs: readonly Requirement[], suite: string): boolean {
  const available = inject('available');
  const missing = needs.filter((n) => !available[n]);
  if (missing.length === 0) return true;
  const file = callerFile();
  fs.appendFileSync(inject('skipLog'), `${JSON.stringify({ suite, file, missing })}\n`);
  return false;
}
