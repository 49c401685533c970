import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { bjy, cc, gensee, nowSeconds, type TestEnv, until as pollUntil } from './harness.js';
import type { TenantCredentials } from '../src/dialects/provision.js';
import { LiveClient } from './live-client.js';
import { startLiveServer, stopLiveServer } from './live-server.js';
import { T } from './training-rooms.js';

/**
 * Issue 11's "Done when": rooms created through each dialect's API (Gensee Webcast, Gensee
 * Training, Baijiayun) are entered through the URLs and codes those APIs issued; WebSocket clients
 * start class, chat, run a poll, a roll-call and Q&A, and leave; then the Gensee, Baijiayun and CC
 * export endpoints return exactly those records.
 */
let env: TestEnv;
let app: FastifyInstance;
let base: string;
let school: TenantCredentials;
const clients: LiveClient[] = [];

beforeAll(async () => {
  ({ env, app, base, school } = await startLiveServer('Export School'));
});
afterAll(() => stopLiveServer(env && { env, app }, clients));

/** Enters through a link the API issued (GET, JSON) or a code (POST /enter), then opens the WebSocket. */
async function byLink(url: string, query: string): Promise<LiveClient> {
  const u = new URL(url);
  const res = await app.inject({ url: `${u.pathname}${u.search}${u.search ? '&' : '?'}${query}`, headers: { accept: 'application/json' } });
  expect(res.statusCode, res.body).toBe(200);
  return open(res.json().ticket as string);
}
async function byCode(code: string, name: string, userNumber: number): Promise<LiveClient> {
  const res = await app.inject({ method: 'POST', url: '/enter', payload: { code, name, user_number: userNumber } });
  expect(res.statusCode, res.body).toBe(200);
  return open(res.json().ticket as string);
}
async function open(ticket: string): Promise<LiveClient> {
  const c = await LiveClient.connect(base, `ticket=${encodeURIComponent(ticket)}`);
  clients.push(c);
  await c.welcome();
  return c;
}
const until = (check: () => Promise<boolean>, ms = 5000) => pollUntil(check, ms);

/** What the class did, to compare with the exports. */
interface ClassRecord {
  liveId: string;
  startedAt: number;
  endedAt: number;
}

/**
 * The same class in every room: the teacher starts it; Ann and Bob chat; a quiz (Ann right, Bob
 * wrong); a roll-call only Ann answers; Bob asks, the teacher answers; everyone leaves, class ends.
 */
async function runClass(teacher: LiveClient, ann: LiveClient, bob: LiveClient, roomId: number): Promise<ClassRecord> {
  const startedAt = Date.now();
  const { sessionId } = await teacher.ok({ type: 'class.start' });
  await ann.waitForEvent('session.started');
  await ann.ok({ type: 'chat', content: 'hello <i>all</i>' });
  await bob.ok({ type: 'chat', content: 'hi from Bob' });
  const { pollId } = await teacher.ok({ type: 'poll.publish', kind: 'quiz', title: 'Gravity', questions: [{ type: 'single', content: 'g on Earth?', options: [{ value: '9.8', correct: true }, { value: '1.6' }] }] });
  await ann.waitForEvent('poll.published');
  await ann.ok({ type: 'poll.answer', pollId, answers: { 1: [1] } });
  await bob.ok({ type: 'poll.answer', pollId, answers: { 1: [2] } });
  await teacher.ok({ type: 'poll.close', pollId });
  const { rollcallId } = await teacher.ok({ type: 'rollcall.start' });
  await ann.ok({ type: 'rollcall.answer', rollcallId });
  await teacher.ok({ type: 'rollcall.end', rollcallId });
  const { questionId } = await bob.ok({ type: 'ask', content: 'Why do things fall?' });
  await teacher.ok({ type: 'answer', questionId, content: 'Gravity.' });
  await ann.close();
  await bob.close();
  await until(async () => (await env.services.db.selectFrom('participations').select('id').where('room_id', '=', roomId)
    .where('left_at', 'is', null).where('name', 'in', ['Ann', 'Bob']).execute()).length === 0);
  await teacher.ok({ type: 'class.end' });
  await teacher.close();
  return { liveId: String(sessionId), startedAt, endedAt: Date.now() };
}

