import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { bjy, createTestEnv, gensee, newTenant, nowSeconds, type TestEnv, until as pollUntil } from './harness.js';
import { LiveClient } from './live-client.js';
import { runCli } from './processes.js';
import type { TenantCredentials } from '../src/dialects/provision.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/config.js';
import { rotateAdminToken, storedAdminToken } from '../src/web/admin/token.js';
import { adminPage } from '../src/web/admin/plugin.js';
import type { RoomView, SessionView, TenantView } from '../src/web/admin/queries.js';
import type { RoomRow } from '../src/storage/schema.js';

let env: TestEnv;
let app: FastifyInstance;
let base: string;
let schoolA: TenantCredentials;
let schoolB: TenantCredentials;
const clients: LiveClient[] = [];
/** Every answer the operator API gave in this file: none may carry a tenant secret. */
const answers: string[] = [];

beforeAll(async () => {
  env = await createTestEnv();
  app = await buildApp({ config: env.config, services: env.services, logger: false, live: { graceMs: 50, heartbeatMs: 1000 } });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  schoolA = await newTenant(env, 'Admin School A');
  schoolB = await newTenant(env, 'Admin School B');
});
afterAll(async () => {
  for (const c of clients) await c.close();
  await app?.close();
  await env?.close();
});

const token = () => storedAdminToken(env.services.db);

async function api(url: string, opts: { token?: string; cookie?: string; ip?: string; method?: 'GET' | 'POST'; payload?: object } = {}): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  if (opts.cookie !== undefined) headers.cookie = opts.cookie;
  // Proxies are not trusted (LECTERN_TRUST_PROXY unset): another client is another socket address.
  const res = await app.inject({ method: opts.method ?? 'GET', url, headers, payload: opts.payload, ...(opts.ip ? { remoteAddress: opts.ip } : {}) });
  answers.push(res.body);
  return res;
}
/** An authorized GET that must succeed: its JSON. */
async function get<T>(url: string): Promise<T> {
  const res = await api(url, { token: await token() });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
}

async function connect(ticket: string): Promise<LiveClient> {
  const c = await LiveClient.connect(base, `ticket=${encodeURIComponent(ticket)}`);
  clients.push(c);
  return c;
}
async function enterByCode(code: string, name: string): Promise<LiveClient> {
  const res = await app.inject({ method: 'POST', url: '/enter', payload: { code, name } });
  expect(res.statusCode, res.body).toBe(200);
  const c = await connect(res.json().ticket as string);
  await c.welcome();
  return c;
}
const pathOf = (url: string) => { const u = new URL(url); return `${u.pathname}${u.search}`; };
async function enterByLink(url: string, query: string): Promise<LiveClient> {
  const res = await app.inject({ url: `${pathOf(url)}?${query}`, headers: { accept: 'application/json' } });
  expect(res.statusCode, res.body).toBe(200);
  const c = await connect(res.json().ticket as string);
  await c.welcome();
  return c;
}
const until = (check: () => Promise<boolean>, ms = 3000) => pollUntil(check, ms);
async function bjyRoom(creds: TenantCredentials, title: string) {
  const { json } = await bjy(env, creds, '/openapi/room/create', { title, start_time: nowSeconds() + 60, end_time: nowSeconds() + 3600 });
  expect(json.code).toBe(0);
  return json.data as { room_id: number | string; admin_code: string; teacher_code: string; student_code: string };
}
const roomRow = async (creds: TenantCredentials, numericId: string | number) => (await env.services.rooms.find(creds.tenant.id, { numericId: String(numericId) }))!;
const sessionCookie = (res: LightMyRequestResponse) => {
  const header = String(res.headers['set-cookie']);
  return header.split(';')[0];
};

