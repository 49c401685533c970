import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { bjy, cc, gensee, newTenant, nowSeconds, type TestEnv, until as pollUntil } from './harness.js';
import type { TenantCredentials } from '../src/dialects/provision.js';
import { LiveClient } from './live-client.js';
import { enterWithCode, startLiveServer, stopLiveServer } from './live-server.js';
import { startReceiver, OK, REFUSED, type Receiver } from './receiver.js';
import { configureAccount } from '../src/dialects/baijiayun/account.js';
import { T } from './training-rooms.js';

/**
 * The live runtime's entry rules and room state, driven through HTTP entry and the WebSocket:
 * entry checks, per-user codes, removal and mute, group codes and entry paths, the early-entry
 * window, live-status endpoints, and the vendor APIs that speak into the room.
 */
let env: TestEnv;
let app: FastifyInstance;
let base: string;
let school: TenantCredentials;
const clients: LiveClient[] = [];

beforeAll(async () => {
  ({ env, app, base, school } = await startLiveServer('Rules School', { graceMs: 100, heartbeatMs: 1000 }));
});
afterAll(() => stopLiveServer(env && { env, app }, clients));

interface Entered { status: number; body: { ticket?: string; role?: string; error?: string; message?: string } }

async function enter(fields: Record<string, string | number>): Promise<Entered> {
  const res = await app.inject({ method: 'POST', url: '/enter', payload: fields });
  return { status: res.statusCode, body: res.json() };
}
async function follow(url: string, query: string): Promise<Entered> {
  const u = new URL(url);
  const sep = u.search ? '&' : '?';
  const res = await app.inject({ url: `${u.pathname}${u.search}${sep}${query}`, headers: { accept: 'application/json' } });
  return { status: res.statusCode, body: res.json() };
}
async function connect(ticket: string, extra = ''): Promise<LiveClient> {
  const c = await LiveClient.connect(base, `ticket=${encodeURIComponent(ticket)}${extra}`);
  clients.push(c);
  return c;
}
async function join(fields: Record<string, string | number>): Promise<LiveClient> {
  const e = await enter(fields);
  expect(e.status, JSON.stringify(e.body)).toBe(200);
  const c = await connect(e.body.ticket!);
  await c.welcome();
  return c;
}
const until = (check: () => Promise<boolean>, ms = 5000) => pollUntil(check, ms);
/** The refusal a connection got: its error frame's code and the close code. */
async function refusal(c: LiveClient): Promise<[string, number]> {
  await c.waitFor(() => c.closeCode !== undefined || false, 5000).catch(() => undefined);
  await until(async () => c.closeCode !== undefined);
  const err = c.received.find((m) => m.type === 'error');
  return [err && err.type === 'error' ? err.code : 'none', c.closeCode!];
}

async function bjyRoom(creds: TenantCredentials, extra: Record<string, string | number> = {}) {
  const { json } = await bjy(env, creds, '/openapi/room/create', { title: 'Rules', start_time: nowSeconds() + 60, end_time: nowSeconds() + 3600, ...extra });
  expect(json.code, JSON.stringify(json)).toBe(0);
  return json.data as { room_id: number; teacher_code: string; admin_code: string; student_code: string };
}
const openIntervals = async (name: string) => env.services.db.selectFrom('participations').select(['id', 'participant_id', 'left_at', 'properties'])
  .where('name', '=', name).orderBy('id').execute();

describe('entry checks run before admission', () => {
  let receiver: Receiver;
  afterAll(async () => receiver?.close());

  it("Baijiayun third-party auth: the customer's server admits or refuses the entry, before any ticket", async () => {
    receiver = await startReceiver((req) => (req.form.access_key === 'paid' ? OK : REFUSED));
    const gated = await newTenant(env, 'Gated School');
    await configureAccount(env.services, gated.tenant.id, { enable: ['third-party-auth'], authUrl: receiver.url });
    const room = await bjyRoom(gated);
    const admitted = await enter({ code: room.student_code, name: 'Payer', access_key: 'paid' });
    expect(admitted.status).toBe(200);
    expect(receiver.received.at(-1)!.form).toEqual({ access_key: 'paid', room_id: String(room.room_id) });
    const refused = await enter({ code: room.student_code, name: 'Freeloader', access_key: 'unpaid' });
    expect(refused).toEqual({ status: 403, body: { error: 'refused', message: expect.stringContaining('错误信息') } });
    expect(receiver.received.at(-1)!.form.access_key).toBe('unpaid');
    // The admitted ticket works; the refused entry got none.
    const c = await connect(admitted.body.ticket!);
    expect((await c.welcome()).name).toBe('Payer');
  });
});

