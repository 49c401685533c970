import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cc, createTestEnv, gensee, newTenant, type TestEnv } from '../../../test/harness.js';
import { TRAINING, trainingRoom } from '../../../test/training.js';
import type { TenantCredentials } from '../provision.js';
import type { ParticipantIdentity } from '../../core/participants.js';
import type { LiveSessionRow, RoomRow, VodRow } from '../../storage/schema.js';

const SEC = 1000;
const MIN = 60_000;
const DAY = 86_400_000;
/** 2024-03-01 10:00:00 in Asia/Shanghai (the default site zone): the first class. */
const DAY1 = Date.UTC(2024, 2, 1, 2, 0, 0);
/** The second (latest) class, a day later. */
const T = DAY1 + DAY;
/** The replays are watched on the third day. */
const DAY3 = DAY1 + 2 * DAY;

const host: ParticipantIdentity = { key: 'user:host', name: '陈老师' };
const alice: ParticipantIdentity = { key: 'user:alice', name: 'Alice' };
const bob: ParticipantIdentity = { key: 'user:bob', name: 'Bob' };
const carol: ParticipantIdentity = { key: 'user:carol', name: 'Carol' };
const dave: ParticipantIdentity = { key: 'user:dave', name: 'Dave' };
const teacher = { loginName: 'teacher1', password: 'teacher1-pass' };

let env: TestEnv;
let a: TenantCredentials;
let b: TenantCredentials;
/** The admin's room, with all the recorded activity; the teacher's room, run once. */
let w1: RoomRow;
let w2: RoomRow;
let uid: Record<string, number>;
let s: { first: LiveSessionRow; second: LiveSessionRow; w2: LiveSessionRow };
let ids: { rollcall: number; vote: number; card: number };
let replay: VodRow;

