import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Where `vite build --config web/vite.config.ts` writes the browser apps (from src/web/classroom or dist/web/classroom alike). */
export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/web');

/** The URL prefix the built assets are served under (Vite's `base`). */
export const WEB_ASSETS_PREFIX = '/app/assets/';

export interface ClassroomPage {
  /** The classroom single-page app's HTML, or undefined when the front end has not been built. */
  html(): string | undefined;
}

/**
 * Serves the built classroom app: its hashed assets under `/app/assets/` (cached for long: their
 * names change with their content) and its HTML for the live routes to answer browsers with. Only
 * the build's `assets/` folder is served, not the rest of `dist/web` (the server's own compiled code).
 */
export async function classroomApp(app: FastifyInstance, dist = WEB_DIST): Promise<ClassroomPage> {
  const assets = path.join(dist, 'assets');
  const htmlFile = path.join(dist, 'classroom.html');
  if (fs.existsSync(assets)) {
    await app.register(fastifyStatic, { root: assets, prefix: WEB_ASSETS_PREFIX, decorateReply: false, index: false, immutable: true, maxAge: 365 * 24 * 3_600_000 });
  }
  let cached: string | undefined;
  return {
    html() {
      if (cached === undefined && fs.existsSync(htmlFile)) cached = fs.readFileSync(htmlFile, 'utf8');
      return cached;
    },
  };
}
