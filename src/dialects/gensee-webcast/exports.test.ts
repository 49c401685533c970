import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, gensee, newTenant, type TestEnv, createWebcast as createWebcastThrough } from '../../../test/harness.js';
import type { TenantCredentials } from '../provision.js';
import type { ParticipantIdentity } from '../../core/participants.js';
import type { RoomRow } from '../../storage/schema.js';

const P = '/integration/site/webcast';
const MIN = 60_000;
const DAY = 86_400_000;
/** 2024-03-01 10:00:00 in Asia/Shanghai (the default site zone). */
const DAY1 = Date.UTC(2024, 2, 1, 2, 0, 0);
/** The second (latest) session starts a day later. */
const T = DAY1 + DAY;

const host: ParticipantIdentity = { key: 'user:host', name: '陈老师' };
const alice: ParticipantIdentity = { key: 'user:alice', name: 'Alice' };
const bob: ParticipantIdentity = { key: 'user:bob', name: 'Bob' };
const carol: ParticipantIdentity = { key: 'user:carol', name: 'Carol' };
const dave: ParticipantIdentity = { key: 'user:dave', name: 'Dave' };

let env: TestEnv;
let a: TenantCredentials;
let b: TenantCredentials;
/** Created by a's admin; all the recorded activity is here. */
let w1: RoomRow;
/** Created by a's organizer. */
let w2: RoomRow;
/** Created by a's admin, never run. */
let idle: RoomRow;
let uid: Record<string, number>;
let sessions: { first: number; second: number; w2: number };

const org = { loginName: 'org1', password: 'org1-pass' };

const createWebcast = (creds: TenantCredentials, subject: string, as: { loginName?: string; password?: string } = {}) =>
  createWebcastThrough(env, creds, subject, { startTime: DAY1, ...as });