beforeAll(async () => {
  env = await createTestEnv();
  a = await newTenant(env, 'Alpha');
  b = await newTenant(env, 'Beta');
  await env.services.users.create(a.tenant.id, teacher.loginName, teacher.password, { name: 'Teacher', role: 'organizer' });
  w1 = await trainingRoom(env, a, '物理课');
  w2 = await trainingRoom(env, a, 'Teacher class', { owner: teacher.loginName });
  const ing = env.services.ingestion;

  // Class 1 (day 1): only Dave, who chats and tips once.
  await ing.startSession(w1, DAY1);
  await ing.join({ room: w1, who: dave, role: 'attendee', platform: 'web', ip: '10.0.0.9', at: DAY1 + 5 * MIN });
  await ing.chat({ room: w1, sender: dave, senderRole: 'attendee', content: 'day one', at: DAY1 + 6 * MIN });
  await ing.reward({ room: w1, kind: 'tip', giver: dave, receiver: host, amount: 20, at: DAY1 + 10 * MIN });
  const first = (await ing.endSession(w1, DAY1 + 60 * MIN))!;

  // Class 2 (day 2): the teacher is in before class starts.
  await ing.join({ room: w1, who: host, role: 'host', platform: 'pc', ip: '10.0.0.2', at: T - 5 * MIN });
  await ing.startSession(w1, T);
  await ing.join({
    room: w1, who: alice, role: 'student', platform: 'web', userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)', ip: '1.2.3.4',
    area: '上海', company: 'ACME', mobile: '13800000000', at: T + 1 * MIN,
  });
  const bobJoin = await ing.join({ room: w1, who: bob, role: 'student', platform: 'android', ip: '5.6.7.8', at: T + 2 * MIN });
  await ing.join({ room: w1, who: carol, role: 'student', platform: 'pc', at: T + 3 * MIN });
  await ing.chat({ room: w1, sender: alice, senderRole: 'student', content: '老师好', at: T + 5 * MIN });
  await ing.chat({ room: w1, sender: bob, senderRole: 'student', receiver: host, content: 'private to the teacher', at: T + 6 * MIN });
  await ing.chat({ room: w1, sender: host, senderRole: 'host', content: '同学们好', at: T + 6 * MIN + SEC });
  const q1 = await ing.ask({ room: w1, asker: alice, content: '作业什么时候交？', at: T + 7 * MIN });
  await ing.answer({ room: w1, questionId: q1, answer: '周五', answerer: host, publish: true, at: T + 8 * MIN });
  await ing.ask({ room: w1, asker: bob, content: 'Unanswered?', at: T + 9 * MIN });

  const vote = await ing.publishPoll({
    room: w1, kind: 'vote', title: '难度', publisher: host, at: T + 10 * MIN,
    definition: { questions: [
      { id: 1, type: 'single', content: 'How hard?', options: [{ id: 1, value: 'Easy' }, { id: 2, value: 'OK' }, { id: 3, value: 'Hard' }] },
      { id: 2, type: 'text', content: 'Why?', options: [] },
    ] },
  });
  await ing.respondPoll({ room: w1, pollId: vote, who: alice, answers: { 1: [1], 2: 'clear slides' }, at: T + 10 * MIN + 1 * SEC });
  await ing.respondPoll({ room: w1, pollId: vote, who: bob, answers: { 1: [2] }, at: T + 10 * MIN + 2 * SEC });
  await ing.respondPoll({ room: w1, pollId: vote, who: carol, answers: { 1: [1] }, at: T + 10 * MIN + 3 * SEC });
  await ing.closePoll(w1, vote, T + 11 * MIN);
  const card = await ing.publishPoll({
    room: w1, kind: 'answer_card', title: '', publisher: host, at: T + 12 * MIN,
    definition: { questions: [{ id: 1, type: 'multi', content: '', options: [{ id: 1, value: 'A', correct: true }, { id: 2, value: 'B' }, { id: 3, value: 'C', correct: true }] }] },
  });
  await ing.respondPoll({ room: w1, pollId: card, who: alice, answers: { 1: [1, 3] }, at: T + 12 * MIN + 1 * SEC });
  await ing.respondPoll({ room: w1, pollId: card, who: bob, answers: { 1: [2] }, at: T + 12 * MIN + 2 * SEC });
  await ing.closePoll(w1, card, T + 13 * MIN);

  const rollcall = await ing.startRollcall({ room: w1, initiatorName: host.name, at: T + 15 * MIN });
  await ing.answerRollcall({ room: w1, rollcallId: rollcall, who: alice, at: T + 15 * MIN + 5 * SEC });
  await ing.answerRollcall({ room: w1, rollcallId: rollcall, who: carol, at: T + 15 * MIN + 9 * SEC });
  await ing.endRollcall(w1, rollcall, T + 16 * MIN);

  // One red packet of three (two claimed), and a single one; medals; likes and a praise; tips.
  const packet = { packet: 'rp-1', type: 0, total: 100, count: 3 };
  await ing.reward({ room: w1, kind: 'red_packet', giver: host, receiver: alice, amount: 30, properties: packet, at: T + 20 * MIN });
  await ing.reward({ room: w1, kind: 'red_packet', giver: host, receiver: bob, amount: 50, properties: packet, at: T + 20 * MIN + SEC });
  await ing.reward({ room: w1, kind: 'red_packet', giver: host, receiver: carol, amount: 8, at: T + 21 * MIN });
  await ing.reward({ room: w1, kind: 'medal', giver: host, receiver: alice, at: T + 22 * MIN });
  await ing.reward({ room: w1, kind: 'medal', giver: host, receiver: bob, quantity: 2, at: T + 23 * MIN });
  await ing.reward({ room: w1, kind: 'like', giver: alice, receiver: host, at: T + 24 * MIN });
  await ing.reward({ room: w1, kind: 'like', giver: bob, receiver: host, at: T + 24 * MIN + SEC });
  await ing.reward({ room: w1, kind: 'praise', giver: host, receiver: carol, at: T + 25 * MIN });
  await ing.reward({ room: w1, kind: 'tip', giver: alice, receiver: host, amount: 100, at: T + 26 * MIN });
  await ing.reward({ room: w1, kind: 'gift', giver: bob, receiver: host, amount: 50, at: T + 27 * MIN });

  await ing.leave(w1, bobJoin.participantId, T + 30 * MIN);
  await ing.join({ room: w1, who: bob, role: 'student', platform: 'android', userAgent: 'Mozilla/5.0 (Linux; Android 13; Tab)', ip: '5.6.7.8', at: T + 35 * MIN });
  const second = (await ing.endSession(w1, T + 60 * MIN))!;

  // The teacher's room runs once on day 2, nobody joins.
  await ing.startSession(w2, T + 2 * MIN);
  const third = (await ing.endSession(w2, T + 30 * MIN))!;

  // Class 2 is recorded; its replay is watched on day 3.
  const fresh = (await env.services.rooms.find(a.tenant.id, { id: w1.id }))!;
  replay = (await env.services.media.recordSession({ room: fresh, session: second, size: 1_000 })).vod;
  const at = (h: number, m: number) => DAY3 + (h - 10) * 60 * MIN + m * MIN;
  const view = (who: ParticipantIdentity, platform: string, from: number, to: number) =>
    ing.vodView({ tenantId: a.tenant.id, vodId: replay.id, roomId: w1.id, who, platform, ip: '9.9.9.9', startedAt: from, leftAt: to });
  await view(alice, 'ios', at(10, 0), at(10, 30));
  await view(bob, 'android', at(10, 10), at(10, 20));
  await view(dave, 'h5', at(10, 15), at(10, 28));
  await view(carol, 'pc', at(10, 25), at(11, 5));

  uid = {};
  for (const who of [host, alice, bob, carol, dave]) uid[who.name] = (await env.services.participants.byKey(a.tenant.id, who.key))!.id;
  s = { first, second, w2: third };
  ids = { rollcall, vote, card };
});
afterAll(() => env?.close());

