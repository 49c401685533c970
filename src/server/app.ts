import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { LecternConfig } from '../config.js';
import type { Services } from '../core/services.js';
import { DIALECTS } from '../dialects/index.js';
import { mountDialects } from '../dialects/framework/mount.js';
import { registerBodyParsers } from './body-parsers.js';
import { integrationTool } from '../web/integration-tool/plugin.js';
import { referenceDocs } from '../web/reference/plugin.js';
import { registerLive, type LiveOptions } from '../live/routes.js';
import { classroomApp } from '../web/classroom/plugin.js';

export interface AppOptions {
  config: LecternConfig;
  services: Services;
  /** false silences request logs (tests); otherwise pino at config.logLevel. */
  logger?: boolean;
  /** Live gateway timings (tests shorten them). */
  live?: LiveOptions;
}

/** The HTTP server: every dialect at its vendor paths, on one Fastify instance. */
export async function buildApp({ config, services, logger = true, live }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? { level: config.logLevel } : false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    trustProxy: true,
    bodyLimit: 4 * 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true },
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  await registerBodyParsers(app);
  app.get('/healthz', async () => ({ status: 'ok', engine: services.engine }));
  mountDialects(app, DIALECTS, { config, services });
  await app.register(integrationTool);
  await app.register(referenceDocs(DIALECTS));
  const timings = config.live ?? {};
  const classroom = await classroomApp(app);
  await registerLive(app, services, { browserPage: () => classroom.html(), ...(live ?? {
    heartbeatMs: timings.heartbeatMs, graceMs: timings.graceMs, lease: timings.leaseMs === undefined ? undefined : { leaseMs: timings.leaseMs },
  }) });
  return app;
}