describe('operator API: who may use it', () => {
  it('answers 401 without a credential, and 401 for a wrong or malformed one', async () => {
    const none = await api('/admin/api/tenants');
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(none.json()).toMatchObject({ error: 'unauthorized' });
    expect(none.json().message).toMatch(/admin token/);
    expect((await api('/admin/api/tenants', { token: 'not-the-token-at-all' })).statusCode).toBe(401);
    const basic = await app.inject({ url: '/admin/api/tenants', headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` } });
    expect(basic.statusCode).toBe(401);
    expect(basic.json().message).toMatch(/Bearer/);
    // Every route is behind the check, before its parameters are looked at.
    expect((await api('/admin/api/tenants/nonsense/rooms?pageSize=0')).statusCode).toBe(401);
    expect((await api(`/admin/api/tenants/${schoolA.tenant.id}/rooms/x/observe`, { method: 'POST' })).statusCode).toBe(401);
  });

  it('accepts the stored token as a bearer token; the token is created once and shared', async () => {
    const t = await token();
    expect(t).toMatch(/^[\w-]{32}$/);
    expect(await token()).toBe(t);
    const res = await api('/admin/api/session', { token: t });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ authenticated: true, via: 'bearer', expiresAt: null });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('POST /admin/login sets an HttpOnly, SameSite=Strict session cookie for /admin; a forged or expired cookie is refused', async () => {
    const wrong = await api('/admin/login', { method: 'POST', payload: { token: 'wrong-token-wrong-token' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const login = await api('/admin/login', { method: 'POST', payload: { token: await token() } });
    expect(login.statusCode).toBe(200);
    const setCookie = String(login.headers['set-cookie']);
    expect(setCookie).toMatch(/^lectern_admin=\d+\.[\w-]+; Path=\/admin; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    const cookie = sessionCookie(login);
    const session = await api('/admin/api/session', { cookie });
    expect(session.json()).toMatchObject({ authenticated: true, via: 'cookie' });
    expect(session.json().expiresAt).toBeGreaterThan(Date.now() + 11 * 3600_000);
    expect((await api('/admin/api/tenants', { cookie: `other=1; ${cookie}` })).statusCode).toBe(200);

    // A form login (no JavaScript) works the same.
    const form = await app.inject({ method: 'POST', url: '/admin/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${encodeURIComponent(await token())}` });
    expect(form.statusCode).toBe(200);

    const [expiry, mac] = cookie.slice('lectern_admin='.length).split('.');
    const forged = `lectern_admin=${Number(expiry) + 3600_000}.${mac}`;
    expect((await api('/admin/api/session', { cookie: forged, ip: '198.51.100.1' })).statusCode).toBe(401);
    const past = Date.now() - 1000;
    const expired = `lectern_admin=${past}.${createHmac('sha256', await token()).update(`lectern-admin-session:${past}`).digest('base64url')}`;
    const stale = await api('/admin/api/session', { cookie: expired });
    expect(stale.statusCode).toBe(401);
    expect(stale.json().message).toMatch(/expired/);

    const logout = await api('/admin/logout', { method: 'POST', cookie });
    expect(logout.statusCode).toBe(204);
    expect(String(logout.headers['set-cookie'])).toMatch(/^lectern_admin=; Path=\/admin; .*Max-Age=0/);
  });

  it('rate-limits wrong tokens per address: then even the right one is refused there, other addresses are not affected', async () => {
    const ip = '203.0.113.77';
    for (let i = 0; i < 10; i++) expect((await api('/admin/api/tenants', { token: `guess-${i}-xxxxxxxxxxxx`, ip })).statusCode).toBe(401);
    const blocked = await api('/admin/api/tenants', { token: await token(), ip });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBe('60');
    expect(blocked.json()).toMatchObject({ error: 'rate_limited' });
    expect((await api('/admin/login', { method: 'POST', payload: { token: await token() }, ip })).statusCode).toBe(429);
    expect((await api('/admin/api/tenants', { token: await token(), ip: '203.0.113.78' })).statusCode).toBe(200);
  });

  it('a rotated token ends the old token and every session signed with it', async () => {
    const old = await token();
    const cookie = sessionCookie(await api('/admin/login', { method: 'POST', payload: { token: old } }));
    expect((await api('/admin/api/session', { cookie })).statusCode).toBe(200);
    const fresh = await rotateAdminToken(env.services.db);
    expect(fresh).not.toBe(old);
    expect((await api('/admin/api/session', { token: old })).statusCode).toBe(401);
    expect((await api('/admin/api/session', { cookie, ip: '198.51.100.2' })).statusCode).toBe(401);
    expect((await api('/admin/api/session', { token: fresh })).statusCode).toBe(200);
  });

  it('LECTERN_ADMIN_TOKEN, when set, is the token (the stored one is not accepted); a short one is refused at start', async () => {
    const envToken = 'env-admin-token-0123456789';
    const other = await buildApp({ config: { ...env.config, ...loadConfig({ LECTERN_ADMIN_TOKEN: envToken }), dataDir: env.config.dataDir, databaseUrl: env.config.databaseUrl, databaseSchema: env.config.databaseSchema, logLevel: 'silent' }, services: env.services, logger: false });
    try {
      const as = (t: string) => other.inject({ url: '/admin/api/session', headers: { authorization: `Bearer ${t}` } });
      expect((await as(envToken)).statusCode).toBe(200);
      expect((await as(await token())).statusCode).toBe(401);
    } finally {
      await other.close();
    }
    expect(() => loadConfig({ LECTERN_ADMIN_TOKEN: 'short' })).toThrow(/at least 16 characters/);
  });
});

