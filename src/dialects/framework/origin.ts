import type { FastifyRequest } from 'fastify';

/**
 * scheme://host[:port] the client addressed this server at. X-Forwarded-Proto and -Host count only
 * when the request came through a trusted proxy (LECTERN_TRUST_PROXY: Fastify's trustProxy decides
 * `req.protocol` and `req.host`); links prefer LECTERN_PUBLIC_URL over this when it is set.
 */
export function requestOrigin(req: FastifyRequest): string {
  return `${req.protocol || 'http'}://${req.host || 'localhost'}`;
}
