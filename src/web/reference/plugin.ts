import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Dialect, DialectContext } from '../../dialects/framework/dialect.js';
import { openApiDocument } from '../../dialects/framework/openapi.js';
import { referencePage, referenceIndex, referenceInit } from './page.js';
import { LECTERN_VERSION } from '../../version.js';

const require = createRequire(import.meta.url);
const SWAGGER_UI_DIR = path.dirname(require.resolve('swagger-ui-dist/package.json'));

/** Where the reference pages live: not under `/openapi/`, which is Baijiayun's own prefix. */
export const DOCS_BASE = '/docs';

/**
 * One OpenAPI 3.1 document and one interactive reference page (Swagger UI, served from the npm
 * package, no CDN) per dialect, generated from the endpoint tables when the server starts.
 */
export function referenceDocs(dialects: ReadonlyArray<Dialect<DialectContext>>) {
  return async function plugin(app: FastifyInstance): Promise<void> {
    await app.register(fastifyStatic, { root: SWAGGER_UI_DIR, prefix: `${DOCS_BASE}/assets/`, decorateReply: false, index: false, maxAge: 3_600_000 });
    const listing = dialects.map((d) => ({ name: d.name, title: d.docs.title, endpoints: d.endpoints.length }));
    app.get(DOCS_BASE, async (_req, reply) => reply.type('text/html; charset=utf-8').send(referenceIndex(listing)));
    for (const dialect of dialects) {
      const document = JSON.stringify(openApiDocument(dialect, LECTERN_VERSION));
      const base = `${DOCS_BASE}/${dialect.name}`;
      app.get(`${base}/openapi.json`, async (_req, reply) => reply.type('application/json; charset=utf-8').header('cache-control', 'no-cache').send(document));
      app.get(`${base}/init.js`, async (_req, reply) => reply.type('text/javascript; charset=utf-8').send(referenceInit(`${base}/openapi.json`)));
      app.get(base, async (_req, reply) => reply.type('text/html; charset=utf-8').send(referencePage(dialect.docs.title, base)));
    }
  };
}
