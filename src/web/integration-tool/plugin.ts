import type { FastifyInstance } from 'fastify';
import { WEBCAST_ENDPOINTS } from '../../dialects/gensee-webcast/endpoints.js';
import { toolEndpoints } from './endpoint-list.js';
import { TOOL_HTML } from './page.js';
import { TOOL_SCRIPT } from './script.js';

/** Where Gensee serves its interface test tool (catalog §1.9). */
export const TOOL_BASE = '/webcast/static/integration';

/**
 * The Gensee Webcast interface test tool: a page that calls this server's own endpoints (same
 * origin, so the site is the one the page was opened on) and shows the JSON answer.
 * The page and its script are kept as strings so the compiled server needs no asset copying.
 */
export async function integrationTool(app: FastifyInstance): Promise<void> {
  const endpoints = JSON.stringify(toolEndpoints(WEBCAST_ENDPOINTS));
  app.get(`${TOOL_BASE}/tool.html`, async (_req, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(TOOL_HTML));
  app.get(`${TOOL_BASE}/tool.js`, async (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(TOOL_SCRIPT));
  app.get(`${TOOL_BASE}/endpoints.json`, async (_req, reply) => reply.type('application/json; charset=utf-8').header('cache-control', 'no-cache').send(endpoints));
}