describe('operator API: what it shows', () => {
  let roomA: Awaited<ReturnType<typeof bjyRoom>>;
  let rowA: RoomRow;
  let webcastA: RoomRow;
  let roomB: Awaited<ReturnType<typeof bjyRoom>>;
  let rowB: RoomRow;

  beforeAll(async () => {
    roomA = await bjyRoom(schoolA, 'Algebra live');
    rowA = await roomRow(schoolA, roomA.room_id);
    const created = (await gensee(env, schoolA, '/integration/site/webcast/created', { subject: 'Quiet webcast', startTime: Date.now(), organizerToken: '111111', panelistToken: '222222' })).json;
    expect(created.code).toBe('0');
    webcastA = (await env.services.rooms.find(schoolA.tenant.id, { publicId: created.id as string }))!;
    roomB = await bjyRoom(schoolB, 'Other school room');
    rowB = await roomRow(schoolB, roomB.room_id);
  });

  it("lists tenants with their public identifiers, counts, and none of their secrets", async () => {
    const { tenants } = await get<{ tenants: TenantView[] }>('/admin/api/tenants');
    const a = tenants.find((t) => t.id === schoolA.tenant.id)!;
    expect(a).toMatchObject({ name: 'Admin School A', demo: false, rooms: 2, liveRooms: 0, peopleInside: 0 });
    expect(a.identifiers).toEqual(expect.arrayContaining([
      { scheme: 'baijiayun', keyId: schoolA.baijiayun.partner_id },
      { scheme: 'cc', keyId: schoolA.cc.userid },
      expect.objectContaining({ keyId: schoolA.gensee.site }),
    ]));
    expect(tenants.find((t) => t.id === schoolB.tenant.id)).toMatchObject({ name: 'Admin School B', rooms: 1 });
    expect((await get<{ tenant: TenantView }>(`/admin/api/tenants/${schoolB.tenant.id}`)).tenant.rooms).toBe(1);
  });

  it("shows a tenant's rooms with every dialect's id, and which are live now with who is inside by role", async () => {
    const teacher = await enterByCode(roomA.teacher_code, 'Ms Li');
    await enterByCode(roomA.student_code, 'Ann');
    await enterByCode(roomA.student_code, 'Bo');
    await enterByCode(roomA.admin_code, 'Helper');
    await teacher.ok({ type: 'class.start' });

    const listing = await get<{ total: number; page: number; pageSize: number; rooms: RoomView[] }>(`/admin/api/tenants/${schoolA.tenant.id}/rooms`);
    expect(listing).toMatchObject({ total: 2, page: 1, pageSize: 50 });
    // Newest first.
    expect(listing.rooms.map((r) => r.title)).toEqual(['Quiet webcast', 'Algebra live']);
    const live = listing.rooms[1];
    expect(live).toMatchObject({
      tenantId: schoolA.tenant.id, id: rowA.public_id, ccRoomId: rowA.public_id.toUpperCase(), baijiayunRoomId: String(roomA.room_id), number: rowA.number,
      kind: rowA.kind, status: 'live', phase: 'live', deleted: false,
      present: { total: 4, byRole: { host: 1, student: 2, assistant: 1 } },
      observeUrl: `/admin/observe/${schoolA.tenant.id}/${rowA.public_id}`,
    });
    expect(live.live?.sessionId).toMatch(/^[0-9A-F]{16}$/);
    expect(listing.rooms[0]).toMatchObject({ id: webcastA.public_id, phase: 'idle', live: null, present: { total: 0, byRole: {} } });

    expect((await get<{ rooms: RoomView[] }>(`/admin/api/tenants/${schoolA.tenant.id}/rooms?phase=live`)).rooms.map((r) => r.id)).toEqual([rowA.public_id]);
    expect((await get<{ rooms: RoomView[] }>(`/admin/api/tenants/${schoolA.tenant.id}/rooms?phase=idle,terminated`)).rooms.map((r) => r.id)).toEqual([webcastA.public_id]);
    const paged = await get<{ total: number; rooms: RoomView[] }>(`/admin/api/tenants/${schoolA.tenant.id}/rooms?page=2&pageSize=1`);
    expect([paged.total, paged.rooms.map((r) => r.id)]).toEqual([2, [rowA.public_id]]);

    const { rooms: liveNow } = await get<{ rooms: Array<RoomView & { tenantName: string }> }>('/admin/api/live');
    expect(liveNow.map((r) => r.id)).toContain(rowA.public_id);
    expect(liveNow.find((r) => r.id === rowA.public_id)).toMatchObject({ tenantName: 'Admin School A', present: { total: 4 } });
    expect(liveNow.map((r) => r.id)).not.toContain(rowB.public_id);
    expect(liveNow.map((r) => r.id)).not.toContain(webcastA.public_id);

    const { tenants } = await get<{ tenants: TenantView[] }>('/admin/api/tenants');
    expect(tenants.find((t) => t.id === schoolA.tenant.id)).toMatchObject({ liveRooms: 1, peopleInside: 4 });
    expect(tenants.find((t) => t.id === schoolB.tenant.id)).toMatchObject({ liveRooms: 0, peopleInside: 0 });

    // The same room by its Baijiayun room_id and by its number.
    for (const ref of [rowA.public_id, String(roomA.room_id), rowA.number]) {
      expect((await get<{ room: RoomView }>(`/admin/api/tenants/${schoolA.tenant.id}/rooms/${ref}`)).room.id).toBe(rowA.public_id);
    }

    // Someone leaves: the counts follow.
    await teacher.close();
    await until(async () => (await get<{ room: RoomView }>(`/admin/api/tenants/${schoolA.tenant.id}/rooms/${rowA.public_id}`)).room.present.total === 3);
    expect((await get<{ room: RoomView }>(`/admin/api/tenants/${schoolA.tenant.id}/rooms/${rowA.public_id}`)).room.present.byRole).toEqual({ student: 2, assistant: 1 });
  });

  it('lists recent sessions with start, end, people and peak, per tenant and per room', async () => {
    const room = await bjyRoom(schoolA, 'Session room');
    const row = await roomRow(schoolA, room.room_id);
    const teacher = await enterByCode(room.teacher_code, 'T');
    await teacher.ok({ type: 'class.start' });
    const s1 = await enterByCode(room.student_code, 'S1');
    const s2 = await enterByCode(room.student_code, 'S2');
    await s1.close();
    await until(async () => (await env.services.presence.ofRoom(row.id)).present === 2);
    await enterByCode(room.student_code, 'S3');
    await s2.close();
    await teacher.ok({ type: 'class.end' });

    const { sessions } = await get<{ sessions: SessionView[] }>(`/admin/api/tenants/${schoolA.tenant.id}/sessions`);
    const latest = sessions[0];
    expect(latest.room).toEqual({ id: row.public_id, title: 'Session room', number: row.number, baijiayunRoomId: String(room.room_id) });
    expect(latest).toMatchObject({ participants: 4, peak: { peak: 3 } });
    expect(latest.endedAt).toBeGreaterThanOrEqual(latest.startedAt);
    expect(latest.peak.at).toBeGreaterThanOrEqual(latest.startedAt);
    // The still-open session of the first room is there too, newest first.
    expect(sessions.map((s) => s.room.title)).toEqual(['Session room', 'Algebra live']);
    expect(sessions[1].endedAt).toBeNull();

    const detail = await get<{ room: RoomView; sessions: SessionView[] }>(`/admin/api/tenants/${schoolA.tenant.id}/rooms/${row.public_id}?limit=5`);
    expect(detail.room).toMatchObject({ status: 'ended', phase: 'idle', live: null });
    expect(detail.sessions.map((s) => s.id)).toEqual([latest.id]);
    expect((await get<{ sessions: SessionView[] }>(`/admin/api/tenants/${schoolA.tenant.id}/sessions?limit=1`)).sessions).toHaveLength(1);
    expect((await get<{ sessions: SessionView[] }>(`/admin/api/tenants/${schoolB.tenant.id}/sessions`)).sessions).toEqual([]);
  });

  it("never shows one tenant's room under another tenant", async () => {
    const asB = `/admin/api/tenants/${schoolB.tenant.id}`;
    const listing = await get<{ rooms: RoomView[] }>(`${asB}/rooms`);
    expect(listing.rooms.map((r) => r.id)).toEqual([rowB.public_id]);
    const t = await token();
    for (const ref of [rowA.public_id, String(roomA.room_id), rowA.number]) {
      const res = await api(`${asB}/rooms/${ref}`, { token: t });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: 'not_found' });
      expect((await api(`${asB}/rooms/${ref}/observe`, { token: t, method: 'POST' })).statusCode).toBe(404);
    }
  });

  it('answers bad parameters with 400 invalid and unknown things with 404, as JSON', async () => {
    const t = await token();
    const bad = await api(`/admin/api/tenants/${schoolA.tenant.id}/rooms?pageSize=0`, { token: t });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'invalid' });
    expect(bad.json().message).toMatch(/pageSize/);
    expect((await api(`/admin/api/tenants/${schoolA.tenant.id}/rooms?phase=asleep`, { token: t })).json()).toMatchObject({ error: 'invalid' });
    expect((await api('/admin/api/tenants/not-a-tenant-id/rooms', { token: t })).statusCode).toBe(400);
    const unknown = await api(`/admin/api/tenants/${'0'.repeat(32)}/rooms`, { token: t });
    expect([unknown.statusCode, unknown.json().error]).toEqual([404, 'not_found']);
    expect((await api(`/admin/api/tenants/${schoolA.tenant.id}/rooms/nope`, { token: t })).statusCode).toBe(404);
    expect((await api('/admin/api/nothing-here', { token: t })).statusCode).toBe(404);
  });

  it('an observer sees the whole room, private chat included, is listed nowhere, and may send nothing', async () => {
    const created = (await gensee(env, schoolA, '/integration/site/webcast/created', {
      subject: 'Observed webcast', startTime: Date.now(), organizerToken: '111111', panelistToken: '222222', attendeeToken: '333333',
    })).json;
    const row = (await env.services.rooms.find(schoolA.tenant.id, { publicId: created.id as string }))!;
    const teacher = await enterByLink(created.organizerJoinUrl, 'nickname=Ms%20Wu');
    await teacher.ok({ type: 'class.start' });
    const ann = await enterByLink(created.attendeeJoinUrl, 'nickname=Ann&token=333333&uid=2001');

    const t = await token();
    const res = await api(`/admin/api/tenants/${schoolA.tenant.id}/rooms/${row.public_id}/observe`, { token: t, method: 'POST', payload: { name: 'Ops desk' } });
    expect(res.statusCode, res.body).toBe(200);
    const observe = res.json() as { room: { id: string; title: string }; role: string; name: string; ticket: string; ws: string };
    expect(observe).toMatchObject({ room: { id: row.public_id, title: 'Observed webcast' }, role: 'observer', name: 'Ops desk' });
    expect(observe.ws).toBe(`/live/ws?ticket=${encodeURIComponent(observe.ticket)}`);

    const watcher = await connect(observe.ticket);
    const welcome = await watcher.welcome();
    expect(welcome).toMatchObject({ role: 'observer', participantId: null, name: 'Ops desk', room: { id: row.public_id, classStarted: true, counts: { host: 1, student: 1 } } });
    expect(welcome.room.present.map((p) => p.name)).toEqual(['Ms Wu', 'Ann']);

    const teacherId = (await teacher.welcome()).participantId!;
    await ann.ok({ type: 'chat', content: 'only for the teacher', to: teacherId });
    await ann.ok({ type: 'chat', content: 'hello all' });
    await ann.ok({ type: 'hand.raise' });
    await watcher.waitForEvent('chat.sent', (d) => d.content === 'only for the teacher');
    await watcher.waitForEvent('hand.raised');
    // A later arrival does not see the observer either.
    const bob = await enterByLink(created.attendeeJoinUrl, 'nickname=Bob&token=333333&uid=2002');
    expect((await bob.welcome()).room.present.map((p) => p.name)).toEqual(['Ms Wu', 'Ann', 'Bob']);
    await watcher.waitForEvent('participant.joined', (d) => d.name === 'Bob');

    for (const cmd of [{ type: 'chat', content: 'hi' }, { type: 'class.end' }, { type: 'hand.raise' }]) {
      const answer = await watcher.call(cmd);
      expect(answer).toMatchObject({ type: 'error', code: 'forbidden' });
    }
    // The admin API counts people, not observers.
    expect((await get<{ room: RoomView }>(`/admin/api/tenants/${schoolA.tenant.id}/rooms/${row.public_id}`)).room.present).toEqual({ total: 3, byRole: { host: 1, student: 2 } });

    await teacher.ok({ type: 'class.end' });
    await watcher.waitForEvent('session.ended');
    const names = (await env.services.db.selectFrom('participations').select('name').where('room_id', '=', row.id).execute()).map((r) => r.name);
    expect(names.sort()).toEqual(['Ann', 'Bob', 'Ms Wu']);
    const participants = await env.services.db.selectFrom('participants').select('external_key').where('tenant_id', '=', schoolA.tenant.id).execute();
    expect(participants.filter((p) => p.external_key.startsWith('observer:'))).toEqual([]);
    // The vendor's export of the session lists the three people and not the observer.
    const history = (await gensee(env, schoolA, '/integration/site/webcast/export/history', { webcastId: row.public_id })).json;
    expect(history.code).toBe('0');
    expect((history.list as Array<{ nickname: string }>).map((r) => r.nickname).sort()).toEqual(['Ann', 'Bob', 'Ms Wu']);
    const stats = (await get<{ sessions: SessionView[] }>(`/admin/api/tenants/${schoolA.tenant.id}/rooms/${row.public_id}`)).sessions[0];
    expect(stats).toMatchObject({ participants: 3, peak: { peak: 3 } });
    await watcher.close();
  });

  it('observer tickets come only from the operator API: a role code or forged role never yields one', async () => {
    const enter = await app.inject({ method: 'POST', url: '/enter', payload: { code: roomA.student_code, name: 'Sneaky', role: 'observer' } });
    expect(enter.json().role).toBe('student');
    const claims = JSON.parse(Buffer.from((enter.json().ticket as string).split('.')[0], 'base64url').toString()) as Record<string, unknown>;
    const [, mac] = (enter.json().ticket as string).split('.');
    const forgedBody = Buffer.from(JSON.stringify({ ...claims, role: 'observer' })).toString('base64url');
    const forged = await connect(`${forgedBody}.${mac}`);
    expect(await forged.waitFor((m) => m.type === 'error')).toMatchObject({ code: 'bad_ticket' });
  });

  it('no answer of the operator API carried a tenant secret', () => {
    const secrets = [schoolA, schoolB].flatMap((s) => [s.baijiayun.partner_key, s.cc.api_key, s.gensee.password]).filter((s) => s && s.length >= 6);
    expect(secrets.length).toBeGreaterThanOrEqual(6);
    expect(answers.length).toBeGreaterThan(20);
    for (const body of answers) for (const secret of secrets) expect(body).not.toContain(secret);
  });
});