const call = (path: string, params: Record<string, string | number>, as: { loginName?: string; password?: string; method?: 'GET' | 'POST' } = {}) =>
  gensee(env, a, `${TRAINING}${path}`, params, as);

/** The exports of one room that default to the latest ended class and keep to 7 days. */
const ROOM_EXPORTS = ['/export/history', '/export/qa', '/export/rollcall', '/export/vote', '/export/chat', '/export/redpacket', '/export/medal', '/export/praise', '/export/praise/detail'];

describe('the room exports: windows, roles and sites', () => {
  it.each(ROOM_EXPORTS)('%s: the 7-day limit and the time order are 101, roomId is required', async (path) => {
    expect((await call(path, { roomId: w1.public_id, startTime: '2024-03-01 00:00:00', endTime: '2024-03-08 00:00:01' })).json.code).toBe('101');
    expect((await call(path, { roomId: w1.public_id, startTime: '2024-03-02', endTime: '2024-03-01' })).json.code).toBe('101');
    expect((await call(path, { roomId: w1.public_id, startTime: 'soon' })).json.code).toBe('101');
    expect((await call(path, {})).json.code).toBe('101');
    expect((await call(path, { roomId: w1.public_id, startTime: '2024-03-01 00:00:00', endTime: '2024-03-08 00:00:00' })).json.code).toBe('0');
  });

  it.each(ROOM_EXPORTS)("%s: a teacher exports its own rooms only; another site's room is 501", async (path) => {
    expect((await call(path, { roomId: w2.public_id }, teacher)).json.code).toBe('0');
    expect((await call(path, { roomId: w1.public_id }, teacher)).json.code).toBe('501');
    expect((await gensee(env, b, `${TRAINING}${path}`, { roomId: w1.public_id })).json.code).toBe('501');
  });

  it.each(ROOM_EXPORTS)('%s: a room without an ended class exports nothing by default', async (path) => {
    const idle = await trainingRoom(env, a, 'Never run');
    const { json } = await call(path, { roomId: idle.public_id });
    expect(json.code).toBe('0');
    expect(Object.values(json).find(Array.isArray)).toEqual([]);
  });
});

