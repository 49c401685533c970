import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../core/services.js';
import { EntryError, LiveEntry, type Admission, type Visitor } from './entry.js';
import { JOIN_LINKS, type JoinLinkRequest } from './join-links.js';
import { LIVE_WS_PATH, LiveGateway, type GatewayOptions } from './gateway.js';
import { TicketSigner, loadTicketKey } from './tickets.js';

const ROLE_LABEL = { host: 'teacher', assistant: 'assistant', student: 'student', observer: 'observer' } as const;

type Fields = Record<string, string | undefined>;

/** Query and body fields as strings (a JSON or a form body; the form parser keeps the raw text). */
function fields(req: FastifyRequest): Fields {
  const out: Fields = {};
  const take = (k: string, v: unknown) => {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number') out[k] = String(v);
  };
  for (const [k, v] of Object.entries((req.query ?? {}) as Record<string, unknown>)) take(k, v);
  if (req.rawForm !== undefined) for (const [k, v] of new URLSearchParams(req.rawForm)) take(k, v);
  else if (req.body && typeof req.body === 'object') for (const [k, v] of Object.entries(req.body as Record<string, unknown>)) take(k, v);
  return out;
}

function visitor(req: FastifyRequest, f: Fields): Visitor {
  const number = f.user_number ?? f.uid;
  return {
    name: f.name ?? f.nickname ?? f.nickName ?? f.user_name ?? '', userNumber: number && /^\d{1,15}$/.test(number) ? Number(number) : null, ip: req.ip,
    accessKey: f.access_key ?? null,
  };
}

const wantsJson = (req: FastifyRequest) => req.method === 'POST' || /application\/json/i.test(req.headers.accept ?? '');

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
}

/** The stub answer to a browser when no classroom app is built: what the JSON says, as text. */
function admitted(req: FastifyRequest, reply: FastifyReply, a: Admission) {
  const answer = {
    room: { id: a.room.public_id, number: a.room.number, title: a.room.title },
    role: a.role, name: a.name, ticket: a.ticket,
    ws: `${LIVE_WS_PATH}?ticket=${encodeURIComponent(a.ticket)}`,
  };
  if (wantsJson(req)) return reply.send(answer);
  return reply.type('text/html; charset=utf-8').send(page(a.room.title, `<h1>${escapeHtml(a.room.title)}</h1>`
    + `<p>You are entering room ${escapeHtml(a.room.number)} as ${ROLE_LABEL[a.role]} (${escapeHtml(a.name)}).</p>`
    + '<p>The classroom page is not built yet: a client connects to the WebSocket below.</p>'
    + `<p><code>${escapeHtml(answer.ws)}</code></p>`));
}

function refused(req: FastifyRequest, reply: FastifyReply, err: EntryError) {
  reply.status(err.status);
  if (wantsJson(req)) return reply.send({ error: err.reason, message: err.message });
  return reply.type('text/html; charset=utf-8').send(page('Cannot enter', `<h1>Cannot enter</h1><p>${escapeHtml(err.message)}</p>`));
}

async function answer(req: FastifyRequest, reply: FastifyReply, work: () => Promise<Admission>) {
  try {
    return admitted(req, reply, await work());
  } catch (err) {
    if (err instanceof EntryError) return refused(req, reply, err);
    throw err;
  }
}

export interface LiveRuntime {
  entry: LiveEntry;
  gateway: LiveGateway;
}

/**
 * The live runtime's HTTP side: `/enter` (a role code and a name), every dialect's join links, and
 * the WebSocket gateway on the same server. Tickets are signed with the deployment's shared key.
 */
export type LiveOptions = Omit<GatewayOptions, 'services' | 'entry' | 'tickets'> & {
  /**
   * The page a browser gets at `/enter` and every join link (the classroom app, which then enters
   * through the same route as JSON). Undefined, or a build that is missing: the routes answer the
   * browser themselves with a plain page.
   */
  browserPage?: () => string | undefined;
};

export async function registerLive(app: FastifyInstance, services: Services, options: LiveOptions = {}): Promise<LiveRuntime> {
  const tickets = new TicketSigner(await loadTicketKey(services.db));
  const entry = new LiveEntry(services, tickets);
  const { browserPage: _page, ...gatewayOptions } = options;
  const gateway = new LiveGateway({ ...gatewayOptions, services, entry, tickets });
  await gateway.start();
  gateway.attach(app.server);
  app.addHook('preClose', async () => {
    await gateway.close();
  });

  /** A browser asking for the page (not the JSON): the app, which enters by itself. */
  const servedApp = (req: FastifyRequest, reply: FastifyReply): boolean => {
    const html = wantsJson(req) ? undefined : options.browserPage?.();
    if (html === undefined) return false;
    void reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
    return true;
  };

  const enter = (req: FastifyRequest, reply: FastifyReply) => {
    if (servedApp(req, reply)) return reply;
    const f = fields(req);
    return answer(req, reply, () => {
      if (!f.code) throw new EntryError('invalid', 'a code is needed to enter (parameter "code")');
      return entry.byCode(f.code, visitor(req, f));
    });
  };
  app.post('/enter', enter);
  app.get('/enter', enter);

  for (const shape of JOIN_LINKS) {
    app.get(shape.path, (req, reply) => {
      if (servedApp(req, reply)) return reply;
      const f = fields(req);
      const v = visitor(req, f);
      return answer(req, reply, async () => {
        entry.checkRate(v.ip);
        const link: JoinLinkRequest = { params: req.params as Record<string, string>, query: f };
        const target = await shape.resolve(services, link);
        if ('notFound' in target) throw entry.wrongSecret(v.ip, 'not_found', 'this join link leads to no room');
        if ('badToken' in target) throw entry.wrongSecret(v.ip, 'bad_token', 'wrong or missing token for this join link (parameter "token")');
        if ('code' in target) return entry.byCode(target.code, v, target.room);
        return entry.admit(target.room, target.role, v);
      });
    });
  }
  return { entry, gateway };
}
