import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { bjy, cc, gensee, nowSeconds, type TestEnv, until as pollUntil } from '../../test/harness.js';
import type { TenantCredentials } from '../dialects/provision.js';
import { LiveClient } from '../../test/live-client.js';
import { startLiveServer, stopLiveServer } from '../../test/live-server.js';

let env: TestEnv;
let app: FastifyInstance;
let base: string;
let school: TenantCredentials;
const clients: LiveClient[] = [];

beforeAll(async () => {
  ({ env, app, base, school } = await startLiveServer('Live School'));
});
afterAll(() => stopLiveServer(env && { env, app }, clients));

const pathOf = (url: string) => { const u = new URL(url); return `${u.pathname}${u.search}`; };

/** Enters through a link (GET, JSON) or a code (POST /enter), then opens the WebSocket. */
async function joinByLink(url: string, query: string): Promise<LiveClient> {
  const res = await app.inject({ url: `${pathOf(url)}?${query}`, headers: { accept: 'application/json' } });
  expect(res.statusCode, res.body).toBe(200);
  return connect(res.json().ticket as string);
}
async function joinByCode(code: string, name: string): Promise<LiveClient> {
  const res = await app.inject({ method: 'POST', url: '/enter', payload: { code, name } });
  expect(res.statusCode, res.body).toBe(200);
  return connect(res.json().ticket as string);
}
async function connect(ticket: string, extra = ''): Promise<LiveClient> {
  const c = await LiveClient.connect(base, `ticket=${encodeURIComponent(ticket)}${extra}`);
  clients.push(c);
  return c;
}
const until = (check: () => Promise<boolean>, ms = 3000) => pollUntil(check, ms);

describe('a Gensee webcast class, live, then exported', () => {
  it('records what happened in the room, and every export returns exactly that', async () => {
    const created = (await gensee(env, school, '/integration/site/webcast/created', {
      subject: 'Live physics', startTime: Date.now(), organizerToken: '111111', panelistToken: '222222', attendeeToken: '333333',
    })).json;
    expect(created.code).toBe('0');
    const teacher = await joinByLink(created.organizerJoinUrl, 'nickname=Ms%20Chen');
    const tw = await teacher.welcome();
    expect(tw).toMatchObject({ role: 'host', name: 'Ms Chen', room: { id: created.id, classStarted: false } });
    // One after the other (each welcome comes after its join), so the exports' order is known.
    const ann = await joinByLink(created.attendeeJoinUrl, 'nickname=Ann&token=333333&uid=1001');
    const annId = (await ann.welcome()).participantId;
    const bob = await joinByLink(created.attendeeJoinUrl, 'nickname=Bob&token=333333&uid=1002');
    const bobWelcome = await bob.welcome();
    expect(bobWelcome.room.counts).toEqual({ host: 1, student: 2 });
    expect(bobWelcome.room.present.map((p) => p.name)).toEqual(['Ms Chen', 'Ann', 'Bob']);

    const { sessionId: liveId } = await teacher.ok({ type: 'class.start' });
    await ann.waitForEvent('session.started');
    await ann.ok({ type: 'chat', content: 'hello from Ann' });
    await bob.ok({ type: 'chat', content: 'hello from Bob' });
    await bob.ok({ type: 'chat', content: 'psst Ann', to: annId });
    const { pollId } = await teacher.ok({ type: 'poll.publish', title: 'Gravity', questions: [{ type: 'single', content: 'g on Earth?', options: [{ value: '9.8', correct: true }, { value: '1.6' }] }] });
    await ann.waitForEvent('poll.published');
    await ann.ok({ type: 'poll.answer', pollId, answers: { 1: [1] } });
    await bob.ok({ type: 'poll.answer', pollId, answers: { 1: [2] } });
    await teacher.ok({ type: 'poll.close', pollId });
    const { rollcallId } = await teacher.ok({ type: 'rollcall.start' });
    await ann.ok({ type: 'rollcall.answer', rollcallId });
    await teacher.ok({ type: 'rollcall.end', rollcallId });
    const { questionId } = await bob.ok({ type: 'ask', content: 'Why do things fall?' });
    await teacher.ok({ type: 'answer', questionId, content: 'Gravity.' });

    // Everyone sees the same events in the same order; the private message reaches only Ann and Bob.
    await teacher.waitForEvent('question.answered');
    await ann.waitForEvent('question.answered');
    await bob.waitForEvent('question.answered');
    const seqs = (c: LiveClient) => c.received.flatMap((m) => (m.type === 'event' ? [m.seq] : []));
    const contents = (c: LiveClient) => c.events('chat.sent').map((m) => (m.event.data as { content: string }).content);
    expect(contents(teacher)).toEqual(['hello from Ann', 'hello from Bob']);
    expect(contents(ann)).toEqual(['hello from Ann', 'hello from Bob', 'psst Ann']);
    expect(contents(bob)).toEqual(['hello from Ann', 'hello from Bob', 'psst Ann']);
    for (const c of [teacher, ann, bob]) {
      const s = seqs(c);
      expect(s.every((v, i) => i === 0 || v > s[i - 1])).toBe(true);
    }

    await ann.close();
    await bob.close();
    await until(async () => (await env.services.db.selectFrom('participations').select('id').where('left_at', 'is', null).where('name', 'in', ['Ann', 'Bob']).execute()).length === 0);
    await teacher.ok({ type: 'class.end' });

    const exp = async (what: string) => (await gensee(env, school, `/integration/site/webcast/export/${what}`, { webcastId: created.id })).json;
    const history = await exp('history');
    expect(history.code).toBe('0');
    expect(history.list.map((r: { nickname: string; ip: string; leaveTime: number; joinTime: number }) => [r.nickname, r.ip, r.leaveTime >= r.joinTime]))
      .toEqual([['Ms Chen', '127.0.0.1', true], ['Ann', '127.0.0.1', true], ['Bob', '127.0.0.1', true]]);
    expect((await exp('chat')).list.map((r: { sender: string; msg: string }) => [r.sender, r.msg])).toEqual([['Ann', 'hello from Ann'], ['Bob', 'hello from Bob']]);
    const vote = (await exp('vote')).voteList;
    expect(vote).toHaveLength(1);
    expect(vote[0].subject).toBe('Gravity');
    expect(vote[0].questions[0].options.map((o: { value: string; results: Array<{ nickName: string }> }) => [o.value, o.results.map((r) => r.nickName)]))
      .toEqual([['9.8', ['Ann']], ['1.6', ['Bob']]]);
    const rollcall = (await exp('rollcall')).rollcall;
    expect(rollcall).toHaveLength(1);
    expect(rollcall[0]).toMatchObject({ total: 2, present: 1, absent: 1 });
    expect(rollcall[0].users.map((u: { name: string; present: boolean }) => [u.name, u.present])).toEqual([['Ann', true], ['Bob', false]]);
    expect((await exp('qa')).qaList).toEqual([expect.objectContaining({ question: 'Why do things fall?', response: 'Gravity.', responder: 'Ms Chen', name: 'Bob', published: true })]);

    // CC reads the same live: every entry and exit, and the peak of people inside at once.
    const records = (await cc(env, school, '/collect/live/user/record/', { roomid: created.id, liveid: String(liveId) })).json;
    expect(records.result).toBe('OK');
    expect(records.data.map((r: { username: string; ip: string; enter_time: string; exit_time: string }) => [r.username, r.ip, r.exit_time >= r.enter_time]))
      .toEqual([['Ms Chen', '127.0.0.1', true], ['Ann', '127.0.0.1', true], ['Bob', '127.0.0.1', true]]);
    expect((await cc(env, school, '/collect/max_parallel/', { liveid: String(liveId) })).json.data.max_parallel).toBe(3);
  });
});

