import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { bjy, createTestEnv, newTenant, nowSeconds, type TestEnv, until as pollUntil } from '../../test/harness.js';
import type { TenantCredentials } from '../dialects/provision.js';
import { buildApp } from '../server/app.js';
import { LiveClient } from '../../test/live-client.js';
import { MAX_FRAME_BYTES } from './protocol.js';
import { DEFAULT_GRACE_MS, DEFAULT_HEARTBEAT_MS, LiveGateway } from './gateway.js';
import { LiveEntry } from './entry.js';
import { TicketSigner } from './tickets.js';

let env: TestEnv;
let app: FastifyInstance;
let base: string;
let school: TenantCredentials;
const clients: LiveClient[] = [];

beforeAll(async () => {
  env = await createTestEnv();
  app = await buildApp({ config: env.config, services: env.services, logger: false, live: { graceMs: 2000, heartbeatMs: 500, framesPerSecond: 10 } });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  school = await newTenant(env, 'Gateway School');
});
afterAll(async () => {
  for (const c of clients) await c.close();
  await app.close();
  await env.close();
});

async function newRoom(extra: Record<string, string | number> = {}) {
  const { json } = await bjy(env, school, '/openapi/room/create', { title: 'Gateway', start_time: nowSeconds() + 60, end_time: nowSeconds() + 3600, ...extra });
  expect(json.code).toBe(0);
  const codes = json.data as { room_id: string; teacher_code: string; student_code: string };
  const row = (await env.services.rooms.find(school.tenant.id, { numericId: String(codes.room_id) }))!;
  return { ...codes, row };
}
async function ticketFor(code: string, name: string, extra: Record<string, string> = {}): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/enter', payload: { code, name, ...extra } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().ticket as string;
}
async function connect(ticket: string, extra = ''): Promise<LiveClient> {
  const c = await LiveClient.connect(base, `ticket=${encodeURIComponent(ticket)}${extra}`);
  clients.push(c);
  return c;
}
const openIntervals = (roomId: number) => env.services.db.selectFrom('participations').select(['name', 'left_at'])
  .where('room_id', '=', roomId).orderBy('id').execute();
const until = (check: () => Promise<boolean>, ms = 8000) => pollUntil(check, ms);

describe('bad frames get an error frame; the connection goes on', () => {
  it('malformed, unknown, invalid, binary, oversized and too many frames', async () => {
    const room = await newRoom();
    const s = await connect(await ticketFor(room.student_code, 'Sam'));
    await s.welcome();
    const errors = () => s.received.filter((m) => m.type === 'error');
    s.ws.send('{not json');
    await s.waitFor((m) => m.type === 'error' && m.code === 'malformed');
    expect(await s.call({ type: 'teleport' })).toMatchObject({ type: 'error', code: 'unknown_type' });
    expect(await s.call({ type: 'chat', content: '' })).toMatchObject({ type: 'error', code: 'invalid', message: expect.stringContaining('content') });
    expect(await s.call({ type: 'poll.answer', pollId: -1, answers: {} })).toMatchObject({ type: 'error', code: 'invalid' });
    s.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    await s.waitFor((m) => m.type === 'error' && m.message.includes('binary'));
    s.ws.send(JSON.stringify({ type: 'chat', content: 'x'.repeat(MAX_FRAME_BYTES) }));
    await s.waitFor((m) => m.type === 'error' && m.code === 'too_large');
    expect(errors()).toHaveLength(6);
    // Still connected, and still heard.
    expect(await s.call({ type: 'chat', content: 'still here' })).toMatchObject({ type: 'ack' });
    await new Promise((r) => setTimeout(r, 1100));
    for (let i = 0; i < 15; i++) s.ws.send(JSON.stringify({ type: 'hand.raise' }));
    await s.waitFor((m) => m.type === 'error' && m.code === 'rate_limited');
    await new Promise((r) => setTimeout(r, 1100));
    expect(await s.call({ type: 'chat', content: 'after the burst' })).toMatchObject({ type: 'ack' });
    const hands = await env.services.db.selectFrom('hand_raises').select('id').where('room_id', '=', room.row.id).execute();
    expect(hands).toHaveLength(10);
  });
});