describe('a disabled account', () => {
  it('is refused at entry and at connect with a clear message; enabled again, its rooms open again', async () => {
    const other = await newTenant(env, 'Disabled School');
    const room = await bjyRoom(other);
    const before = await enter({ code: room.teacher_code, name: 'Early' });
    expect(before.status).toBe(200);
    const toggle = (disabled: boolean) => env.services.tenants.changeSettings(other.tenant.id, (current) => {
      const { disabled: _was, ...rest } = current;
      return disabled ? { ...rest, disabled: true } : rest;
    });
    await toggle(true);
    const refused = await enter({ code: room.teacher_code, name: 'Teacher' });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/account is disabled/);
    // A ticket issued before the account was disabled no longer connects.
    const late = await connect(before.body.ticket!);
    expect(await refusal(late)).toEqual(['refused', 4003]);
    await toggle(false);
    await join({ code: room.teacher_code, name: 'Teacher' });
  });
});

describe('one person per per-user code', () => {
  it('a second entrant with the same room/getcode code pushes the first out; one participation', async () => {
    const room = await bjyRoom(school);
    const { json } = await bjy(env, school, '/openapi/room/getcode', { room_id: room.room_id, user_number: 7001 });
    const code = json.data.student_code as string;
    const first = await enter({ code, name: 'Phone' });
    const a = await connect(first.body.ticket!);
    const aw = await a.welcome();
    const b = await join({ code, name: 'Laptop' });
    expect(await refusal(a)).toEqual(['replaced', 4005]);
    const bw = b.received.find((m) => m.type === 'welcome')!;
    expect(bw.type === 'welcome' && bw.participantId).toBe(aw.participantId);
    // The first entry's ticket no longer enters.
    expect(await refusal(await connect(aw.ticket))).toEqual(['replaced', 4005]);
    const rows = await env.services.db.selectFrom('participations').select(['id', 'left_at']).where('participant_id', '=', aw.participantId).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].left_at).toBeNull();
    await b.ok({ type: 'chat', content: 'still here' });
    await b.close();
    await until(async () => (await env.services.db.selectFrom('participations').select('left_at').where('participant_id', '=', aw.participantId).executeTakeFirstOrThrow()).left_at !== null);
  });
});

describe('removed participants stay out, muted ones stay muted', () => {
  it('mute survives a reconnect and the welcome says so; remove bans the identity from the room', async () => {
    const room = await bjyRoom(school);
    const teacher = await join({ code: room.teacher_code, name: 'Host' });
    const e = await enter({ code: room.student_code, name: 'Noisy', user_number: 8001 });
    const s = await connect(e.body.ticket!);
    const sw = await s.welcome();
    expect(sw.muted).toBe(false);
    await teacher.ok({ type: 'mute', participantId: sw.participantId });
    await s.waitForEvent('participant.muted');
    expect(await s.call({ type: 'chat', content: 'let me talk' })).toMatchObject({ type: 'error', code: 'forbidden' });
    await s.close();
    const again = await connect(sw.ticket, `&resume=${sw.room.lastSeq}`);
    const aw = await again.welcome();
    expect(aw.muted).toBe(true);
    expect(await again.call({ type: 'chat', content: 'now?' })).toMatchObject({ type: 'error', code: 'forbidden' });
    // A fresh entry through the code is the same person, still muted.
    await again.close();
    const fresh = await join({ code: room.student_code, name: 'Noisy', user_number: 8001 });
    expect((await fresh.welcome()).muted).toBe(true);
    await teacher.ok({ type: 'mute', participantId: sw.participantId, muted: false });
    await fresh.ok({ type: 'chat', content: 'thanks' });

    await teacher.ok({ type: 'remove', participantId: sw.participantId });
    expect(await refusal(fresh)).toEqual(['removed', 4004]);
    // Reconnecting with the old ticket, entering again by code: refused.
    expect(await refusal(await connect(aw.ticket))).toEqual(['removed', 4004]);
    expect(await enter({ code: room.student_code, name: 'Noisy', user_number: 8001 })).toEqual({ status: 403, body: { error: 'removed', message: expect.stringContaining('removed') } });
    // Someone else still enters.
    await join({ code: room.student_code, name: 'Quiet', user_number: 8002 });
    const chat = (await bjy(env, school, '/openapi/room_data/exportChatMsg', { room_id: room.room_id })).json;
    expect(chat.data.list.map((m: { content: string }) => m.content)).toEqual(['thanks']);
  });
});

