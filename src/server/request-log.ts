import type { FastifyInstance } from 'fastify';
import { redactUrl } from './redaction.js';
import type { LecternMetrics } from './metrics.js';

/**
 * One info line per request, written when the answer has gone out (Fastify's own "incoming
 * request"/"request completed" pair is turned off): method, URL with every credential parameter
 * redacted, status, time taken, and for dialect calls the dialect, endpoint and vendor result code.
 * Bodies are never logged. The same figures feed the request metrics.
 */
export function registerRequestLog(app: FastifyInstance, metrics: LecternMetrics): void {
  // At debug level, arrivals too (shutdown tests match each arrival with its answer).
  app.addHook('onRequest', async (req) => {
    req.log.debug({ method: req.method, url: redactUrl(req.raw.url ?? '') }, 'request received');
  });
  app.addHook('onResponse', async (req, reply) => {
    const ms = reply.elapsedTime;
    const outcome = req.dialectOutcome;
    metrics.observeRequest(outcome?.dialect ?? 'none', outcome?.endpoint ?? req.routeOptions.url ?? 'unknown', outcome?.code ?? String(reply.statusCode), ms / 1000);
    req.log.info({
      method: req.method, url: redactUrl(req.raw.url ?? ''), status: reply.statusCode, ms: Math.round(ms * 10) / 10, ip: req.ip,
      ...(outcome ? { dialect: outcome.dialect, endpoint: outcome.endpoint, code: outcome.code, ...(outcome.replayed ? { replayed: true } : {}) } : {}),
    }, 'request');
  });
}