describe('5.18 /training/export/history', () => {
  it("exports the latest class's student joins (re-entries are rows), with the device enum", async () => {
    const { json } = await call('/export/history', { roomId: w1.public_id });
    expect(json.list).toEqual([
      { uid: uid.Alice, nickname: 'Alice', joinTime: T + MIN, leaveTime: T + 60 * MIN, name: 'Alice', area: '上海', device: 4, ip: '1.2.3.4', mobile: '13800000000', company: 'ACME' },
      { uid: uid.Bob, nickname: 'Bob', joinTime: T + 2 * MIN, leaveTime: T + 30 * MIN, name: 'Bob', device: 10, ip: '5.6.7.8' },
      { uid: uid.Carol, nickname: 'Carol', joinTime: T + 3 * MIN, leaveTime: T + 60 * MIN, name: 'Carol', device: 0 },
      { uid: uid.Bob, nickname: 'Bob', joinTime: T + 35 * MIN, leaveTime: T + 60 * MIN, name: 'Bob', device: 9, ip: '5.6.7.8' },
    ]);
  });

  it('windows on the join time, inclusive; one bound alone spans 7 days', async () => {
    const day1 = await call('/export/history', { roomId: w1.public_id, startTime: '2024-03-01 10:05:00', endTime: '2024-03-01 10:05:00' });
    expect(day1.json.list).toEqual([{ uid: uid.Dave, nickname: 'Dave', joinTime: DAY1 + 5 * MIN, leaveTime: DAY1 + 60 * MIN, name: 'Dave', device: 1, ip: '10.0.0.9' }]);
    expect((await call('/export/history', { roomId: w1.public_id, startTime: '2024-03-01' })).json.list).toHaveLength(5);
    expect((await call('/export/history', { roomId: w1.public_id, endTime: '2024-03-01' })).json.list).toHaveLength(1);
  });
});

describe('5.19 /training/export/qa', () => {
  it('exports the questions with String `published` and the answer time', async () => {
    const { json } = await call('/export/qa', { roomId: w1.public_id });
    expect(json.list).toEqual([
      { submitter: uid.Alice, published: 'true', submitTime: T + 7 * MIN, name: 'Alice', answerBy: uid['陈老师'], question: '作业什么时候交？', response: '周五', answerTime: T + 8 * MIN },
      { submitter: uid.Bob, published: 'false', submitTime: T + 9 * MIN, name: 'Bob', question: 'Unanswered?' },
    ]);
  });
});

describe('5.20 /training/export/rollcall', () => {
  it('exports each roll-call with its id and who was present', async () => {
    const { json } = await call('/export/rollcall', { roomId: w1.public_id });
    expect(json.rollcall).toEqual([{
      id: String(ids.rollcall), startTime: T + 15 * MIN, endTime: T + 16 * MIN, total: 3, present: 2, absent: 1,
      users: [{ id: uid.Alice, name: 'Alice', present: true }, { id: uid.Carol, name: 'Carol', present: true }, { id: uid.Bob, name: 'Bob', present: false }],
    }]);
  });
});

describe('5.21 /training/export/vote', () => {
  it('exports votes (type 0) and answer cards (type 1) with correct answers and every respondent', async () => {
    const { json } = await call('/export/vote', { roomId: w1.public_id });
    const who = (name: string, extra: Record<string, string> = {}) => ({ nickName: name, uid: uid[name], ...extra });
    expect(json.list).toEqual([
      {
        id: String(ids.vote), subject: '难度', type: 0, questions: [
          { id: '1', content: 'How hard?', options: [
            { value: 'Easy', result: '2', precentage: 66.67, type: 0, results: [who('Alice'), who('Carol')] },
            { value: 'OK', result: '1', precentage: 33.33, type: 0, results: [who('Bob')] },
            { value: 'Hard', result: '0', precentage: 0, type: 0, results: [] },
          ] },
          { id: '2', content: 'Why?', options: [{ result: '1', precentage: 100, type: 2, results: [who('Alice', { content: 'clear slides' })] }] },
        ],
      },
      {
        id: String(ids.card), type: 1, questions: [
          { id: '1', answer: '1,3', options: [
            { value: 'A', result: '1', precentage: 50, type: 1, results: [who('Alice')] },
            { value: 'B', result: '1', precentage: 50, type: 1, results: [who('Bob')] },
            { value: 'C', result: '1', precentage: 50, type: 1, results: [who('Alice')] },
          ] },
        ],
      },
    ]);
  });
});