describe('the page', () => {
  it('serves /admin and the observer links from the built front end, or says how to build it', async () => {
    const bare = Fastify({ logger: false });
    await bare.register(adminPage({ services: env.services, entry: undefined as never, adminToken: undefined, webRoot: '/nonexistent/lectern-web' }));
    const res = await bare.inject({ url: '/admin' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toMatch(/npm run build/);
    await bare.close();
  });
});

// Each CLI run starts a Node process with tsx: seconds on an idle machine, far more on a loaded one.
const CLI_TIMEOUT = 180_000;

describe('lectern admin-token', () => {
  it('prints the stored token (the one the server accepts), the same each time; --rotate replaces it', async () => {
    const first = await runCli(['admin-token'], env.dbEnv);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const printed = first.stdout.trim();
    expect(printed).toBe(await token());
    expect((await api('/admin/api/session', { token: printed })).statusCode).toBe(200);
    expect((await runCli(['admin-token', '--json'], env.dbEnv)).stdout.trim()).toBe(JSON.stringify({ token: printed, source: 'database' }));

    const rotated = await runCli(['admin-token', '--rotate'], env.dbEnv);
    expect(rotated.code).toBe(0);
    const fresh = rotated.stdout.trim();
    expect(fresh).not.toBe(printed);
    // The running server takes the new token at once, and drops the old one.
    expect((await api('/admin/api/session', { token: fresh })).statusCode).toBe(200);
    expect((await api('/admin/api/session', { token: printed, ip: '198.51.100.9' })).statusCode).toBe(401);
  }, CLI_TIMEOUT);

  it('with LECTERN_ADMIN_TOKEN set, prints that token and says so; refuses to rotate', async () => {
    const envToken = 'from-the-environment-123456';
    const shown = await runCli(['admin-token'], { ...env.dbEnv, LECTERN_ADMIN_TOKEN: envToken });
    expect([shown.code, shown.stdout.trim()]).toEqual([0, envToken]);
    expect(shown.stderr).toMatch(/LECTERN_ADMIN_TOKEN is set/);
    const rotate = await runCli(['admin-token', '--rotate'], { ...env.dbEnv, LECTERN_ADMIN_TOKEN: envToken });
    expect(rotate.code).toBe(1);
    expect(rotate.stderr).toMatch(/change the variable/);
    expect(rotate.stderr).not.toMatch(/at .*\.ts/);
  }, CLI_TIMEOUT);
});