describe('group-live codes and entry paths', () => {
  it('group codes enter at /enter and at /web/room/prepare; the group is recorded; a wrong room_id leads nowhere', async () => {
    const room = await bjyRoom(school, { type: 2, is_group_live: 1 });
    const made = (await bjy(env, school, '/openapi/room/createGroupLiveCodes', { room_id: room.room_id, number: 2 })).json;
    expect(made.code, JSON.stringify(made)).toBe(0);
    const g2 = made.data.student.find((g: { group_id: number }) => g.group_id === 2) as { url: string; code: string };
    const byUrl = await follow(g2.url, 'name=Gina');
    expect(byUrl.status, JSON.stringify(byUrl.body)).toBe(200);
    expect(byUrl.body.role).toBe('student');
    const gina = await connect(byUrl.body.ticket!);
    await gina.welcome();
    expect((await openIntervals('Gina')).map((r) => JSON.parse(r.properties).group)).toEqual([2]);
    const byCode = await enter({ code: made.data.admin[1].code, name: 'Group helper' });
    expect(byCode.status).toBe(200);
    expect(byCode.body.role).toBe('assistant');
    const other = await bjyRoom(school);
    expect((await follow(`http://x/web/room/prepare?room_id=${other.room_id}&code=${g2.code}`, 'name=Gina')).status).toBe(404);
    expect((await follow('http://x/web/room/prepare?room_id=1', 'name=Gina')).status).toBe(404);
  });

  it("a deleted Training room's links lead nowhere", async () => {
    const made = (await gensee(env, school, T('/room/created'), { subject: 'Soon gone', startDate: Date.now() })).json;
    expect(made.code).toBe('0');
    expect((await follow(made.studentJoinUrl, 'nickname=Early')).status).toBe(200);
    expect((await gensee(env, school, T('/room/deleted'), { roomId: made.id })).json.code).toBe('0');
    for (const url of [made.teacherJoinUrl, made.studentJoinUrl]) {
      const late = await follow(url, 'nickname=Late');
      expect(late.status, JSON.stringify(late.body)).toBe(404);
    }
  });
});

describe('students from the early-entry window on', () => {
  it("Baijiayun pre_enter_time opens the room to students; hosts enter any time; a started class admits everyone", async () => {
    const start = nowSeconds() + 3600;
    const room = await bjyRoom(school, { start_time: start, end_time: start + 3600, pre_enter_time: 600 });
    const early = await enter({ code: room.student_code, name: 'Eager' });
    expect(early).toEqual({ status: 403, body: { error: 'too_early', message: expect.stringContaining('students may enter from') } });
    const host = await join({ code: room.teacher_code, name: 'Prepared host' });
    expect((await enter({ code: room.admin_code, name: 'Assistant' })).status).toBe(200);
    await host.ok({ type: 'class.start' });
    expect((await enter({ code: room.student_code, name: 'Eager' })).status).toBe(200);

    const wide = await bjyRoom(school, { start_time: start, end_time: start + 3600, pre_enter_time: 7200 });
    expect((await enter({ code: wide.student_code, name: 'Eager' })).status).toBe(200);
  });

  it('a Gensee webcast (no window of its own) opens 30 minutes before its start', async () => {
    const later = (await gensee(env, school, '/integration/site/webcast/created', { organizerToken: '111111', panelistToken: '222222', subject: 'Tonight', startTime: Date.now() + 2 * 3600_000 })).json;
    expect((await follow(later.attendeeJoinUrl, 'nickname=Early')).body.error).toBe('too_early');
    expect((await follow(later.organizerJoinUrl, 'nickname=Host')).status).toBe(200);
    const soon = (await gensee(env, school, '/integration/site/webcast/created', { organizerToken: '111111', panelistToken: '222222', subject: 'Soon', startTime: Date.now() + 20 * 60_000 })).json;
    expect((await follow(soon.attendeeJoinUrl, 'nickname=Early')).status).toBe(200);
  });
});