describe('5.26 /training/export/chat', () => {
  it("exports the students' public chat only (not the teacher's, never private messages)", async () => {
    const { json } = await call('/export/chat', { roomId: w1.public_id });
    expect(json.list).toEqual([{ time: T + 5 * MIN, sender: 'Alice', senderId: uid.Alice, msg: '老师好' }]);
    const day1 = await call('/export/chat', { roomId: w1.public_id, startTime: DAY1, endTime: DAY1 + 6 * MIN });
    expect(day1.json.list).toEqual([{ time: DAY1 + 6 * MIN, sender: 'Dave', senderId: uid.Dave, msg: 'day one' }]);
  });
});

describe('5.33 /training/export/redpacket', () => {
  it('groups the claims of one packet; a packet of its own for a claim without one', async () => {
    const { json } = await call('/export/redpacket', { roomId: w1.public_id });
    expect(json.redpacket).toEqual([
      {
        userName: '陈老师', issueTime: T + 20 * MIN, type: 0, amount: 100, number: 3, receiveAmount: 80, receiveNumber: 2,
        users: [{ userId: uid.Alice, userName: 'Alice', receiveTime: T + 20 * MIN, amount: 30 }, { userId: uid.Bob, userName: 'Bob', receiveTime: T + 20 * MIN + SEC, amount: 50 }],
      },
      { userName: '陈老师', issueTime: T + 21 * MIN, amount: 8, number: 1, receiveAmount: 8, receiveNumber: 1, users: [{ userId: uid.Carol, userName: 'Carol', receiveTime: T + 21 * MIN, amount: 8 }] },
    ]);
  });
});

describe('5.34 /training/export/medal, 5.35 /training/export/praise, 5.42 /training/export/praise/detail', () => {
  it('counts medals per issuer and class', async () => {
    const { json } = await call('/export/medal', { roomId: w1.public_id });
    expect(json.medalDtos).toEqual([{ userName: '陈老师', userId: uid['陈老师'], count: 3, roomStartTime: T }]);
    expect(json.page).toEqual({ pageNo: 1, totalPages: 1, totalCounts: 1 });
  });

  it('counts praise (likes and praises) per receiver and class', async () => {
    const { json } = await call('/export/praise', { roomId: w1.public_id });
    expect(json.praiseDtos).toEqual([
      { userName: '陈老师', userId: uid['陈老师'], count: 2, roomStartTime: T },
      { userName: 'Carol', userId: uid.Carol, count: 1, roomStartTime: T },
    ]);
    expect(json.page).toEqual({ pageNo: 1, totalPages: 1, totalCounts: 2 });
    expect((await call('/export/praise', { roomId: w1.public_id, pageNo: 2 })).json).toMatchObject({ praiseDtos: [], page: { pageNo: 2, totalPages: 1, totalCounts: 2 } });
  });

  it('lists every praise, and takes an undocumented pageNo (A-27)', async () => {
    const { json } = await call('/export/praise/detail', { roomId: w1.public_id });
    expect(json.praiseDtos).toEqual([
      { userId: uid.Alice, userName: 'Alice', actionTime: T + 24 * MIN, targetUserId: uid['陈老师'], targetUserName: '陈老师' },
      { userId: uid.Bob, userName: 'Bob', actionTime: T + 24 * MIN + SEC, targetUserId: uid['陈老师'], targetUserName: '陈老师' },
      { userId: uid['陈老师'], userName: '陈老师', actionTime: T + 25 * MIN, targetUserId: uid.Carol, targetUserName: 'Carol' },
    ]);
    expect(json.page).toEqual({ pageNo: 1, totalPages: 1, totalCounts: 3 });
    expect((await call('/export/praise/detail', { roomId: w1.public_id, pageNo: 0 })).json.code).toBe('101');
  });
});

