import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { redactUrl } from './redaction.js';
import type { LecternMetrics } from './metrics.js';

/**
 * One info line per request, written when the answer has gone out (Fastify's own "incoming
 * request"/"request completed" pair is turned off): method, URL with every credential parameter
 * redacted, status, time taken, and for dialect calls the dialect, endpoint and vendor result code.
 * Bodies are never logged. The same figures feed the request metrics. Every answer carries its
 * request id in `x-request-id`.
 *
 * The hooks take callbacks rather than being async (an async hook costs a promise per request),
 * and build a log line only when its level is on.
 */
/** Fastify's stand-in logger (logging off) has no `isLevelEnabled`: nothing is enabled there. */
function enabled(log: FastifyBaseLogger, level: 'debug' | 'info'): boolean {
  const pino = log as FastifyBaseLogger & { isLevelEnabled?: (level: string) => boolean };
  return typeof pino.isLevelEnabled === 'function' && pino.isLevelEnabled(level);
}

export function registerRequestLog(app: FastifyInstance, metrics: LecternMetrics): void {
  app.addHook('onRequest', (req, reply, done) => {
    // Set now, so that every answer carries it, refusals and errors included.
    reply.header('x-request-id', req.id);
    // At debug level, arrivals too (shutdown tests match each arrival with its answer).
    if (enabled(req.log, 'debug')) req.log.debug({ method: req.method, url: redactUrl(req.raw.url ?? '') }, 'request received');
    done();
  });
  app.addHook('onResponse', (req, reply, done) => {
    const ms = reply.elapsedTime;
    const outcome = req.dialectOutcome;
    metrics.observeRequest(outcome?.dialect ?? 'none', outcome?.endpoint ?? req.routeOptions.url ?? 'unknown', outcome?.code ?? String(reply.statusCode), ms / 1000);
    if (enabled(req.log, 'info')) {
      req.log.info({
        method: req.method, url: redactUrl(req.raw.url ?? ''), status: reply.statusCode, ms: Math.round(ms * 10) / 10, ip: req.ip,
        ...(outcome ? { dialect: outcome.dialect, endpoint: outcome.endpoint, code: outcome.code, ...(outcome.replayed ? { replayed: true } : {}) } : {}),
      }, 'request');
    }
    done();
  });
}