describe('live-status endpoints reflect the room at once', () => {
  it('Baijiayun live status, teacher online and user count; Gensee status and ongoing; CC usercount', async () => {
    const room = await bjyRoom(school);
    const status = async (what: string) => (await bjy(env, school, `/openapi/live/${what}`, { room_id: room.room_id })).json.data;
    expect(await status('getTeacherOnlineStatus')).toEqual({ status: 0 });
    const teacher = await join({ code: room.teacher_code, name: 'Status host' });
    expect(await status('getTeacherOnlineStatus')).toEqual({ status: 1 });
    expect(await status('getLiveStatus')).toEqual({ status: 0 });
    const { sessionId } = await teacher.ok({ type: 'class.start' });
    expect(await status('getLiveStatus')).toEqual({ status: 1 });
    await join({ code: room.student_code, name: 'Counted 1' });
    await join({ code: room.student_code, name: 'Counted 2' });
    expect(await status('getUserCount')).toMatchObject({ user_count: 3 });
    expect((await cc(env, school, '/collect/live/usercount/', { liveid: String(sessionId) })).json.data).toEqual({ livecount: 3 });

    const training = (await gensee(env, school, T('/room/created'), { subject: 'Status training', startDate: Date.now() })).json;
    const trStatus = async () => (await gensee(env, school, T('/query/status'), { roomId: training.id })).json.status;
    expect(await trStatus()).toBe(0);
    const tr = await follow(training.teacherJoinUrl, 'nickname=Trainer');
    const trainer = await connect(tr.body.ticket!);
    await trainer.welcome();
    expect(await trStatus()).toBe(1);
    await trainer.ok({ type: 'class.start' });
    expect(await trStatus()).toBe(2);

    const webcast = (await gensee(env, school, '/integration/site/webcast/created', { organizerToken: '111111', panelistToken: '222222', subject: 'Status webcast', startTime: Date.now() })).json;
    const ongoing = async () => ((await gensee(env, school, '/integration/site/webcast/ongoing/page', { pageSize: 100 })).json.list ?? []).map((w: { id: string }) => w.id);
    expect(await ongoing()).not.toContain(webcast.id);
    const org = await connect((await follow(webcast.organizerJoinUrl, 'nickname=Caster')).body.ticket!);
    await org.welcome();
    await org.ok({ type: 'class.start' });
    expect(await ongoing()).toContain(webcast.id);
    await org.ok({ type: 'class.end' });
    expect(await ongoing()).not.toContain(webcast.id);
  });
});

describe('class ended and started again while people stay connected', () => {
  it('those still connected join the new session without reconnecting; whoever left in between does not', async () => {
    const room = await bjyRoom(school);
    const count = async () => (await bjy(env, school, '/openapi/live/getUserCount', { room_id: room.room_id })).json.data.user_count as number;
    const teacher = await join({ code: room.teacher_code, name: 'Restarting host' });
    const stays = await join({ code: room.student_code, name: 'Stays connected', user_number: 8101 });
    const goes = await join({ code: room.student_code, name: 'Leaves between', user_number: 8102 });
    const flaky = await join({ code: room.student_code, name: 'Reconnects between', user_number: 8104 });
    await teacher.ok({ type: 'class.start' });
    await teacher.ok({ type: 'class.end' });
    expect(await count()).toBe(0);
    await goes.close();
    // Back within the grace period, before class starts again: a new interval, which the new session takes.
    const flakyWelcome = await flaky.welcome();
    await flaky.close();
    await (await connect(flakyWelcome.ticket, `&resume=${flakyWelcome.room.lastSeq}`)).welcome();
    const { sessionId } = await teacher.ok({ type: 'class.start' }) as { sessionId: string };
    await until(async () => (await count()) === 3);
    const stayer = (await stays.welcome()).participantId;
    await teacher.waitForEvent('participant.joined', (d) => d.participantId === stayer && teacher.events('session.started').length === 2);
    const second = await env.services.db.selectFrom('live_sessions').select('id').where('public_id', '=', sessionId).executeTakeFirstOrThrow();
    const rows = async (name: string) => (await openIntervals(name)).map((r) => r.left_at === null);
    expect(await rows('Stays connected')).toEqual([false, true]);
    expect(await rows('Leaves between')).toEqual([false]);
    expect(await rows('Reconnects between')).toEqual([false, true]);
    expect(await env.services.db.selectFrom('participations').select('name').where('session_id', '=', second.id).where('left_at', 'is', null).orderBy('name').execute())
      .toEqual([{ name: 'Reconnects between' }, { name: 'Restarting host' }, { name: 'Stays connected' }]);
    // A newcomer's welcome lists them present again.
    const late = await join({ code: room.student_code, name: 'Late', user_number: 8103 });
    expect((await late.welcome()).room.present.map((p) => p.name).sort()).toEqual(['Late', 'Reconnects between', 'Restarting host', 'Stays connected']);
  });
});