describe('5.29 /training/export/room/usage', () => {
  const days12 = { startTime: '2024-03-01 00:00:00', endTime: '2024-03-02 23:59:59' };

  it('lists the classes that ended in the window with their peak and entries', async () => {
    const { json } = await call('/export/room/usage', days12);
    expect(json.list).toEqual([
      { id: s.first.id, startTime: DAY1, endTime: DAY1 + 60 * MIN, subject: '物理课', number: w1.number, maxConcurrent: 1, total: 1 },
      { id: s.w2.id, startTime: T + 2 * MIN, endTime: T + 30 * MIN, subject: 'Teacher class', number: w2.number, maxConcurrent: 0, total: 0 },
      { id: s.second.id, startTime: T, endTime: T + 60 * MIN, subject: '物理课', number: w1.number, maxConcurrent: 4, total: 5 },
    ]);
    expect((await call('/export/room/usage', { ...days12, roomId: w2.public_id })).json.list.map((r: { id: number }) => r.id)).toEqual([s.w2.id]);
  });

  it("agrees with CC's peak for the same live", async () => {
    const { json } = await call('/export/room/usage', { ...days12, roomId: w1.public_id });
    for (const [row, session] of [[json.list[0], s.first], [json.list[1], s.second]] as const) {
      const peak = await cc(env, a, '/collect/max_parallel/', { liveid: session.public_id });
      expect(row.maxConcurrent).toBe(peak.json.data.max_parallel);
    }
  });

  it('needs both times, in order, at most 7 days apart (101); admin only (200)', async () => {
    expect((await call('/export/room/usage', { startTime: '2024-03-01' })).json.code).toBe('101');
    expect((await call('/export/room/usage', { startTime: '2024-03-01', endTime: '2024-03-09' })).json.code).toBe('101');
    expect((await call('/export/room/usage', days12, teacher)).json.code).toBe('200');
    expect((await gensee(env, b, `${TRAINING}/export/room/usage`, days12)).json.list).toEqual([]);
  });
});

describe('5.31 /training/export/room/concurrent and 5.32 /training/export/vod/concurrent', () => {
  const range = { startDate: '2024-03-01', endDate: '2024-03-03' };

  it('gives every day its peak of simultaneous presence across the site, as CC does', async () => {
    const { json } = await call('/export/room/concurrent', range);
    expect(json.list).toEqual([{ date: '2024-03-01', maxConcurrent: 1 }, { date: '2024-03-02', maxConcurrent: 4 }, { date: '2024-03-03', maxConcurrent: 0 }]);
    for (const day of json.list as Array<{ date: string; maxConcurrent: number }>) {
      const peak = await cc(env, a, '/collect/max_parallel/', { start_time: day.date, end_time: day.date });
      expect(day.maxConcurrent).toBe(peak.json.data.max_parallel);
    }
  });

  it('gives every day its peak of simultaneous courseware viewings', async () => {
    const { json } = await call('/export/vod/concurrent', range);
    expect(json.list).toEqual([{ date: '2024-03-01', maxConcurrent: 0 }, { date: '2024-03-02', maxConcurrent: 0 }, { date: '2024-03-03', maxConcurrent: 3 }]);
  });

  it.each(['/export/room/concurrent', '/export/vod/concurrent', '/export/reward'])('%s: strict yyyy-MM-dd, at most 30 days apart (101); admin only; per site', async (path) => {
    expect((await call(path, { startDate: '2024-03-01', endDate: '2024-03-31' })).json.code).toBe('0');
    for (const bad of [{ startDate: '2024-03-01', endDate: '2024-04-01' }, { startDate: '2024/03/01', endDate: '2024-03-02' }, { startDate: '2024-03-01 10:00:00', endDate: '2024-03-02' },
      { startDate: '2024-03-02', endDate: '2024-03-01' }, { startDate: '2024-02-30', endDate: '2024-03-01' }, { startDate: '2024-03-01' }] as Array<Record<string, string>>) {
      const { json } = await call(path, bad);
      expect(json.code, JSON.stringify(bad)).toBe('101');
    }
    expect((await call(path, range, teacher)).json.code).toBe('200');
    const other = (await gensee(env, b, `${TRAINING}${path}`, range)).json.list as Array<{ maxConcurrent?: number }>;
    expect(other.every((d) => d.maxConcurrent === 0)).toBe(true);
  });
});