beforeAll(async () => {
  env = await createTestEnv();
  a = await newTenant(env, 'Alpha');
  b = await newTenant(env, 'Beta');
  await env.services.users.create(a.tenant.id, 'org1', 'org1-pass', { name: 'Organizer', role: 'organizer' });
  w1 = await createWebcast(a, '物理课');
  w2 = await createWebcast(a, 'Organizer class', org);
  idle = await createWebcast(a, 'Never run');
  const ing = env.services.ingestion;

  // Session 1 (day 1): only Dave, who chats once.
  const s1 = await ing.startSession(w1, DAY1);
  await ing.join({ room: w1, who: dave, role: 'attendee', platform: 'web', ip: '10.0.0.9', at: DAY1 + 5 * MIN });
  await ing.chat({ room: w1, sender: dave, senderRole: 'attendee', content: 'day one', at: DAY1 + 6 * MIN });
  await ing.endSession(w1, DAY1 + 60 * MIN);

  // Session 2 (day 2): the host is in before class starts.
  await ing.join({ room: w1, who: host, role: 'host', platform: 'pc', ip: '10.0.0.2', at: T - 5 * MIN });
  const s2 = await ing.startSession(w1, T);
  await ing.join({
    room: w1, who: alice, role: 'attendee', platform: 'web', userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)', ip: '1.2.3.4',
    area: '上海', company: 'ACME', mobile: '13800000000', properties: { course: 'phy', seat: 3 }, at: T + 1 * MIN,
  });
  const bobJoin = await ing.join({ room: w1, who: bob, role: 'attendee', platform: 'android', ip: '5.6.7.8', at: T + 2 * MIN });
  await ing.join({ room: w1, who: carol, role: 'attendee', platform: 'pc', at: T + 3 * MIN });
  await ing.chat({ room: w1, sender: alice, senderRole: 'attendee', content: '老师好', at: T + 5 * MIN + 500 });
  await ing.chat({ room: w1, sender: bob, senderRole: 'attendee', receiver: host, content: 'private to host', at: T + 6 * MIN });
  const q1 = await ing.ask({ room: w1, asker: alice, content: '作业什么时候交？', at: T + 7 * MIN });
  await ing.answer({ room: w1, questionId: q1, answer: '周五', answerer: host, publish: true, at: T + 8 * MIN });
  await ing.ask({ room: w1, asker: bob, content: 'Unanswered?', at: T + 9 * MIN });

  const vote = await ing.publishPoll({
    room: w1, kind: 'vote', title: '难度', publisher: host, at: T + 10 * MIN,
    definition: {
      questions: [
        { id: 1, type: 'single', content: 'How hard?', options: [{ id: 1, value: 'Easy' }, { id: 2, value: 'OK' }, { id: 3, value: 'Hard' }] },
        { id: 2, type: 'text', content: 'Why?', options: [] },
      ],
    },
  });
  await ing.respondPoll({ room: w1, pollId: vote, who: alice, answers: { 1: [1], 2: 'clear slides' }, at: T + 10 * MIN + 1000 });
  await ing.respondPoll({ room: w1, pollId: vote, who: bob, answers: { 1: [2] }, at: T + 10 * MIN + 2000 });
  await ing.respondPoll({ room: w1, pollId: vote, who: carol, answers: { 1: [1] }, at: T + 10 * MIN + 3000 });
  await ing.closePoll(w1, vote, T + 11 * MIN);

  const survey = await ing.publishPoll({
    room: w1, kind: 'survey', title: '课后问卷', publisher: host, at: T + 12 * MIN,
    definition: {
      questions: [
        { id: 1, type: 'multi', content: 'What helped?', options: [{ id: 1, value: 'Slides' }, { id: 2, value: 'Examples' }] },
        { id: 2, type: 'text', content: 'Comments', options: [] },
      ],
    },
  });
  await ing.respondPoll({ room: w1, pollId: survey, who: alice, answers: { 1: [1, 2], 2: 'great' }, at: T + 13 * MIN });
  await ing.respondPoll({ room: w1, pollId: survey, who: carol, answers: { 1: [2] }, at: T + 14 * MIN });

  const rc = await ing.startRollcall({ room: w1, initiatorName: host.name, at: T + 15 * MIN });
  await ing.answerRollcall({ room: w1, rollcallId: rc, who: alice, at: T + 15 * MIN + 5000 });
  await ing.answerRollcall({ room: w1, rollcallId: rc, who: carol, at: T + 15 * MIN + 9000 });
  await ing.endRollcall(w1, rc, T + 16 * MIN);

  await ing.leave(w1, bobJoin.participantId, T + 20 * MIN);
  await ing.join({ room: w1, who: bob, role: 'attendee', platform: 'android', userAgent: 'Mozilla/5.0 (Linux; Android 13; Tab)', ip: '5.6.7.8', at: T + 30 * MIN });
  await ing.endSession(w1, T + 60 * MIN);

  // The organizer's webcast runs once, on day 2 too.
  const s3 = await ing.startSession(w2, T + 2 * MIN);
  await ing.chat({ room: w2, sender: carol, senderRole: 'attendee', content: 'in w2', at: T + 3 * MIN });
  await ing.endSession(w2, T + 30 * MIN);

  // A survey published on day 1 outside any session still belongs to the webcast.
  await ing.publishPoll({ room: w1, kind: 'survey', title: 'Old survey', at: DAY1 - 2 * DAY, definition: { questions: [{ id: 1, type: 'text', content: 'Hi?', options: [] }] } });

  uid = {};
  for (const who of [host, alice, bob, carol, dave]) uid[who.name] = (await env.services.participants.byKey(a.tenant.id, who.key))!.id;
  sessions = { first: s1.id, second: s2.id, w2: s3.id };
});
afterAll(() => env?.close());

const call = (path: string, params: Record<string, string | number>, as: { loginName?: string; password?: string; method?: 'GET' | 'POST' } = {}) => gensee(env, a, `${P}${path}`, params, as);

