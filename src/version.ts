import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The package version (package.json), the same from the sources (tsx) and from dist/. */
export const LECTERN_VERSION = (require('../package.json') as { version: string }).version;