describe('class ended while nobody was connected to this process', () => {
  it('someone back within the grace period joins again, and the next session takes them', async () => {
    // A grace period long enough to come back in, and a room this process stops following meanwhile.
    const own = await startLiveServer('Grace School', { graceMs: 5000, heartbeatMs: 1000 });
    const mine: LiveClient[] = [];
    try {
      const { json } = await bjy(own.env, own.school, '/openapi/room/create', { title: 'Grace', start_time: nowSeconds() + 60, end_time: nowSeconds() + 3600 });
      const room = json.data as { room_id: number; teacher_code: string; student_code: string };
      const teacher = await enterWithCode(own, mine, room.teacher_code, 'Grace host');
      const student = await enterWithCode(own, mine, room.student_code, 'Comes back');
      await teacher.ok({ type: 'class.start' });
      const { ticket, room: { lastSeq } } = await student.welcome();
      await teacher.close();
      await student.close();
      // Ended from elsewhere (another process, the vendor API) while this process has no connection in the room.
      const [tenant] = await own.env.services.tenants.list();
      const row = await own.env.services.rooms.find(tenant.id, { numericId: String(room.room_id) });
      await own.env.services.ingestion.endSession(row!);
      const back = await LiveClient.connect(own.base, `ticket=${encodeURIComponent(ticket)}&resume=${lastSeq}`);
      mine.push(back);
      await back.welcome();
      const intervals = async () => (await own.env.services.db.selectFrom('participations').select(['left_at', 'session_id']).where('name', '=', 'Comes back').orderBy('id').execute());
      await pollUntil(async () => (await intervals()).length === 2, 5000);
      expect((await intervals()).map((r) => r.left_at === null)).toEqual([false, true]);
      const host = await enterWithCode(own, mine, room.teacher_code, 'Grace host');
      const { sessionId } = await host.ok({ type: 'class.start' }) as { sessionId: string };
      const second = await own.env.services.db.selectFrom('live_sessions').select('id').where('public_id', '=', sessionId).executeTakeFirstOrThrow();
      expect((await intervals()).at(-1)).toEqual({ left_at: null, session_id: second.id });
    } finally {
      await stopLiveServer(own, mine);
    }
  });
});

describe('vendor APIs speak into the room', () => {
  it('Baijiayun sendChatMessage and setNotify reach the WebSocket clients', async () => {
    const room = await bjyRoom(school);
    const s = await join({ code: room.student_code, name: 'Listener' });
    const list = [{ message_type: 'message_send', content: '<b>from the API</b>', to: '-1', class_id: room.room_id, from: { number: 9001, name: 'Office', type: 1 } }];
    expect((await bjy(env, school, '/openapi/live/sendChatMessage', { message_list: JSON.stringify(list) })).json.code).toBe(0);
    const chat = await s.waitForEvent('chat.sent');
    expect(chat.type === 'event' && chat.event.data).toMatchObject({ fromName: 'Office', content: '<b>from the API</b>' });
    expect((await bjy(env, school, '/openapi/live/setNotify', { room_id: room.room_id, content: 'Exam on Friday' })).json.code).toBe(0);
    const note = await s.waitForEvent('announcement.set');
    expect(note.type === 'event' && note.event.data).toMatchObject({ content: 'Exam on Friday' });
  });
});