describe('roles are enforced on the server', () => {
  it('a student cannot start class, publish a poll, answer questions, mute or remove', async () => {
    const room = await newRoom();
    const s = await connect(await ticketFor(room.student_code, 'Stu'));
    await s.welcome();
    for (const cmd of [{ type: 'class.start' }, { type: 'poll.publish', title: 'x', questions: [{ type: 'single', content: 'q', options: [{ value: 'a' }, { value: 'b' }] }] },
      { type: 'answer', questionId: 1, content: 'a' }, { type: 'announce', content: 'hi' }, { type: 'mute', participantId: 1 }, { type: 'remove', participantId: 1 }]) {
      expect(await s.call(cmd)).toMatchObject({ type: 'error', code: 'forbidden' });
    }
    expect(await env.services.ingestion.openSession(room.row)).toBeUndefined();
    expect(await env.services.db.selectFrom('polls').select('id').where('room_id', '=', room.row.id).execute()).toEqual([]);
  });

  it('a muted student cannot chat; a removed one is disconnected and their interval ends', async () => {
    const room = await newRoom();
    const t = await connect(await ticketFor(room.teacher_code, 'Teach'));
    await t.welcome();
    const s = await connect(await ticketFor(room.student_code, 'Noisy'));
    const sid = (await s.welcome()).participantId;
    await t.ok({ type: 'mute', participantId: sid });
    await s.waitForEvent('participant.muted');
    expect(await s.call({ type: 'chat', content: 'hey' })).toMatchObject({ type: 'error', code: 'forbidden', message: expect.stringContaining('muted') });
    await t.ok({ type: 'remove', participantId: sid });
    await new Promise((r) => s.ws.once('close', r));
    expect(s.closeCode).toBe(4004);
    expect((await openIntervals(room.row.id)).find((r) => r.name === 'Noisy')?.left_at).not.toBeNull();
  });
});

describe('one room never reaches into another', () => {
  it("ids of another tenant's room are not found, and nothing is written there", async () => {
    const other = await newTenant(env, 'Other School');
    const { json } = await bjy(env, other, '/openapi/room/create', { title: 'Theirs', start_time: nowSeconds() + 60, end_time: nowSeconds() + 3600 });
    const theirs = json.data as { teacher_code: string; student_code: string };
    const theirTeacher = await connect(await ticketFor(theirs.teacher_code, 'Their teacher'));
    const theirTeacherId = (await theirTeacher.welcome()).participantId;
    const { pollId } = await theirTeacher.ok({ type: 'poll.publish', title: 'Private', questions: [{ type: 'single', content: 'q', options: [{ value: 'a' }, { value: 'b' }] }] });
    const { rollcallId } = await theirTeacher.ok({ type: 'rollcall.start' });
    const { questionId } = await theirTeacher.ok({ type: 'ask', content: 'theirs' });

    const mine = await newRoom();
    const t = await connect(await ticketFor(mine.teacher_code, 'My teacher'));
    await t.welcome();
    const s = await connect(await ticketFor(mine.student_code, 'Mine'));
    await s.welcome();
    expect(await s.call({ type: 'poll.answer', pollId, answers: { 1: [1] } })).toMatchObject({ code: 'not_found' });
    expect(await s.call({ type: 'rollcall.answer', rollcallId })).toMatchObject({ code: 'not_found' });
    expect(await s.call({ type: 'chat', content: 'hi', to: theirTeacherId })).toMatchObject({ code: 'not_found' });
    expect(await t.call({ type: 'answer', questionId, content: 'mine now' })).toMatchObject({ code: 'not_found' });
    expect(await t.call({ type: 'reward', to: theirTeacherId })).toMatchObject({ code: 'not_found' });
    expect(await t.call({ type: 'remove', participantId: theirTeacherId })).toMatchObject({ code: 'not_found' });
    expect(await env.services.db.selectFrom('poll_responses').select('id').where('poll_id', '=', Number(pollId)).execute()).toEqual([]);
    expect(await env.services.db.selectFrom('rollcall_responses').select('id').where('rollcall_id', '=', Number(rollcallId)).execute()).toEqual([]);
    expect((await env.services.db.selectFrom('questions').select('answer').where('id', '=', Number(questionId)).executeTakeFirstOrThrow()).answer).toBeNull();
    expect(theirTeacher.events('chat.sent')).toEqual([]);
  });
});