/** CC reads every live: each entry and exit of the live, and its peak of people inside at once. */
async function expectCcFigures(rec: ClassRecord, roomPublicId: string) {
  const records = (await cc(env, school, '/collect/live/user/record/', { roomid: roomPublicId, liveid: rec.liveId })).json;
  expect(records.result, JSON.stringify(records)).toBe('OK');
  expect(records.data.map((r: { username: string }) => r.username).sort()).toEqual(['Ann', 'Bob', 'Teacher']);
  expect((await cc(env, school, '/collect/max_parallel/', { liveid: rec.liveId })).json.data.max_parallel).toBe(3);
  expect((await cc(env, school, '/collect/live/usercount/', { liveid: rec.liveId })).json.data.livecount).toBe(3);
}

const roomIdOf = async (key: { publicId: string } | { numericId: string }) => (await env.services.rooms.find(school.tenant.id, key))!;

describe('a Gensee Training room, entered through the links room/created issued', () => {
  it('Training exports and CC hold exactly what happened', async () => {
    const made = (await gensee(env, school, T('/room/created'), { subject: 'Live training', startDate: Date.now() })).json;
    expect(made.code, JSON.stringify(made)).toBe('0');
    const room = await roomIdOf({ publicId: made.id });
    const teacher = await byLink(made.teacherJoinUrl, 'nickname=Teacher');
    const ann = await byLink(made.studentJoinUrl, 'nickname=Ann&uid=2001');
    const bob = await byLink(made.studentJoinUrl, 'nickname=Bob&uid=2002');
    const rec = await runClass(teacher, ann, bob, room.id);

    const exp = async (what: string) => (await gensee(env, school, T(`/export/${what}`), { roomId: made.id })).json;
    const history = (await exp('history')).list as Array<{ nickname: string; ip: string; joinTime: number; leaveTime: number }>;
    expect(history.map((r) => [r.nickname, r.ip])).toEqual([['Ann', '127.0.0.1'], ['Bob', '127.0.0.1']]);
    for (const r of history) expect(rec.startedAt - 5000 <= r.joinTime && r.joinTime <= r.leaveTime && r.leaveTime <= rec.endedAt).toBe(true);
    expect((await exp('chat')).list.map((r: { sender: string; msg: string }) => [r.sender, r.msg])).toEqual([['Ann', 'hello <i>all</i>'], ['Bob', 'hi from Bob']]);
    const vote = (await exp('vote')).list;
    expect(vote).toHaveLength(1);
    expect(vote[0].subject).toBe('Gravity');
    expect(vote[0].questions[0].options.map((o: { value: string; results: Array<{ nickName: string }> }) => [o.value, o.results.map((r) => r.nickName)]))
      .toEqual([['9.8', ['Ann']], ['1.6', ['Bob']]]);
    const rollcall = (await exp('rollcall')).rollcall;
    expect(rollcall).toHaveLength(1);
    expect(rollcall[0]).toMatchObject({ total: 2, present: 1, absent: 1 });
    expect(rollcall[0].users.map((u: { name: string; present: boolean }) => [u.name, u.present])).toEqual([['Ann', true], ['Bob', false]]);
    expect((await exp('qa')).list).toEqual([expect.objectContaining({ name: 'Bob', question: 'Why do things fall?', response: 'Gravity.', published: 'true' })]);
    await expectCcFigures(rec, made.id);
  });
});