describe('5.13 /webcast/export/history', () => {
  it('defaults to the most recently ended session: every join of it, with the documented fields', async () => {
    const { json } = await call('/export/history', { webcastId: w1.public_id });
    expect(json.code).toBe('0');
    expect(json.list).toEqual([
      { nickname: '陈老师', joinTime: T - 5 * MIN, leaveTime: T + 60 * MIN, ip: '10.0.0.2', uid: uid['陈老师'], joinType: 0 },
      {
        nickname: 'Alice', joinTime: T + MIN, leaveTime: T + 60 * MIN, ip: '1.2.3.4', uid: uid.Alice, area: '上海', mobile: '13800000000', company: 'ACME',
        userdata: 'course=phy&seat=3', joinType: 4,
      },
      { nickname: 'Bob', joinTime: T + 2 * MIN, leaveTime: T + 20 * MIN, ip: '5.6.7.8', uid: uid.Bob, joinType: 10 },
      { nickname: 'Carol', joinTime: T + 3 * MIN, leaveTime: T + 60 * MIN, uid: uid.Carol, joinType: 0 },
      { nickname: 'Bob', joinTime: T + 30 * MIN, leaveTime: T + 60 * MIN, ip: '5.6.7.8', uid: uid.Bob, joinType: 9 },
    ]);
  });

  it('filters on join time with inclusive bounds given as site-zone strings or epoch ms', async () => {
    const day1 = await call('/export/history', { webcastId: w1.public_id, startTime: '2024-03-01 10:00:00', endTime: '2024-03-01 11:00:00' });
    expect(day1.json.list.map((r: { nickname: string }) => r.nickname)).toEqual(['Dave']);
    const exact = await call('/export/history', { webcastId: w1.public_id, startTime: T + MIN, endTime: T + 2 * MIN }, { method: 'GET' });
    expect(exact.json.list.map((r: { nickname: string }) => r.nickname)).toEqual(['Alice', 'Bob']);
    const carolSecond = await call('/export/history', { webcastId: w1.public_id, startTime: T + 3 * MIN, endTime: '2024-03-02 10:03:00' });
    expect(carolSecond.json.list.map((r: { nickname: string }) => r.nickname)).toEqual(['Carol']);
  });

  it('with one bound only, covers the 7 days from (or up to) it', async () => {
    const from = await call('/export/history', { webcastId: w1.public_id, startTime: '2024-03-01 00:00:00' });
    expect(from.json.list).toHaveLength(6);
    const after = await call('/export/history', { webcastId: w1.public_id, startTime: DAY1 - 8 * DAY });
    expect(after.json.list).toEqual([]);
    const upTo = await call('/export/history', { webcastId: w1.public_id, endTime: DAY1 + 5 * MIN });
    expect(upTo.json.list.map((r: { nickname: string }) => r.nickname)).toEqual(['Dave']);
    const tooLate = await call('/export/history', { webcastId: w1.public_id, endTime: DAY1 + 9 * DAY });
    expect(tooLate.json.list).toEqual([]);
  });

  it('answers 101 for a window over 7 days, a reversed window or a malformed time; exactly 7 days is fine', async () => {
    expect((await call('/export/history', { webcastId: w1.public_id, startTime: DAY1, endTime: DAY1 + 7 * DAY + 1 })).json.code).toBe('101');
    expect((await call('/export/history', { webcastId: w1.public_id, startTime: '2024-03-01 00:00:00', endTime: '2024-03-09 00:00:00' })).json.code).toBe('101');
    expect((await call('/export/history', { webcastId: w1.public_id, startTime: DAY1, endTime: DAY1 + 7 * DAY })).json.code).toBe('0');
    expect((await call('/export/history', { webcastId: w1.public_id, startTime: T, endTime: T - 1 })).json.code).toBe('101');
    expect((await call('/export/history', { webcastId: w1.public_id, startTime: '2024/03/01' })).json.code).toBe('101');
    expect((await call('/export/history', { startTime: DAY1 })).json.code).toBe('101');
    // Parameters are checked before the webcast is looked up.
    expect((await call('/export/history', { webcastId: 'f'.repeat(32), startTime: T, endTime: T - 1 })).json.code).toBe('101');
  });

  it('answers an empty list for a webcast that has no ended session yet', async () => {
    const { json } = await call('/export/history', { webcastId: idle.public_id });
    expect(json).toMatchObject({ code: '0', list: [] });
  });
});

