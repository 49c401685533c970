import type { FastifyInstance } from 'fastify';
import { WEBCAST_ENDPOINTS } from '../../dialects/gensee-webcast/endpoints.js';
import { TRAINING_ENDPOINTS } from '../../dialects/gensee-training/endpoints.js';
import { toolEndpoints } from './endpoint-list.js';
import { TOOL_HTML } from './page.js';
import { TOOL_SCRIPT } from './script.js';

/** Where Gensee serves its interface test tool (catalog §1.9). */
export const TOOL_BASE = '/webcast/static/integration';

/**
 * The Gensee interface test tool, for both products (Webcast; Training, "教育" in the vendor's tool):
 * a page that calls this server's own endpoints (same origin, so the site is the one the page was
 * opened on) and shows the JSON answer. `endpoints.json` lists Webcast's endpoints, or with
 * `?product=training` Training's.
 * The page and its script are kept as strings so the compiled server needs no asset copying.
 */
export async function integrationTool(app: FastifyInstance): Promise<void> {
  const lists: Record<string, string> = {
    webcast: JSON.stringify(toolEndpoints(WEBCAST_ENDPOINTS)),
    training: JSON.stringify(toolEndpoints(TRAINING_ENDPOINTS)),
  };
  app.get(`${TOOL_BASE}/tool.html`, async (_req, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(TOOL_HTML));
  app.get(`${TOOL_BASE}/tool.js`, async (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(TOOL_SCRIPT));
  app.get<{ Querystring: { product?: string } }>(`${TOOL_BASE}/endpoints.json`, async (req, reply) => {
    const list = lists[req.query.product ?? 'webcast'];
    if (!list) return reply.code(404).type('application/json; charset=utf-8').send(JSON.stringify({ error: `no product "${req.query.product}"` }));
    return reply.type('application/json; charset=utf-8').header('cache-control', 'no-cache').send(list);
  });
}
