import type { FastifyRequest } from 'fastify';

/** scheme://host[:port] as the client addressed this server (honours X-Forwarded-Proto behind a proxy). */
export function requestOrigin(req: FastifyRequest): string {
  const forwarded = req.headers['x-forwarded-proto'];
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim() || req.protocol || 'http';
  const host = req.headers.host || 'localhost';
  return `${proto}://${host}`;
}