describe('admission at the WebSocket', () => {
  it('a full room refuses the next student with room_full; teachers still get in', async () => {
    const room = await newRoom({ max_users: 1 });
    await env.services.db.updateTable('rooms').set({ max_attendees: 1 }).where('id', '=', room.row.id).execute();
    const first = await connect(await ticketFor(room.student_code, 'First'));
    await first.welcome();
    const res = await app.inject({ method: 'POST', url: '/enter', payload: { code: room.student_code, name: 'Second' } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'room_full', message: expect.stringContaining('at most 1') });
    // A ticket taken while there was room is checked again when the socket joins.
    await first.close();
    await until(async () => (await openIntervals(room.row.id)).every((r) => r.left_at !== null));
    const late = await ticketFor(room.student_code, 'Late');
    const again = await connect(await ticketFor(room.student_code, 'Again'));
    await again.welcome();
    const refused = await connect(late);
    expect(await refused.waitFor((m) => m.type === 'error')).toMatchObject({ code: 'room_full' });
    const t = await connect(await ticketFor(room.teacher_code, 'T'));
    await t.welcome();
  });

  it('a forged ticket is refused; the server goes on', async () => {
    const room = await newRoom();
    const good = await ticketFor(room.student_code, 'Real');
    const [body, mac] = good.split('.');
    const forged = `${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), role: 'host' })).toString('base64url')}.${mac}`;
    const c = await connect(forged);
    expect(await c.waitFor((m) => m.type === 'error')).toMatchObject({ code: 'bad_ticket', message: expect.stringContaining('bad signature') });
    const ok = await connect(good);
    expect(await ok.welcome()).toMatchObject({ role: 'student' });
  });
});

describe('reconnecting', () => {
  it('resume replays missed events in order and records no second join within the grace period', async () => {
    const room = await newRoom();
    const t = await connect(await ticketFor(room.teacher_code, 'T'));
    await t.welcome();
    const s = await connect(await ticketFor(room.student_code, 'Wanderer'));
    const welcome = await s.welcome();
    await s.ok({ type: 'chat', content: 'before' });
    const seen = (await s.waitForEvent('chat.sent')) as { seq: number };
    await s.close();
    await t.ok({ type: 'chat', content: 'missed 1' });
    await t.ok({ type: 'chat', content: 'missed 2' });
    const back = await connect(welcome.ticket, `&resume=${seen.seq}`);
    expect((await back.welcome()).participantId).toBe(welcome.participantId);
    await back.waitFor((m) => m.type === 'event' && m.event.type === 'chat.sent' && (m.event.data as { content: string }).content === 'missed 2');
    expect(back.events('chat.sent').map((m) => (m.event.data as { content: string }).content)).toEqual(['missed 1', 'missed 2']);
    const rows = (await openIntervals(room.row.id)).filter((r) => r.name === 'Wanderer');
    expect(rows).toHaveLength(1);
    expect(rows[0].left_at).toBeNull();
    // Past the grace period, leaving is recorded.
    await back.close();
    await until(async () => (await openIntervals(room.row.id)).find((r) => r.name === 'Wanderer')!.left_at !== null);
  });

  it('a client that vanishes without closing leaves once it misses heartbeats', async () => {
    const room = await newRoom();
    const s = await LiveClient.connect(base, `ticket=${encodeURIComponent(await ticketFor(room.student_code, 'Ghost'))}`, { silent: true });
    clients.push(s);
    // Alive while joining (a slow machine may take a few heartbeats), then silent, as a dead network is.
    let answering = true;
    s.ws.on('ping', () => { if (answering) s.ws.pong(); });
    await s.welcome();
    answering = false;
    const silentAt = Date.now();
    await until(async () => (await openIntervals(room.row.id)).find((r) => r.name === 'Ghost')!.left_at !== null, 8000);
    const leftAt = (await openIntervals(room.row.id)).find((r) => r.name === 'Ghost')!.left_at!;
    // At most two heartbeats (the missed ping, then the drop) and the grace period, plus timer lag on a loaded machine.
    expect(leftAt - silentAt).toBeLessThanOrEqual(2 * 500 + 2000 + 1500);
  });

  it("with the default timings a vanished client's leave is recorded within 30 s", async () => {
    const tickets = new TicketSigner(Buffer.alloc(32, 1));
    const gateway = new LiveGateway({ services: env.services, entry: new LiveEntry(env.services, tickets), tickets });
    try {
      expect(gateway.heartbeatMs).toBe(DEFAULT_HEARTBEAT_MS);
      expect(gateway.graceMs).toBe(DEFAULT_GRACE_MS);
      expect(gateway.worstCaseLeaveMs).toBeLessThanOrEqual(30_000);
    } finally {
      await gateway.close();
    }
  });
});
