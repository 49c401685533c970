import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import underPressure from '@fastify/under-pressure';
import { Redis } from 'ioredis';
import proxyaddr from 'proxy-addr';
import type { LecternConfig } from '../config.js';
import type { Services } from '../core/services.js';
import { DIALECTS } from '../dialects/index.js';
import { mountDialects } from '../dialects/framework/mount.js';
import { answerClientError, bareRequest, dialectForPath } from '../dialects/framework/raw-answers.js';
import { MemoryReplayStore, RedisReplayStore, SharedReplayStore, type ReplayStore } from '../dialects/framework/replay.js';
import { ParamProblem } from '../dialects/framework/params.js';
import { registerBodyParsers } from './body-parsers.js';
import { integrationTool } from '../web/integration-tool/plugin.js';
import { referenceDocs } from '../web/reference/plugin.js';
import { registerLanding } from '../web/landing/page.js';
import { registerLive, type LiveOptions } from '../live/routes.js';
import { adminPage } from '../web/admin/plugin.js';
import { LecternMetrics } from './metrics.js';
import { registerRequestLog } from './request-log.js';
import { readiness } from './health.js';
import { LECTERN_VERSION } from '../version.js';
import { classroomApp } from '../web/classroom/plugin.js';

export interface AppOptions {
  config: LecternConfig;
  services: Services;
  /** false silences request logs (tests); otherwise pino at config.logLevel. */
  logger?: boolean;
  /** Where log lines go instead of stdout (tests read them). */
  logStream?: NodeJS.WritableStream;
  /** Live gateway timings (tests shorten them). */
  live?: LiveOptions;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's Prometheus registry and request counters. */
    metrics: LecternMetrics;
  }
}

/** The client address rule of LECTERN_TRUST_PROXY, for the HTTP app and the WebSocket gateway alike. */
function proxyRule(config: LecternConfig) {
  if (config.trustProxy.length === 0) return { fastify: false as const, clientIp: (req: IncomingMessage) => req.socket.remoteAddress ?? '' };
  const trust = proxyaddr.compile(config.trustProxy);
  return { fastify: config.trustProxy, clientIp: (req: IncomingMessage) => proxyaddr(req, trust) };
}

/** A path Fastify cannot decode, answered before routing: in the envelope of the dialect the path belongs to. */
function answerFrameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const dialect = dialectForPath(DIALECTS, req.raw.url);
  if (!dialect) {
    void reply.code(400).send({ error: 'bad request', message: err.message });
    return;
  }
  const { status, body } = dialect.failure(new ParamProblem('url', 'malformed', err.message), bareRequest(req.method, req.raw.url ?? '', req.log));
  void reply.code(status).send(body);
}

/** The HTTP server: every dialect at its vendor paths, on one Fastify instance. */
export async function buildApp({ config, services, logger = true, logStream, live }: AppOptions): Promise<FastifyInstance> {
  const log = logger ? { fastify: { level: config.logLevel, ...(logStream ? { stream: logStream } : {}) } } : undefined;
  const proxies = proxyRule(config);
  const app = Fastify({
    logger: log ? log.fastify : false,
    // One line per request, with credentials redacted: request-log.ts.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    trustProxy: proxies.fastify,
    bodyLimit: 4 * 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true },
    // Fastify's own refusals before routing (a path it cannot decode): in the dialect's envelope too.
    frameworkErrors: (err, req, res) => answerFrameworkError(err, req as FastifyRequest, res as unknown as FastifyReply),
  });
  // Node refuses oversized or unparsable requests before Fastify routes them: answer in the dialect's envelope.
  app.server.removeAllListeners('clientError');
  app.server.on('clientError', answerClientError(DIALECTS, app.log));

  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2_000, lazyConnect: false }) : undefined;
  redis?.on('error', (err) => app.log.debug({ err }, 'redis'));
  const replay: ReplayStore = redis
    ? new SharedReplayStore(new RedisReplayStore(redis), config.replayCacheSize, (err) => app.log.warn({ err }, 'replay cache: Redis failed, using this process\'s memory'))
    : new MemoryReplayStore(config.replayCacheSize);
  const metrics = new LecternMetrics(services);
  app.decorate('metrics', metrics);
  app.addHook('onClose', async () => {
    metrics.close();
    await redis?.quit().catch(() => redis.disconnect());
  });

  if (config.maxEventLoopDelayMs > 0) {
    await app.register(underPressure, {
      maxEventLoopDelay: config.maxEventLoopDelayMs,
      exposeStatusRoute: false,
      // Shed load in the envelope of the dialect the path belongs to (its system error).
      pressureHandler: (req, reply, type, value) => {
        const dialect = dialectForPath(DIALECTS, req.raw.url);
        reply.header('retry-after', '1');
        if (!dialect) {
          void reply.code(503).send({ error: 'overloaded', message: `server under pressure (${type} ${value})` });
          return;
        }
        const { body } = dialect.failure(new Error(`under pressure: ${type} ${value}`), bareRequest(req.method, req.raw.url ?? '', req.log));
        void reply.code(503).send(body);
      },
    });
  }

  registerRequestLog(app, metrics);
  await registerBodyParsers(app);
  const ready = () => readiness(services, redis);
  app.get('/healthz', async () => ({ status: 'ok', version: LECTERN_VERSION, engine: services.engine }));
  app.get('/readyz', async (_req, reply) => {
    const r = await ready();
    return reply.code(r.ready ? 200 : 503).send({ status: r.ready ? 'ready' : 'not ready', checks: r.checks });
  });
  app.get('/metrics', async (_req, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));
  mountDialects(app, DIALECTS, { config, services, replay });
  await app.register(integrationTool);
  await app.register(referenceDocs(DIALECTS));
  registerLanding(app, { version: LECTERN_VERSION, dialects: DIALECTS, readiness: ready });
  const timings = config.live ?? {};
  const classroom = await classroomApp(app);
  const runtime = await registerLive(app, services, {
    ...(live ?? { heartbeatMs: timings.heartbeatMs, graceMs: timings.graceMs, lease: timings.leaseMs === undefined ? undefined : { leaseMs: timings.leaseMs } }),
    browserPage: () => classroom.html(),
    clientIp: proxies.clientIp,
  });
  metrics.attachLive({ rooms: () => runtime.gateway.liveRooms(), participants: () => runtime.gateway.liveParticipants(), connections: () => runtime.gateway.liveConnections() });
  await app.register(adminPage({ services, entry: runtime.entry, adminToken: config.adminToken }));
  return app;
}