describe('a Baijiayun class entered by codes', () => {
  it("records chat that room_data/exportChatMsg returns, and each person's one interval per connection", async () => {
    const { json } = await bjy(env, school, '/openapi/room/create', { title: 'Live maths', start_time: nowSeconds() + 60, end_time: nowSeconds() + 3600 });
    const room = json.data as { room_id: string; teacher_code: string; student_code: string };
    const teacher = await joinByCode(room.teacher_code, 'Mr Wang');
    await teacher.welcome();
    await teacher.ok({ type: 'class.start' });
    const s1 = await joinByCode(room.student_code, 'Li');
    await s1.welcome();
    const s2 = await joinByCode(room.student_code, 'Zhao');
    await s2.welcome();
    await s1.ok({ type: 'chat', content: '1 + 1 = 2' });
    await s2.ok({ type: 'chat', content: 'agreed' });
    await teacher.ok({ type: 'reward', to: (await s1.welcome()).participantId });
    await s1.close();
    await s2.close();
    await teacher.ok({ type: 'class.end' });
    const chat = (await bjy(env, school, '/openapi/room_data/exportChatMsg', { room_id: room.room_id })).json;
    expect(chat.code).toBe(0);
    expect(chat.data.list.map((m: { content: string }) => m.content)).toEqual(['1 + 1 = 2', 'agreed']);
    const roomRow = (await env.services.rooms.find(school.tenant.id, { numericId: String(room.room_id) }))!;
    const intervals = await env.services.db.selectFrom('participations').select(['name', 'role', 'left_at']).where('room_id', '=', roomRow.id).orderBy('id').execute();
    expect(intervals.map((r) => [r.name, r.role, r.left_at !== null])).toEqual([['Mr Wang', 'host', true], ['Li', 'student', true], ['Zhao', 'student', true]]);
  });
});
