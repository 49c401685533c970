import { createHmac } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { constantTimeEqual } from '../../core/crypto.js';
import { FailureLimiter } from '../../live/rate-limiter.js';
import type { AdminTokenSource } from './token.js';

export const SESSION_COOKIE = 'lectern_admin';
/** How long a login lasts. */
export const SESSION_TTL_MS = 12 * 60 * 60_000;
/** The cookie is sent only to the operator page and its API. */
const COOKIE_PATH = '/admin';

export type AdminCredential = { via: 'bearer' | 'cookie'; expiresAt: number | null };

export class AdminAuthError extends Error {
  constructor(readonly status: 401 | 429, readonly code: 'unauthorized' | 'rate_limited', message: string) {
    super(message);
    this.name = 'AdminAuthError';
  }
}

/** The value of one cookie from a Cookie header, or undefined. */
function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Who may use the operator page: a request carrying the admin token (`Authorization: Bearer …`) or a
 * session cookie from `POST /admin/login`. The cookie is `<expiry>.<HMAC-SHA256(token, expiry)>`: no
 * server state, valid in every process, and void as soon as the token changes. Every presented
 * secret is compared in constant time; wrong tokens and forged cookies count against the client
 * address (10 a minute, per process), after which it is refused before any comparison.
 */
export class AdminAuth {
  readonly limiter: FailureLimiter;

  constructor(private readonly source: AdminTokenSource, limiter?: FailureLimiter) {
    this.limiter = limiter ?? new FailureLimiter(10, 60_000);
  }

  private checkRate(ip: string): void {
    if (!this.limiter.allowed(ip)) throw new AdminAuthError(429, 'rate_limited', 'too many wrong admin tokens from this address: wait a minute');
  }

  private refuse(ip: string, message: string): AdminAuthError {
    this.limiter.fail(ip);
    return new AdminAuthError(401, 'unauthorized', message);
  }

  private async mac(expiresAt: number): Promise<string> {
    return createHmac('sha256', await this.source.current()).update(`lectern-admin-session:${expiresAt}`).digest('base64url');
  }

  /** Checks a token typed into the login form (or sent as a bearer token). */
  async checkToken(presented: string, ip: string): Promise<void> {
    this.checkRate(ip);
    if (!presented || !constantTimeEqual(presented, await this.source.current())) throw this.refuse(ip, 'wrong admin token');
  }

  /** A session cookie for a successful login. */
  async issueSession(now = Date.now()): Promise<{ value: string; expiresAt: number }> {
    const expiresAt = now + SESSION_TTL_MS;
    return { value: `${expiresAt}.${await this.mac(expiresAt)}`, expiresAt };
  }

  /** The request's credential, or an AdminAuthError (401 without one or with a wrong one, 429 when blocked). */
  async authenticate(req: FastifyRequest, now = Date.now()): Promise<AdminCredential> {
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!bearer) throw new AdminAuthError(401, 'unauthorized', 'the Authorization header must be "Bearer <admin token>"');
      await this.checkToken(bearer[1], req.ip);
      return { via: 'bearer', expiresAt: null };
    }
    const cookie = cookieValue(req.headers.cookie, SESSION_COOKIE);
    if (!cookie) throw new AdminAuthError(401, 'unauthorized', 'log in with the admin token (POST /admin/login) or send "Authorization: Bearer <admin token>"');
    this.checkRate(req.ip);
    const dot = cookie.indexOf('.');
    const expiresAt = Number(cookie.slice(0, dot));
    if (dot <= 0 || !Number.isSafeInteger(expiresAt) || !constantTimeEqual(cookie.slice(dot + 1), await this.mac(expiresAt))) {
      throw this.refuse(req.ip, 'the session is not valid (the admin token may have changed): log in again');
    }
    // An expired session is an honest one that ran out: not counted as a guess.
    if (expiresAt <= now) throw new AdminAuthError(401, 'unauthorized', 'the session has expired: log in again');
    return { via: 'cookie', expiresAt };
  }

  setSessionCookie(req: FastifyRequest, reply: FastifyReply, value: string, maxAgeMs: number): void {
    const secure = req.protocol === 'https' ? '; Secure' : '';
    reply.header('set-cookie', `${SESSION_COOKIE}=${value}; Path=${COOKIE_PATH}; HttpOnly; SameSite=Strict; Max-Age=${Math.floor(maxAgeMs / 1000)}${secure}`);
  }
}
