import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bjy, createTestEnv, newTenant, nowSeconds, type TestEnv } from '../../../test/harness.js';
import type { RoomEvent } from '../../core/events.js';
import { HIDDEN_PARTICIPATION } from '../../core/presence.js';
import type { RoomRow } from '../../storage/schema.js';
import type { TenantCredentials } from '../provision.js';
import { baijiayunSign } from './signature.js';

let env: TestEnv;
let a: TenantCredentials;
let b: TenantCredentials;

beforeAll(async () => {
  env = await createTestEnv();
  a = await newTenant(env, 'Alpha');
  b = await newTenant(env, 'Beta');
});
afterAll(() => env?.close());

async function room(creds: TenantCredentials, extra: Record<string, string | number> = {}): Promise<RoomRow> {
  const start = nowSeconds() + 600;
  const { json } = await bjy(env, creds, '/openapi/room/create', { title: '直播间', start_time: start, end_time: start + 3600, ...extra });
  expect(json.code).toBe(0);
  return (await env.services.rooms.find(creds.tenant.id, { numericId: json.data.room_id }))!;
}

/** A signed GET with the parameters in the query string (clients use GET as often as POST). */
async function bjyGet(creds: TenantCredentials, path: string, params: Record<string, string>) {
  const all = { partner_id: creds.baijiayun.partner_id, timestamp: String(nowSeconds()), ...params };
  const qs = new URLSearchParams({ ...all, sign: baijiayunSign(Object.entries(all), creds.baijiayun.partner_key) });
  const res = await env.app.inject({ method: 'GET', url: `${path}?${qs}` });
  return res.json() as { code: number; msg: string; data: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const person = (n: number, name = `学员${n}`) => ({ key: `number:${n}`, name, userNumber: n });

/** What the live rooms receive: their ordered, typed events (as the live runtime subscribes). */
async function roomEvents(...rooms: RoomRow[]): Promise<{ events: RoomEvent[]; stop: () => void }> {
  const events: RoomEvent[] = [];
  const stops = await Promise.all(rooms.map((r) => env.services.bus.subscribeRoom({ tenantId: r.tenant_id, roomId: r.id }, (e) => events.push(e))));
  return { events, stop: () => stops.forEach((s) => s()) };
}

describe('every room endpoint of the live group refuses what is not the caller\'s room', () => {
  const paths = ['/openapi/live/getLiveStatus', '/openapi/live/getTeacherOnlineStatus', '/openapi/live/getUserCount', '/openapi/live/setNotify', '/openapi/live/stopCloudRecord', '/openapi/live/transCloudRecord'];
  for (const path of paths) {
    it(path, async () => {
      const mine = await room(a);
      const extra: Record<string, string> = path.endsWith('setNotify') ? { content: '公告' } : {};
      const missing = await bjy(env, a, path, extra);
      expect(missing.json.code).toBe(1001);
      expect(missing.json.msg).toMatch(/room_id/);
      expect((await bjy(env, a, path, { room_id: 'abc', ...extra })).json).toMatchObject({ code: 1001, msg: expect.stringMatching(/room_id/) });
      expect((await bjy(env, a, path, { room_id: '12345678901234', ...extra })).json.code).toBe(3001);
      expect((await bjy(env, b, path, { room_id: mine.numeric_id, ...extra })).json.code).toBe(3001);
      await env.services.rooms.softDelete(mine);
      expect((await bjy(env, a, path, { room_id: mine.numeric_id, ...extra })).json.code).toBe(3002);
    });
  }
});

describe('15 getLiveStatus', () => {
  it('is 1 while a live session is open, by POST and by GET', async () => {
    const r = await room(a);
    expect((await bjy(env, a, '/openapi/live/getLiveStatus', { room_id: r.numeric_id })).json).toMatchObject({ code: 0, data: { status: 0 } });
    await env.services.ingestion.startSession(r);
    expect((await bjy(env, a, '/openapi/live/getLiveStatus', { room_id: r.numeric_id })).json.data).toEqual({ status: 1 });
    expect((await bjyGet(a, '/openapi/live/getLiveStatus', { room_id: r.numeric_id })).data).toEqual({ status: 1 });
    await env.services.ingestion.endSession(r);
    expect((await bjy(env, a, '/openapi/live/getLiveStatus', { room_id: r.numeric_id })).json.data).toEqual({ status: 0 });
  });
});

describe('16 getTeacherOnlineStatus', () => {
  it('is 1 while someone is in the room as teacher, whether class has started or not', async () => {
    const r = await room(a);
    const status = async () => (await bjy(env, a, '/openapi/live/getTeacherOnlineStatus', { room_id: r.numeric_id })).json.data.status;
    await env.services.ingestion.join({ room: r, who: person(1), role: 'student' });
    await env.services.ingestion.join({ room: r, who: person(2, '助教'), role: 'assistant' });
    expect(await status()).toBe(0);
    const teacher = await env.services.ingestion.join({ room: r, who: person(9, '王老师'), role: 'host' });
    expect(await status()).toBe(1);
    await env.services.ingestion.leave(r, teacher.participantId);
    expect(await status()).toBe(0);
  });
});

describe('17 getUserCount', () => {
  it('counts the people in the room now; the displayed count leaves out hidden ones', async () => {
    const r = await room(a);
    const count = async () => (await bjy(env, a, '/openapi/live/getUserCount', { room_id: r.numeric_id })).json.data;
    expect(await count()).toEqual({ user_count: 0, display_user_count: 0 });
    await env.services.ingestion.startSession(r);
    await env.services.ingestion.join({ room: r, who: person(9, '王老师'), role: 'host' });
    const s1 = await env.services.ingestion.join({ room: r, who: person(1), role: 'student' });
    await env.services.ingestion.join({ room: r, who: person(2), role: 'student' });
    // A reconnect is the same person, not a second one.
    await env.services.ingestion.join({ room: r, who: person(2), role: 'student' });
    await env.services.ingestion.join({ room: r, who: person(3, '巡课'), role: 'assistant', properties: { [HIDDEN_PARTICIPATION]: true } });
    expect(await count()).toEqual({ user_count: 4, display_user_count: 3 });
    await env.services.ingestion.leave(r, s1.participantId);
    expect(await count()).toEqual({ user_count: 3, display_user_count: 2 });
    await env.services.ingestion.endSession(r);
    expect(await count()).toEqual({ user_count: 0, display_user_count: 0 });
  });
});

describe('19 setNotify', () => {
  it('records the announcement through ingestion and announces it to the room', async () => {
    const r = await room(a);
    const { events, stop } = await roomEvents(r);
    const res = await bjy(env, a, '/openapi/live/setNotify', { room_id: r.numeric_id, content: '今晚 8 点开课，请准时进入' });
    stop();
    expect(res.json).toMatchObject({ code: 0, data: null });
    const stored = await env.services.db.selectFrom('announcements').selectAll().where('room_id', '=', r.id).execute();
    expect(stored.map((s) => s.content)).toEqual(['今晚 8 点开课，请准时进入']);
    expect(events).toEqual([expect.objectContaining({ type: 'announcement.set', roomId: r.id, data: { id: stored[0].id, content: '今晚 8 点开课，请准时进入', link: null } })]);
  });

  it('refuses a missing or too long content with 1001 naming it, and stores and announces nothing', async () => {
    const r = await room(a);
    const { events, stop } = await roomEvents(r);
    for (const content of ['', 'x'.repeat(2001)]) {
      const { json } = await bjy(env, a, '/openapi/live/setNotify', { room_id: r.numeric_id, content });
      expect(json.code).toBe(1001);
      expect(json.msg).toMatch(/content/);
    }
    stop();
    expect(await env.services.db.selectFrom('announcements').selectAll().where('room_id', '=', r.id).execute()).toEqual([]);
    expect(events).toEqual([]);
  });
});

describe('35 sendChatMessage', () => {
  const message = (r: RoomRow, content: string, from: Record<string, unknown> = {}) => ({
    message_type: 'message_send', content, to: '-1',
    from: { id: '10171920', number: '3001', type: 2, name: '助教小李', avatar: 'https://img.example.com/a.png', status: 0, end_type: 0, group: 0, webrtc_support: 1, ...from },
    uid: '10171920', agent_id: 0, time: nowSeconds(), id: '1', class_id: r.numeric_id, group: 0,
  });
  const send = (creds: TenantCredentials, list: unknown) => bjy(env, creds, '/openapi/live/sendChatMessage', { message_list: typeof list === 'string' ? list : JSON.stringify(list) });
  const chatOf = (r: RoomRow) => env.services.activity.chat({ tenantId: r.tenant_id, roomId: r.id });

  it('stores every message in its room through ingestion (in the chat export, announced to the room)', async () => {
    const r1 = await room(a);
    const r2 = await room(a);
    await env.services.ingestion.startSession(r1);
    const { events, stop } = await roomEvents(r1, r2);
    const { json } = await send(a, [message(r1, '欢迎大家'), message(r2, '课件已上传', { number: 9, type: 1, name: '王老师' }), message(r1, '请打开第 3 页', { type: undefined, number: 77, name: '学员' })]);
    stop();
    expect(json).toMatchObject({ code: 0, data: null });
    const c1 = await chatOf(r1);
    expect(c1.map((m) => [m.content, m.sender_name, m.sender_role])).toEqual([['欢迎大家', '助教小李', 'assistant'], ['请打开第 3 页', '学员', 'student']]);
    expect(c1[0].session_id).not.toBeNull();
    expect((await chatOf(r2)).map((m) => [m.content, m.sender_role])).toEqual([['课件已上传', 'host']]);
    const sender = await env.services.participants.byKey(a.tenant.id, 'number:3001');
    expect(sender).toMatchObject({ user_number: 3001, name: '助教小李', avatar: 'https://img.example.com/a.png' });
    const sent = events.filter((e) => e.type === 'chat.sent');
    expect(sent.map((e) => [e.roomId, e.data.content, e.data.fromName])).toEqual([[r1.id, '欢迎大家', '助教小李'], [r2.id, '课件已上传', '王老师'], [r1.id, '请打开第 3 页', '学员']]);
    // In each room's own sequence, right after what came before.
    expect(sent.filter((e) => e.roomId === r1.id).map((e) => e.seq)).toEqual([2, 3]);
  });

  it('refuses a bad message with 1001 naming it, and stores none of the request', async () => {
    const r = await room(a);
    const { events, stop } = await roomEvents(r);
    const good = message(r, 'ok');
    const cases: Array<[unknown, RegExp]> = [
      ['', /message_list is required/],
      ['not json', /message_list/],
      [{ content: 'x' }, /JSON array/],
      [[], /no message/],
      [Array.from({ length: 11 }, () => good), /at most 10/],
      [[good, { ...good, content: '' }], /message_list\[1\]\.content/],
      [[good, { ...good, class_id: undefined }], /message_list\[1\]\.class_id/],
      [[good, { ...good, from: undefined }], /message_list\[1\]\.from/],
      [[good, { ...good, from: { ...good.from, name: '' } }], /message_list\[1\]\.from\.name/],
      [[good, { ...good, from: { name: 'x' } }], /message_list\[1\]\.from\.number/],
      [[good, { ...good, from: { ...good.from, type: 5 } }], /message_list\[1\]\.from\.type/],
      [[good, { ...good, to: '123' }], /message_list\[1\]\.to/],
      [[good, { ...good, message_type: 'other' }], /message_list\[1\]\.message_type/],
      [[good, { ...good, content: 'y'.repeat(2001) }], /message_list\[1\]\.content/],
    ];
    for (const [list, msg] of cases) {
      const { json } = await send(a, list);
      expect(json.code, JSON.stringify(list).slice(0, 80)).toBe(1001);
      expect(json.msg).toMatch(msg);
    }
    stop();
    expect(await chatOf(r)).toEqual([]);
    expect(events).toEqual([]);
  });

  it("refuses a message into another account's room (3001) or a deleted room (3002), storing none", async () => {
    const mine = await room(a);
    const theirs = await room(b);
    { const first = await send(a, [message(mine, 'ok'), message(theirs, 'intrusion')]); expect(first.json.code, JSON.stringify(first.json)).toBe(3001); }
    const gone = await room(a);
    await env.services.rooms.softDelete(gone);
    expect((await send(a, [message(mine, 'ok'), message(gone, 'late')])).json.code).toBe(3002);
    expect(await chatOf(mine)).toEqual([]);
    expect(await chatOf(theirs)).toEqual([]);
  });

  it('takes at most 600 requests a minute per account (code 1 beyond), other accounts unaffected', async () => {
    const t = await newTenant(env, 'Chatty');
    const r = await room(t);
    for (let i = 0; i < 600; i++) expect((await send(t, '[]')).json.code).toBe(1001);
    const refused = await send(t, [message(r, 'one too many')]);
    expect(refused.json.code).toBe(1);
    expect(refused.json.msg).toMatch(/600/);
    expect(await chatOf(r)).toEqual([]);
    const other = await room(b);
    expect((await send(b, [message(other, 'fine')])).json.code).toBe(0);
  });
});

describe('44 stopCloudRecord, 45 transCloudRecord', () => {
  const stop = (r: RoomRow) => bjy(env, a, '/openapi/live/stopCloudRecord', { room_id: r.numeric_id });
  const trans = (r: RoomRow) => bjy(env, a, '/openapi/live/transCloudRecord', { room_id: r.numeric_id });
  const recordings = (r: RoomRow) => env.services.db.selectFrom('recordings').selectAll().where('room_id', '=', r.id).orderBy('id').execute();
  const vods = (r: RoomRow) => env.services.media.vodsOfRoom(r);

  it('stopping keeps what the class in progress recorded so far; stopping again changes nothing', async () => {
    const r = await room(a);
    const session = await env.services.ingestion.startSession(r, Date.now() - 600_000);
    expect((await stop(r)).json).toMatchObject({ code: 0, data: null });
    const [rec, ...more] = await recordings(r);
    expect(more).toEqual([]);
    expect(rec).toMatchObject({ session_id: session.id, started_at: session.started_at, name: r.title, size: 0 });
    expect(rec.ended_at! - Date.now()).toBeLessThanOrEqual(0);
    expect(rec.ended_at! - Date.now()).toBeGreaterThan(-5000);
    expect((await stop(r)).json.code).toBe(0);
    expect(await recordings(r)).toHaveLength(1);
  });

  it('refuses to stop when no class is on (code 1)', async () => {
    const r = await room(a);
    const { json } = await stop(r);
    expect(json.code).toBe(1);
    expect(json.msg).toMatch(/not in class/);
    expect(await recordings(r)).toEqual([]);
  });

  it('makes a playback, still processing, of each finished recording, once', async () => {
    const r = await room(a);
    const first = await env.services.ingestion.startSession(r, Date.now() - 7_200_000);
    const firstEnd = Date.now() - 3_600_000;
    await env.services.ingestion.endSession(r, firstEnd);
    const second = await env.services.ingestion.startSession(r, Date.now() - 600_000);
    await stop(r);
    expect((await trans(r)).json).toMatchObject({ code: 0, data: null });
    const made = await vods(r);
    expect(made).toHaveLength(2);
    const recs = await recordings(r);
    expect(recs.map((x) => x.session_id).sort()).toEqual([first.id, second.id].sort());
    expect(recs.find((x) => x.session_id === first.id)).toMatchObject({ started_at: first.started_at, ended_at: firstEnd });
    for (const v of made) expect(JSON.parse(v.properties)).toEqual({ mediaState: 'processing' });
    expect(made.map((v) => v.recording_id).sort()).toEqual(recs.map((x) => x.id).sort());
    expect((await trans(r)).json.code).toBe(0);
    expect(await vods(r)).toHaveLength(2);
  });

  it('refuses to convert when nothing is recorded yet, or only the class still being recorded (code 1)', async () => {
    const r = await room(a);
    expect((await trans(r)).json).toMatchObject({ code: 1, msg: expect.stringMatching(/no class has been held/) });
    await env.services.ingestion.startSession(r);
    expect((await trans(r)).json).toMatchObject({ code: 1, msg: expect.stringMatching(/still being recorded/) });
    expect(await vods(r)).toEqual([]);
    expect(await recordings(r)).toEqual([]);
  });
});

describe('C1 setClassCallbackUrl, C2 getClassCallbackUrl', () => {
  it('keeps one URL per account; another account neither sees nor changes it', async () => {
    const t = await newTenant(env, 'Hooked');
    const u = await newTenant(env, 'Other');
    expect((await bjy(env, t, '/openapi/live_account/getClassCallbackUrl')).json).toMatchObject({ code: 0, data: { url: '' } });
    expect((await bjy(env, t, '/openapi/live_account/setClassCallbackUrl', { url: 'https://school.example.com/bjy/class?x=1' })).json).toMatchObject({ code: 0, data: { url: 'https://school.example.com/bjy/class?x=1' } });
    expect((await bjy(env, t, '/openapi/live_account/setClassCallbackUrl', { url: 'http://school.example.com/v2' })).json.code).toBe(0);
    expect((await bjy(env, t, '/openapi/live_account/getClassCallbackUrl')).json.data).toEqual({ url: 'http://school.example.com/v2' });
    expect((await bjy(env, u, '/openapi/live_account/getClassCallbackUrl')).json.data).toEqual({ url: '' });
    await bjy(env, u, '/openapi/live_account/setClassCallbackUrl', { url: 'https://other.example.com/' });
    expect((await bjy(env, t, '/openapi/live_account/getClassCallbackUrl')).json.data).toEqual({ url: 'http://school.example.com/v2' });
  });

  it('refuses a URL that is missing or not http(s) with 1001 naming url, keeping the old one', async () => {
    const t = await newTenant(env, 'Strict');
    await bjy(env, t, '/openapi/live_account/setClassCallbackUrl', { url: 'https://ok.example.com/' });
    for (const url of ['', 'ftp://x.example.com/', 'www.example.com/cb', 'http://']) {
      const { json } = await bjy(env, t, '/openapi/live_account/setClassCallbackUrl', { url });
      expect(json.code, url).toBe(1001);
      expect(json.msg).toMatch(/url/);
    }
    expect((await bjy(env, t, '/openapi/live_account/getClassCallbackUrl')).json.data).toEqual({ url: 'https://ok.example.com/' });
  });
});
