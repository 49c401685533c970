import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import type { Available, Requirement } from './requirement-kinds.js';

export { HOW_TO_ENABLE, TEST_REDIS_URL, type Available, type Requirement } from './requirement-kinds.js';

declare module 'vitest' {
  export interface ProvidedContext {
    available: Available;
    /** File the skipping suites append their one-line notes to; the global teardown prints them. */
    skipLog: string;
  }
}

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
