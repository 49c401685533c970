import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Services } from '../../core/services.js';
import type { LiveEntry } from '../../live/entry.js';
import { AdminAuth, AdminAuthError, SESSION_TTL_MS } from './auth.js';
import { ADMIN_API, adminApi } from './api.js';
import { adminTokenSource } from './token.js';

/**
 * Where Vite writes the built pages (`npm run build`): `<package root>/dist/web`. This file is
 * `src/web/admin/plugin.ts` when run from source and `dist/web/admin/plugin.js` when built, three
 * levels below the package root either way.
 */
export const WEB_DIST = path.resolve(import.meta.dirname, '../../../dist/web');

export interface AdminPageOptions {
  services: Services;
  entry: LiveEntry;
  /** LECTERN_ADMIN_TOKEN; unset: the stored token (`lectern admin-token`). */
  adminToken: string | undefined;
  /** The built front end (default WEB_DIST). */
  webRoot?: string;
}

/** The login form's token: a JSON `{token}` or a form field `token`. */
function presentedToken(req: FastifyRequest): string {
  if (req.rawForm !== undefined) return new URLSearchParams(req.rawForm).get('token') ?? '';
  const body = req.body;
  const token = body && typeof body === 'object' && 'token' in body ? (body as { token: unknown }).token : undefined;
  return typeof token === 'string' ? token.trim() : '';
}

/**
 * The operator page: `/admin` (the page, built by Vite from `web/admin.html`), `/admin/observe/…`
 * (the same page, watching one room), `POST /admin/login` and `/admin/logout`, and the JSON API
 * under `/admin/api` (api.ts).
 */
export function adminPage(opts: AdminPageOptions) {
  const webRoot = opts.webRoot ?? WEB_DIST;
  const auth = new AdminAuth(adminTokenSource(opts.services.db, opts.adminToken));

  return async function plugin(app: FastifyInstance): Promise<void> {
    // Vite's hashed bundles; the classroom pages share them. Whoever registers first serves them.
    if (!app.hasRoute({ method: 'GET', url: '/assets/*' })) {
      await app.register(fastifyStatic, { root: path.join(webRoot, 'assets'), prefix: '/assets/', decorateReply: false, index: false, maxAge: '365d', immutable: true });
    }

    const page = async () => {
      const file = path.join(webRoot, 'admin.html');
      if (!existsSync(file)) return undefined;
      return fs.readFile(file, 'utf8');
    };
    const servePage = async (_req: FastifyRequest, reply: FastifyReply) => {
      const html = await page();
      if (html === undefined) {
        return reply.status(503).type('text/plain; charset=utf-8').send('The operator page is not built: run `npm run build` (it writes dist/web/admin.html).');
      }
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('x-frame-options', 'DENY').send(html);
    };
    app.get('/admin', servePage);
    app.get('/admin/observe/:tenantId/:room', servePage);

    app.post('/admin/login', async (req, reply) => {
      try {
        await auth.checkToken(presentedToken(req), req.ip);
      } catch (err) {
        if (!(err instanceof AdminAuthError)) throw err;
        if (err.status === 429) reply.header('retry-after', '60');
        return reply.status(err.status).send({ error: err.code, message: err.message });
      }
      const session = await auth.issueSession();
      auth.setSessionCookie(req, reply, session.value, SESSION_TTL_MS);
      return reply.header('cache-control', 'no-store').send({ authenticated: true, via: 'cookie', expiresAt: session.expiresAt });
    });

    app.post('/admin/logout', async (req, reply) => {
      auth.setSessionCookie(req, reply, '', 0);
      return reply.status(204).send();
    });

    await app.register(adminApi({ services: opts.services, auth, entry: opts.entry }), { prefix: ADMIN_API });
  };
}