describe('a Gensee Webcast, entered through the links webcast/created issued', () => {
  it('Webcast exports and CC hold exactly what happened', async () => {
    const made = (await gensee(env, school, '/integration/site/webcast/created', {
      subject: 'Live webcast', startTime: Date.now(), organizerToken: '111111', panelistToken: '222222', attendeeToken: '333333',
    })).json;
    expect(made.code, JSON.stringify(made)).toBe('0');
    const room = await roomIdOf({ publicId: made.id });
    const teacher = await byLink(made.organizerJoinUrl, 'nickname=Teacher');
    const ann = await byLink(made.attendeeJoinUrl, 'nickname=Ann&token=333333&uid=1001');
    const bob = await byLink(made.attendeeJoinUrl, 'nickname=Bob&token=333333&uid=1002');
    const rec = await runClass(teacher, ann, bob, room.id);
    const exp = async (what: string) => (await gensee(env, school, `/integration/site/webcast/export/${what}`, { webcastId: made.id })).json;
    expect((await exp('history')).list.map((r: { nickname: string }) => r.nickname)).toEqual(['Teacher', 'Ann', 'Bob']);
    expect((await exp('chat')).list.map((r: { sender: string; msg: string }) => [r.sender, r.msg])).toEqual([['Ann', 'hello <i>all</i>'], ['Bob', 'hi from Bob']]);
    const vote = (await exp('vote')).voteList;
    expect(vote[0].questions[0].options.map((o: { value: string; results: Array<{ nickName: string }> }) => [o.value, o.results.map((r) => r.nickName)]))
      .toEqual([['9.8', ['Ann']], ['1.6', ['Bob']]]);
    expect((await exp('rollcall')).rollcall[0].users.map((u: { name: string; present: boolean }) => [u.name, u.present])).toEqual([['Ann', true], ['Bob', false]]);
    expect((await exp('qa')).qaList).toEqual([expect.objectContaining({ question: 'Why do things fall?', response: 'Gravity.', responder: 'Teacher', name: 'Bob' })]);
    await expectCcFigures(rec, made.id);
  });
});

describe('a Baijiayun room, entered by the codes room/create issued', () => {
  it('Baijiayun data endpoints and CC hold exactly what happened', async () => {
    const { json } = await bjy(env, school, '/openapi/room/create', { title: 'Live maths', start_time: nowSeconds() + 60, end_time: nowSeconds() + 3600 });
    const made = json.data as { room_id: number; teacher_code: string; student_code: string };
    const room = await roomIdOf({ numericId: String(made.room_id) });
    const teacher = await byCode(made.teacher_code, 'Teacher', 3000);
    const ann = await byCode(made.student_code, 'Ann', 3001);
    const bob = await byCode(made.student_code, 'Bob', 3002);
    const rec = await runClass(teacher, ann, bob, room.id);

    const data = async (what: string, extra: Record<string, string | number> = {}) => (await bjy(env, school, `/openapi/room_data/${what}`, { room_id: made.room_id, ...extra })).json.data;
    expect((await data('exportChatMsg')).list.map((m: { user_name: string; user_number: number; content: string }) => [m.user_name, m.user_number, m.content]))
      .toEqual([['Ann', 3001, 'hello <i>all</i>'], ['Bob', 3002, 'hi from Bob']]);
    const quizzes = (await data('getRoomQuiz')).quiz_list;
    expect(quizzes).toHaveLength(1);
    expect(quizzes[0]).toMatchObject({ title: 'Gravity', question_list: [{ title: 'g on Earth?', option_list: [{ value: '9.8', is_right: 1 }, { value: '1.6', is_right: 0 }] }] });
    const answers = await data('getQuizUserAnswer', { quiz_id: quizzes[0].quiz_id });
    const questionId = quizzes[0].question_list[0].question_id;
    expect(answers.student_answer_list.map((a: { user_name: string; user_number: number; answer_list: unknown[] }) => [a.user_name, a.user_number, a.answer_list]))
      .toEqual([['Ann', 3001, [{ question_id: questionId, answer: '1' }]], ['Bob', 3002, [{ question_id: questionId, answer: '2' }]]]);
    const checkins = (await data('getUserCheckinInfo')).checkin_list;
    expect(checkins).toHaveLength(1);
    expect(checkins[0].user_list.map((u: { nickname: string; checkin: number }) => [u.nickname, u.checkin])).toEqual([['Ann', 1], ['Bob', 0]]);
    expect((await data('exportQaStat')).list.flat().map((q: { name: string; content: string }) => [q.name, q.content])).toEqual([['Bob', 'Why do things fall?'], ['Teacher', 'Gravity.']]);
    const report = (await data('exportLiveReport', { type: 'all' })).room_user_info as Array<{ user_name: string; user_role: number; user_ip: string }>;
    expect(report.map((r) => [r.user_name, r.user_role, r.user_ip])).toEqual([['Teacher', 1, '127.0.0.1'], ['Ann', 0, '127.0.0.1'], ['Bob', 0, '127.0.0.1']]);
    await expectCcFigures(rec, room.public_id);
  });
});