describe('5.39 /training/export/reward', () => {
  it('gives each class its tips, per receiving speaker', async () => {
    const { json } = await call('/export/reward', { startDate: '2024-03-01', endDate: '2024-03-02' });
    expect(json.list).toEqual([
      { subject: '物理课', startDate: DAY1, endDate: DAY1 + 60 * MIN, totalReward: 20, speakerInfoList: [{ speakerName: '陈老师', speakerReward: 20 }] },
      { subject: '物理课', startDate: T, endDate: T + 60 * MIN, totalReward: 150, speakerInfoList: [{ speakerName: '陈老师', speakerReward: 150 }] },
    ]);
    expect((await call('/export/reward', { startDate: '2024-03-02', endDate: '2024-03-02' })).json.list).toHaveLength(1);
  });
});

describe('5.25 /training/export/study/history', () => {
  it("lists a day's courseware viewings, by start, with the flat page fields", async () => {
    const { json } = await call('/export/study/history', { date: '2024-03-03' });
    expect(json).toMatchObject({ code: '0', pageNo: 1, totalCounts: 4, totalPages: 1 });
    expect(json.list[0]).toEqual({ id: replay.public_id, uid: String(uid.Alice), startTime: DAY3, leaveTime: DAY3 + 30 * MIN, name: 'Alice', duration: '1800', device: 8, ip: '9.9.9.9' });
    expect(json.list.map((v: { name: string; device?: number }) => [v.name, v.device])).toEqual([['Alice', 8], ['Bob', 32], ['Dave', 237], ['Carol', 0]]);
  });

  it('selects one hour, by join time or (joinTimeSync other than true) by leave time', async () => {
    expect((await call('/export/study/history', { date: '2024-03-03 18:00:00', hour: 10 })).json.list).toHaveLength(4);
    expect((await call('/export/study/history', { date: '2024-03-03', hour: 11, joinTimeSync: 'true' })).json.list).toEqual([]);
    const left11 = await call('/export/study/history', { date: '2024-03-03', hour: 11, joinTimeSync: 'false' });
    expect(left11.json.list.map((v: { name: string }) => v.name)).toEqual(['Carol']);
    expect((await call('/export/study/history', { date: '2024-03-03', hour: 11, joinTimeSync: '' })).json.list).toEqual([]);
  });

  it('needs a date, an hour 0–23 and a page from 1 (101); admin only; per site', async () => {
    expect((await call('/export/study/history', {})).json.code).toBe('101');
    expect((await call('/export/study/history', { date: '2024-03-03', hour: 24 })).json.code).toBe('101');
    expect((await call('/export/study/history', { date: '2024-03-03', pageNo: 0 })).json.code).toBe('101');
    expect((await call('/export/study/history', { date: '2024-03-03' }, teacher)).json.code).toBe('200');
    expect((await gensee(env, b, `${TRAINING}/export/study/history`, { date: '2024-03-03' })).json).toMatchObject({ list: [], totalCounts: 0 });
  });
});
