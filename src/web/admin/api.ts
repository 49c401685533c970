import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { Services } from '../../core/services.js';
import { ROOM_PHASES } from '../../core/room-listing.js';
import { EntryError, type LiveEntry } from '../../live/entry.js';
import { LIVE_WS_PATH } from '../../live/gateway.js';
import { AdminQueries } from './queries.js';
import { AdminAuthError, type AdminAuth, type AdminCredential } from './auth.js';

export const ADMIN_API = '/admin/api';

const TenantParams = Type.Object({ tenantId: Type.String({ pattern: '^[0-9a-f]{32}$' }) });
const RoomParams = Type.Object({ tenantId: TenantParams.properties.tenantId, room: Type.String({ maxLength: 32 }) });
const RoomsQuery = Type.Object({
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  /** Comma-separated phases (live, occupied, idle, terminated). */
  phase: Type.Optional(Type.String({ pattern: `^(${ROOM_PHASES.join('|')})(,(${ROOM_PHASES.join('|')}))*$` })),
});
const LimitQuery = Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 20 }) });

class NotFound extends Error {}

function observerName(req: FastifyRequest): string {
  const body = req.body;
  const given = body && typeof body === 'object' && 'name' in body ? (body as { name: unknown }).name : undefined;
  return typeof given === 'string' ? given : 'Observer';
}

/** The JSON answer for every refusal of the operator API: `{error, message}`, never a stack trace. */
function fail(reply: FastifyReply, status: number, error: string, message: string) {
  return reply.status(status).send({ error, message });
}

export interface AdminApiOptions {
  services: Services;
  auth: AdminAuth;
  entry: LiveEntry;
}

/**
 * The operator API under `/admin/api`: read-only views of every tenant (tenants, rooms with every
 * dialect's ids, who is inside, recent sessions) and observer tickets. Every route needs the admin
 * token (bearer) or the login cookie.
 */
export function adminApi({ services, auth, entry }: AdminApiOptions) {
  const queries = new AdminQueries(services);

  return async function plugin(app: FastifyInstance): Promise<void> {
    app.setErrorHandler((err: Error & { validation?: unknown; statusCode?: number }, req, reply) => {
      if (err instanceof AdminAuthError) {
        if (err.status === 401) reply.header('www-authenticate', 'Bearer realm="lectern-admin"');
        if (err.status === 429) reply.header('retry-after', '60');
        return fail(reply, err.status, err.code, err.message);
      }
      if (err instanceof NotFound) return fail(reply, 404, 'not_found', err.message);
      if (err instanceof EntryError) return fail(reply, err.status, err.reason, err.message);
      if (err.validation) return fail(reply, 400, 'invalid', err.message);
      req.log.error({ err }, 'operator API failed');
      return fail(reply, 500, 'internal', 'the request could not be answered; see the server log');
    });
    app.addHook('onRequest', async (req) => {
      req.adminCredential = await auth.authenticate(req);
    });
    app.addHook('onSend', async (_req, reply) => {
      reply.header('cache-control', 'no-store');
    });

    const tenantOf = async (tenantId: string) => {
      const tenant = await queries.tenant(tenantId);
      if (!tenant) throw new NotFound(`no tenant has the id ${tenantId}`);
      return tenant;
    };
    const roomOf = async (tenantId: string, ref: string) => {
      await tenantOf(tenantId);
      const room = await queries.room(tenantId, ref);
      if (!room || room.deleted_at !== null) throw new NotFound(`tenant ${tenantId} has no room ${ref} (a Gensee id, Baijiayun room_id or number)`);
      return room;
    };

    app.get('/session', async (req) => ({ authenticated: true, ...req.adminCredential }));

    app.get('/tenants', async () => ({ tenants: await queries.tenants() }));

    app.get('/live', async () => ({ rooms: await queries.liveNow() }));

    app.get<{ Params: Static<typeof TenantParams> }>('/tenants/:tenantId', { schema: { params: TenantParams } }, async (req) => ({ tenant: await tenantOf(req.params.tenantId) }));

    app.get<{ Params: Static<typeof TenantParams>; Querystring: Static<typeof RoomsQuery> }>('/tenants/:tenantId/rooms', { schema: { params: TenantParams, querystring: RoomsQuery } }, async (req) => {
      await tenantOf(req.params.tenantId);
      const { page, pageSize, phase } = req.query;
      const phases = phase ? ROOM_PHASES.filter((p) => phase.split(',').includes(p)) : undefined;
      const listing = await queries.rooms(req.params.tenantId, { pageNo: page, pageSize }, phases);
      return { page, pageSize, total: listing.total, rooms: listing.rooms };
    });

    app.get<{ Params: Static<typeof RoomParams>; Querystring: Static<typeof LimitQuery> }>('/tenants/:tenantId/rooms/:room', { schema: { params: RoomParams, querystring: LimitQuery } }, async (req) => {
      const room = await roomOf(req.params.tenantId, req.params.room);
      const [view] = await queries.views([room]);
      return { room: view, sessions: await queries.sessions(room.tenant_id, { roomId: room.id, limit: req.query.limit }) };
    });

    app.get<{ Params: Static<typeof TenantParams>; Querystring: Static<typeof LimitQuery> }>('/tenants/:tenantId/sessions', { schema: { params: TenantParams, querystring: LimitQuery } }, async (req) => {
      await tenantOf(req.params.tenantId);
      return { sessions: await queries.sessions(req.params.tenantId, { limit: req.query.limit }) };
    });

    // The body is optional (`{name}`: what the observer is called in its own view); a form or no body is fine.
    app.post<{ Params: Static<typeof RoomParams> }>('/tenants/:tenantId/rooms/:room/observe', { schema: { params: RoomParams } }, async (req) => {
      const room = await roomOf(req.params.tenantId, req.params.room);
      const name = observerName(req);
      const a = entry.observe(room, name);
      return {
        room: { id: room.public_id, number: room.number, title: room.title }, role: a.role, name: a.name, ticket: a.ticket,
        ws: `${LIVE_WS_PATH}?ticket=${encodeURIComponent(a.ticket)}`,
      };
    });
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on every operator API request once authenticated. */
    adminCredential?: AdminCredential;
  }
}