describe('5.14 /webcast/export/vote', () => {
  it('lists each poll of the latest session with per-option counts, precentage and respondents', async () => {
    const { json } = await call('/export/vote', { webcastId: w1.public_id });
    expect(json.code).toBe('0');
    expect(json.voteList).toEqual([{
      subject: '难度',
      questions: [
        {
          content: 'How hard?',
          options: [
            { value: 'Easy', result: '2', precentage: 66.67, results: [{ nickName: 'Alice', uid: uid.Alice }, { nickName: 'Carol', uid: uid.Carol }] },
            { value: 'OK', result: '1', precentage: 33.33, results: [{ nickName: 'Bob', uid: uid.Bob }] },
            { value: 'Hard', result: '0', precentage: 0, results: [] },
          ],
        },
        { content: 'Why?', options: [{ result: '1', precentage: 100, results: [{ nickName: 'Alice', uid: uid.Alice, answer: 'clear slides' }] }] },
      ],
    }]);
    // The misspelt key is on the wire byte for byte.
    const raw = (await call('/export/vote', { webcastId: w1.public_id })).res.body;
    expect(raw).toContain('"precentage":66.67');
    expect(raw).not.toContain('percentage');
  });

  it('filters on the poll initiation time', async () => {
    expect((await call('/export/vote', { webcastId: w1.public_id, startTime: T + 10 * MIN + 1, endTime: T + DAY })).json.voteList).toEqual([]);
    expect((await call('/export/vote', { webcastId: w1.public_id, startTime: T + 10 * MIN, endTime: T + 10 * MIN })).json.voteList).toHaveLength(1);
    expect((await call('/export/vote', { webcastId: w1.public_id, startTime: DAY1, endTime: DAY1 + 8 * DAY })).json.code).toBe('101');
  });
});

describe('5.14 poll kinds', () => {
  it('exports votes, quizzes and answer cards as votes; brainstorms and surveys are not votes', async () => {
    const room = await createWebcast(a, 'Kinds');
    const at = T + 3 * DAY;
    const definition = { questions: [{ id: 7, type: 'single', content: 'Pick', options: [{ id: 1, value: 'x' }, { id: 2, value: 'y' }] }] };
    for (const [i, kind] of ['vote', 'quiz', 'answer_card', 'brainstorm', 'survey'].entries()) {
      await env.services.ingestion.publishPoll({ room, kind, title: kind, definition, at: at + i });
    }
    const { json } = await call('/export/vote', { webcastId: room.public_id, startTime: at, endTime: at + 10 });
    expect(json.voteList.map((v: { subject: string }) => v.subject)).toEqual(['vote', 'quiz', 'answer_card']);
    expect(json.voteList[0].questions).toEqual([{ content: 'Pick', options: [
      { value: 'x', result: '0', precentage: 0, results: [] },
      { value: 'y', result: '0', precentage: 0, results: [] },
    ] }]);
  });
});

