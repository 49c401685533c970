/** What the test suites may need from the machine (no vitest import: the global setup reads this too). */
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

/** Where each requirement comes from, and how to provide it. */
export const HOW_TO_ENABLE: Record<Requirement, string> = {
  redis: `start Redis on 127.0.0.1:6379 or set REDIS_URL (Debian: apt-get install redis-server)`,
  postgres: 'make LECTERN_TEST_DATABASE_URL reachable (a PostgreSQL database the tests may create schemas in)',
  chromium: 'install Chromium at /usr/bin/chromium or set LECTERN_CHROMIUM (Debian: apt-get install chromium fonts-noto-cjk)',
  ffmpeg: 'install ffmpeg on the PATH (Debian: apt-get install ffmpeg)',
  libreoffice: 'install LibreOffice on the PATH (Debian: apt-get install libreoffice-impress)',
};

/** The Redis the suites use: REDIS_URL, else the local default. */
export const TEST_REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