describe('5.15 /webcast/export/survey', () => {
  const latest = () => ({
    subject: '课后问卷',
    submitTime: T + 14 * MIN,
    questions: [
      {
        question: 'What helped?',
        responses: [
          { name: 'Alice', uid: uid.Alice, response: 'Slides,Examples', submitTime: T + 13 * MIN },
          { name: 'Carol', uid: uid.Carol, response: 'Examples', submitTime: T + 14 * MIN },
        ],
      },
      { question: 'Comments', responses: [{ name: 'Alice', uid: uid.Alice, response: 'great', submitTime: T + 13 * MIN }] },
    ],
  });

  it('with no times, exports every survey of the webcast (no latest-session default)', async () => {
    const { json } = await call('/export/survey', { webcastId: w1.public_id });
    expect(json.code).toBe('0');
    expect(json.surveyList).toEqual([{ subject: 'Old survey', questions: [{ question: 'Hi?', responses: [] }] }, latest()]);
  });

  it('filters on the publication time and has no 7-day limit', async () => {
    const { json } = await call('/export/survey', { webcastId: w1.public_id, startTime: DAY1 - 30 * DAY, endTime: DAY1 + 30 * DAY });
    expect(json.code).toBe('0');
    expect(json.surveyList).toHaveLength(2);
    const recent = await call('/export/survey', { webcastId: w1.public_id, startTime: DAY1 });
    expect(recent.json.surveyList).toEqual([latest()]);
    expect((await call('/export/survey', { webcastId: w1.public_id, startTime: T, endTime: DAY1 })).json.code).toBe('101');
  });
});

describe('5.16 /webcast/export/qa', () => {
  it('lists the questions of the latest session; unanswered ones show no answer fields', async () => {
    const { json } = await call('/export/qa', { webcastId: w1.public_id });
    expect(json.qaList).toEqual([
      { submitTime: T + 7 * MIN, published: true, question: '作业什么时候交？', response: '周五', responder: '陈老师', submitter: uid.Alice, answerBy: uid['陈老师'], name: 'Alice' },
      { submitTime: T + 9 * MIN, published: false, question: 'Unanswered?', submitter: uid.Bob, name: 'Bob' },
    ]);
  });

  it('filters on the asking time', async () => {
    const { json } = await call('/export/qa', { webcastId: w1.public_id, startTime: T + 8 * MIN, endTime: T + 9 * MIN });
    expect(json.qaList.map((q: { question: string }) => q.question)).toEqual(['Unanswered?']);
  });
});

describe('5.17 /webcast/export/rollcall', () => {
  it('counts who answered and which attendees in the room did not (the host is not counted)', async () => {
    const { json } = await call('/export/rollcall', { webcastId: w1.public_id });
    expect(json.rollcall).toEqual([{
      startTime: T + 15 * MIN,
      endTime: T + 16 * MIN,
      total: 3,
      present: 2,
      absent: 1,
      users: [
        { id: uid.Alice, name: 'Alice', present: true },
        { id: uid.Carol, name: 'Carol', present: true },
        { id: uid.Bob, name: 'Bob', present: false },
      ],
    }]);
  });

  it('filters on the roll-call start time', async () => {
    expect((await call('/export/rollcall', { webcastId: w1.public_id, startTime: T + 15 * MIN + 1, endTime: T + DAY })).json.rollcall).toEqual([]);
  });
});

describe('5.34 /webcast/export/chat', () => {
  it('exports the public chat of the latest session; private messages are left out', async () => {
    const { json } = await call('/export/chat', { webcastId: w1.public_id });
    expect(json.list).toEqual([{ time: T + 5 * MIN + 500, sender: 'Alice', senderId: uid.Alice, msg: '老师好' }]);
  });

  it('reads a string endTime as covering its whole second; epoch milliseconds are exact', async () => {
    const bySecond = await call('/export/chat', { webcastId: w1.public_id, startTime: T, endTime: '2024-03-02 10:05:00' });
    expect(bySecond.json.list.map((m: { msg: string }) => m.msg)).toEqual(['老师好']);
    const byMs = await call('/export/chat', { webcastId: w1.public_id, startTime: T, endTime: T + 5 * MIN });
    expect(byMs.json.list).toEqual([]);
  });

  it('filters on the message time', async () => {
    const { json } = await call('/export/chat', { webcastId: w1.public_id, startTime: '2024-03-01 00:00:00', endTime: '2024-03-01 23:59:59' });
    expect(json.list).toEqual([{ time: DAY1 + 6 * MIN, sender: 'Dave', senderId: uid.Dave, msg: 'day one' }]);
  });
});

describe('5.35 /webcast/export/usage', () => {
  it("lists the site's sessions that ended in the window, each naming its webcast", async () => {
    const { json } = await call('/export/usage', { startTime: '2024-03-01 00:00:00', endTime: '2024-03-07 00:00:00' });
    expect(json.code).toBe('0');
    expect(json.list).toEqual([
      { id: sessions.first, startTime: DAY1, endTime: DAY1 + 60 * MIN, webcastId: w1.public_id },
      { id: sessions.w2, startTime: T + 2 * MIN, endTime: T + 30 * MIN, webcastId: w2.public_id },
      { id: sessions.second, startTime: T, endTime: T + 60 * MIN, webcastId: w1.public_id },
    ]);
  });

  it('narrows to one webcast and filters on the end time', async () => {
    const one = await call('/export/usage', { webcastId: w1.public_id, startTime: DAY1, endTime: T + DAY });
    expect(one.json.list.map((s: { id: number }) => s.id)).toEqual([sessions.first, sessions.second]);
    // Session 1 started inside the window but ended after it.
    const ends = await call('/export/usage', { startTime: DAY1, endTime: DAY1 + 60 * MIN - 1 });
    expect(ends.json.list).toEqual([]);
  });

  it('requires both times, keeps the 7-day limit, and is for admins only', async () => {
    expect((await call('/export/usage', { startTime: DAY1 })).json.code).toBe('101');
    expect((await call('/export/usage', { endTime: DAY1 })).json.code).toBe('101');
    expect((await call('/export/usage', { startTime: DAY1, endTime: DAY1 + 7 * DAY + 1000 })).json.code).toBe('101');
    expect((await call('/export/usage', { startTime: DAY1, endTime: DAY1 + DAY }, org)).json.code).toBe('200');
  });

  it('still lists the sessions of a webcast deleted since', async () => {
    const gone = await createWebcast(a, 'Deleted later');
    await env.services.ingestion.startSession(gone, T + 40 * MIN);
    const s = await env.services.ingestion.endSession(gone, T + 41 * MIN);
    await env.services.rooms.softDelete(gone);
    const { json } = await call('/export/usage', { startTime: T + 40 * MIN, endTime: T + 41 * MIN });
    expect(json.list).toEqual([{ id: s!.id, startTime: T + 40 * MIN, endTime: T + 41 * MIN, webcastId: gone.public_id }]);
    expect((await call('/export/usage', { webcastId: gone.public_id, startTime: T, endTime: T + DAY })).json.code).toBe('501');
  });
});

describe('export ownership and isolation', () => {
  const exportsOf = ['/export/history', '/export/vote', '/export/survey', '/export/qa', '/export/rollcall', '/export/chat'];

  it("organizers export only their own webcasts (others' answer 501)", async () => {
    for (const path of exportsOf) {
      expect((await call(path, { webcastId: w1.public_id }, org)).json.code, path).toBe('501');
      expect((await call(path, { webcastId: w2.public_id }, org)).json.code, path).toBe('0');
    }
    const chat = await call('/export/chat', { webcastId: w2.public_id }, org);
    expect(chat.json.list).toEqual([{ time: T + 3 * MIN, sender: 'Carol', senderId: uid.Carol, msg: 'in w2' }]);
  });

  it("a second site's admin gets 501 for the first site's webcasts, and never sees its usage", async () => {
    for (const path of [...exportsOf, '/export/usage']) {
      const res = await gensee(env, b, `${P}${path}`, { webcastId: w1.public_id, startTime: DAY1, endTime: T + DAY });
      expect(res.json.code, path).toBe('501');
    }
    const usage = await gensee(env, b, `${P}/export/usage`, { startTime: DAY1, endTime: T + DAY });
    expect(usage.json).toMatchObject({ code: '0', list: [] });
  });

  it('answers 501 for an unknown webcast id', async () => {
    expect((await call('/export/qa', { webcastId: '0'.repeat(32) })).json.code).toBe('501');
  });
});
