import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bjy, cc, createTestEnv, newTenant, nowSeconds, type TestEnv } from '../../../test/harness.js';
import type { ParticipantIdentity } from '../../core/participants.js';
import type { RoomRow } from '../../storage/schema.js';
import type { TenantCredentials } from '../provision.js';

/*
 * One class, recorded through the ingestion service at known times yesterday (Asia/Shanghai), and
 * every data endpoint read over HTTP: each figure below follows from the timeline.
 *
 * minute (from 10:00)  -5 teacher in · 0 class starts · 2 S1 in · 3 S2 in · 4 assistant in · 5/6 chat
 *                      12 S2 out · 14 S2 in again · 20 S3 in · 21 S1 asks (answered at 22) · 23 S3 asks
 *                      24 quiz · 25 roll-call · 26 S2 raises a hand (on at 27, off at 29) · 30 S1 out
 *                      31 red packets, praise · 33 clicker question · 34 form · 35 lottery
 *                      36 attention check · 37 expressions · 40 class ends (all out) · 41 evaluation
 */

let env: TestEnv;
let t: TenantCredentials;
let other: TenantCredentials;
let room: RoomRow;
let roomId: string;
const zone = 'Asia/Shanghai';
const day = DateTime.now().setZone(zone).startOf('day').minus({ days: 1 });
const date = day.toFormat('yyyy-MM-dd');
const at = (minute: number) => day.plus({ hours: 10 }).toMillis() + minute * 60_000;
const time = (minute: number) => DateTime.fromMillis(at(minute), { zone }).toFormat('yyyy-MM-dd HH:mm:ss');

const teacher: ParticipantIdentity = { key: 'number:900', name: '陈老师', userNumber: 900 };
const s1: ParticipantIdentity = { key: 'number:1001', name: '王伟', userNumber: 1001 };
const s2: ParticipantIdentity = { key: 'number:1002', name: '李娜', userNumber: 1002 };
const s3: ParticipantIdentity = { key: 'number:1003', name: '张敏', userNumber: 1003 };
const assistant: ParticipantIdentity = { key: 'number:2001', name: '助教', userNumber: 2001 };
let quizId: number;
let templateId: number;
let questionIds: number[];

async function pid(who: ParticipantIdentity) {
  return (await env.services.participants.byKey(t.tenant.id, who.key))!.id;
}

beforeAll(async () => {
  env = await createTestEnv();
  t = await newTenant(env, 'Data School');
  other = await newTenant(env, 'Other School');
  const start = nowSeconds() + 3600;
  roomId = (await bjy(env, t, '/openapi/room/create', { title: '数据教室', start_time: start, end_time: start + 3600 })).json.data.room_id;
  room = (await env.services.rooms.find(t.tenant.id, { numericId: roomId }))!;
  const ing = env.services.ingestion;
  await ing.join({ room, who: teacher, role: 'host', platform: 'pc', ip: '10.0.0.2', at: at(-5) });
  await ing.startSession(room, at(0));
  await ing.join({ room, who: s1, role: 'student', platform: 'web', ip: '1.1.1.1', area: '北京', properties: { city: '北京', isp: '联通', group: 1 }, at: at(2) });
  await ing.join({ room, who: s2, role: 'student', platform: 'ios', ip: '2.2.2.2', at: at(3) });
  await ing.join({ room, who: assistant, role: 'assistant', platform: 'mac', at: at(4) });
  await ing.chat({ room, sender: s1, senderRole: 'student', content: 'hello', at: at(5) });
  await ing.chat({ room, sender: teacher, senderRole: 'host', content: '大家好', at: at(6) });
  await ing.chat({ room, sender: s2, senderRole: 'student', receiver: teacher, content: 'private', at: at(6.5) });
  await ing.leave(room, await pid(s2), at(12));
  await ing.join({ room, who: s2, role: 'student', platform: 'android', ip: '2.2.2.3', at: at(14) });
  await ing.join({ room, who: s3, role: 'student', platform: 'h5', ip: '3.3.3.3', properties: { audition: true }, at: at(20) });
  const q1 = await ing.ask({ room, asker: s1, content: '1+1=?', at: at(21) });
  await ing.answer({ room, questionId: q1, answer: '2', answerer: teacher, publish: true, at: at(22) });
  await ing.ask({ room, asker: s3, content: '有回放吗', at: at(23) });
  quizId = await ing.publishPoll({
    room, kind: 'quiz', title: '随堂考试', publisher: teacher, at: at(24),
    definition: { forceJoin: true, questions: [
      { id: 1, type: 'single', content: '最大的数', options: [{ id: 1, value: '1' }, { id: 2, value: '34', correct: true }] },
      { id: 2, type: 'multi', content: '四大名著', options: [{ id: 1, value: '西游记', correct: true }, { id: 2, value: '水浒传', correct: true }, { id: 3, value: '聊斋' }] },
      { id: 3, type: 'text', content: '挖掘机哪家强', options: [], solution: '蓝翔' },
    ] },
  });
  await ing.respondPoll({ room, pollId: quizId, who: s1, answers: { 1: [2], 2: [1, 2], 3: '蓝翔' }, at: at(24.5) });
  await ing.respondPoll({ room, pollId: quizId, who: s2, answers: { 1: [1] }, at: at(24.6) });
  const rc = await ing.startRollcall({ room, initiatorName: teacher.name, at: at(25) });
  await ing.answerRollcall({ room, rollcallId: rc, who: s1, at: at(25.2) });
  await ing.answerRollcall({ room, rollcallId: rc, who: s2, at: at(25.3) });
  await ing.endRollcall(room, rc, at(25.5));
  const hand = await ing.raiseHand({ room, who: s2, at: at(26) });
  await ing.updateHand(room, hand, { acceptedAt: at(27), endedAt: at(29) });
  await ing.leave(room, await pid(s1), at(30));
  await ing.reward({ room, kind: 'red_packet', giver: teacher, receiver: s1, amount: 5, at: at(31) });
  await ing.reward({ room, kind: 'red_packet', giver: teacher, receiver: s1, amount: 7, at: at(31.1) });
  await ing.reward({ room, kind: 'red_packet', giver: teacher, receiver: s3, amount: 3, at: at(31.2) });
  await ing.reward({ room, kind: 'praise', giver: teacher, receiver: s3, at: at(31.3) });
  await ing.reward({ room, kind: 'like', giver: s2, receiver: s3, quantity: 2, at: at(31.4) });
  await ing.reward({ room, kind: 'cup', giver: teacher, receiver: s2, at: at(31.5) });
  const card = await ing.publishPoll({
    room, kind: 'answerer', title: '答题器', publisher: teacher, at: at(33),
    definition: { questions: [{ id: 1, type: 'multi', content: '选出偶数', options: [{ id: 1, value: '1' }, { id: 2, value: '2', correct: true }, { id: 3, value: '3' }, { id: 4, value: '4', correct: true }] }] },
  });
  await ing.respondPoll({ room, pollId: card, who: s2, answers: { 1: [2, 4] }, at: at(33.2) });
  await ing.respondPoll({ room, pollId: card, who: s3, answers: { 1: [2] }, at: at(33.3) });
  const form = await ing.publishPoll({
    room, kind: 'questionnaire', title: '报名表', publisher: teacher, at: at(34),
    definition: { questions: [
      { id: 1, type: 'single', content: '年级', options: [{ id: 1, value: '高一' }, { id: 2, value: '高二' }] },
      { id: 2, type: 'text', content: '手机号', options: [] },
    ] },
  });
  await ing.respondPoll({ room, pollId: form, who: s2, answers: { 1: [2], 2: '13800000000' }, at: at(34.5) });
  await ing.drawLottery({ room, prize: '三年高考', mode: 'password', drawerName: teacher.name, winners: [s2, s3], at: at(35) });
  await ing.checkAttention({ room, at: at(36), results: [
    { who: s2, role: 'student', attentive: true, platform: 'android', ip: '2.2.2.3', groupId: 2 },
    { who: s3, role: 'student', attentive: false, platform: 'h5', ip: '3.3.3.3' },
  ] });
  await ing.captureExpression({ room, who: s2, role: 'student', expression: 'happy', description: '微笑', imageUrl: 'img.example.com/a.jpg', at: at(37) });
  await ing.captureExpression({ room, who: s2, role: 'student', expression: 'sad', imageUrl: 'img.example.com/b.jpg', at: at(37.5) });
  await ing.captureExpression({ room, who: teacher, role: 'host', expression: 'neutral', imageUrl: 'img.example.com/c.jpg', at: at(37.6) });
  await ing.endSession(room, at(40));
  const template = await env.services.evaluations.createTemplate(t.tenant.id, { title: '默认模板', published: true, questions: [
    { title: '总体评价', kind: 'choice', required: true, options: ['非常好', '好', '一般'] },
    { title: '建议', kind: 'text' },
  ] }, at(-60));
  templateId = template.template.id;
  questionIds = template.questions.map((q) => q.id);
  await env.services.evaluations.createTemplate(t.tenant.id, { title: '草稿', questions: [{ title: '?', kind: 'text' }] }, at(-30));
  await ing.evaluate({ room, templateId, who: s2, answers: [{ questionId: questionIds[0], answer: '好' }, { questionId: questionIds[1], answer: '多讲例题' }], at: at(41) });
  // Another room of the same account, an interactive class (Baijiayun lists it under product_type 0 only), on the same day.
  const webcast = await env.services.rooms.create({ tenantId: t.tenant.id, kind: 'interactive_class', title: 'training room' }, at(-120));
  await ing.join({ room: webcast, who: { key: 'guest:x', name: 'guest' }, role: 'attendee', at: at(100) });
  await ing.leave(webcast, await pid({ key: 'guest:x', name: 'guest' }), at(130));
});
afterAll(() => env?.close());

const call = (path: string, params: Record<string, string | number> = {}, creds = t) => bjy(env, creds, path, params).then((r) => r.json);

describe('18 exportChatMsg', () => {
  it('exports the public chat, oldest first, with user numbers and roles', async () => {
    const { code, data } = await call('/openapi/room_data/exportChatMsg', { room_id: roomId });
    expect(code).toBe(0);
    expect(data.list).toEqual([
      { time: time(5), user_number: 1001, user_role: 0, user_name: '王伟', content: 'hello' },
      { time: time(6), user_number: 900, user_role: 1, user_name: '陈老师', content: '大家好' },
    ]);
    expect((await call('/openapi/room_data/exportChatMsg', { room_id: roomId, date })).data.list).toHaveLength(2);
    expect((await call('/openapi/room_data/exportChatMsg', { room_id: roomId, date: day.minus({ days: 1 }).toFormat('yyyy-MM-dd') })).data.list).toEqual([]);
  });

  it('refuses a day older than two weeks and a malformed date with 1001', async () => {
    expect(await call('/openapi/room_data/exportChatMsg', { room_id: roomId, date: day.minus({ days: 20 }).toFormat('yyyy-MM-dd') })).toMatchObject({ code: 1001, msg: expect.stringMatching(/date .*14 days/) });
    expect(await call('/openapi/room_data/exportChatMsg', { room_id: roomId, date: '2024/01/01' })).toMatchObject({ code: 1001, msg: expect.stringMatching(/date/) });
  });

  it("exports a long-term room's latest class day by default, and leaves out chat older than two weeks", async () => {
    const longTerm = await env.services.rooms.create({ tenantId: t.tenant.id, kind: 'large_class', title: 'long', properties: { is_long_term: 1 } }, at(-60 * 24 * 30));
    const ing = env.services.ingestion;
    for (const [days, text] of [[20, 'very old'], [3, 'older class'], [1, 'latest class']] as const) {
      await ing.startSession(longTerm, at(-days * 1440 + 1440));
      await ing.chat({ room: longTerm, sender: s1, senderRole: 'student', content: text, at: at(-days * 1440 + 1441) });
      await ing.endSession(longTerm, at(-days * 1440 + 1500));
    }
    const contents = async (params: Record<string, string> = {}) => (await call('/openapi/room_data/exportChatMsg', { room_id: longTerm.numeric_id, ...params })).data.list.map((m: { content: string }) => m.content);
    expect(await contents()).toEqual(['latest class']);
    expect(await contents({ date: DateTime.fromMillis(at(-2 * 1440), { zone }).toFormat('yyyy-MM-dd') })).toEqual(['older class']);
    const shortTerm = await env.services.rooms.create({ tenantId: t.tenant.id, kind: 'large_class', title: 'short' }, at(-60 * 24 * 30));
    await ing.chat({ room: shortTerm, sender: s1, senderRole: 'student', content: 'stale', at: at(-19 * 1440) });
    await ing.chat({ room: shortTerm, sender: s1, senderRole: 'student', content: 'fresh', at: at(0) });
    expect((await call('/openapi/room_data/exportChatMsg', { room_id: shortTerm.numeric_id })).data.list.map((m: { content: string }) => m.content)).toEqual(['fresh']);
  });
});

describe('20 exportLiveReport', () => {
  it('answers one row per person and day: entry span, in-class presence and where they came from', async () => {
    const { code, data } = await call('/openapi/room_data/exportLiveReport', { room_id: roomId });
    expect(code).toBe(0);
    expect(data.total).toBe(3);
    expect(data.room_user_info).toEqual([
      {
        date, user_number: 1001, user_name: '王伟', user_role: 0, first_time: time(2), last_time: time(30), first_heartbeat_time: time(2), last_heartbeat_time: time(30),
        actual_listen_time: 28 * 60, user_ip: '1.1.1.1', area: '北京', city: '北京', network_operator: '联通', group_id: 1, client_type: 0, is_audition: 1,
      },
      {
        date, user_number: 1002, user_name: '李娜', user_role: 0, first_time: time(3), last_time: time(40), first_heartbeat_time: time(3), last_heartbeat_time: time(40),
        actual_listen_time: (9 + 26) * 60, user_ip: '2.2.2.3', area: '', city: '', network_operator: '', group_id: 0, client_type: 4, is_audition: 1,
      },
      {
        date, user_number: 1003, user_name: '张敏', user_role: 0, first_time: time(20), last_time: time(40), first_heartbeat_time: time(20), last_heartbeat_time: time(40),
        actual_listen_time: 20 * 60, user_ip: '3.3.3.3', area: '', city: '', network_operator: '', group_id: 0, client_type: 2, is_audition: 0,
      },
    ]);
  });

  it('counts presence before class started as not in class, filters by role and day, and pages', async () => {
    const teachers = (await call('/openapi/room_data/exportLiveReport', { room_id: roomId, type: 'teacher' })).data;
    expect(teachers.room_user_info).toEqual([expect.objectContaining({ user_number: 900, user_role: 1, first_time: time(-5), first_heartbeat_time: time(0), actual_listen_time: 40 * 60, client_type: 1 })]);
    expect((await call('/openapi/room_data/exportLiveReport', { room_id: roomId, type: 'admin' })).data.room_user_info.map((r: { client_type: number; user_role: number }) => [r.user_role, r.client_type])).toEqual([[2, 5]]);
    expect((await call('/openapi/room_data/exportLiveReport', { room_id: roomId, type: 'all' })).data.total).toBe(5);
    const page2 = (await call('/openapi/room_data/exportLiveReport', { room_id: roomId, page: 2, page_size: 2 })).data;
    expect([page2.total, page2.room_user_info.map((r: { user_number: number }) => r.user_number)]).toEqual([3, [1003]]);
    expect((await call('/openapi/room_data/exportLiveReport', { room_id: roomId, date })).data.total).toBe(3);
    expect((await call('/openapi/room_data/exportLiveReport', { room_id: roomId, date: '0' })).data.total).toBe(3);
    expect((await call('/openapi/room_data/exportLiveReport', { room_id: roomId, date: day.minus({ days: 1 }).toFormat('yyyy-MM-dd') })).data).toEqual({ total: 0, room_user_info: [] });
  });

  it('refuses bad paging, types and dates with 1001 naming the parameter', async () => {
    for (const [params, name] of [[{ page_size: 1001 }, 'page_size'], [{ page: 0 }, 'page'], [{ type: 'guest' }, 'type'], [{ date: '2024-13-01' }, 'date'], [{ date: 'yesterday' }, 'date']] as const) {
      expect(await call('/openapi/room_data/exportLiveReport', { room_id: roomId, ...params })).toMatchObject({ code: 1001, msg: expect.stringContaining(name) });
    }
  });
});

describe('usage: 21–24, 26, 27', () => {
  it('21 gives person-times and the peak of every room someone was in', async () => {
    const { data } = await call('/openapi/room_data/getAllRoomUserStat', { date });
    const webcast = Object.keys(data.room_user_stat).find((k) => k !== roomId)!;
    expect(data.room_user_stat[roomId]).toEqual({ room_id: Number(roomId), total_user_count: 5, student_count: 3, peak_user: 5 });
    expect(data.room_user_stat[webcast]).toEqual({ room_id: Number(webcast), total_user_count: 1, student_count: 1, peak_user: 1 });
    expect(Object.keys((await call('/openapi/room_data/getAllRoomUserStat', { date, product_type: 1 })).data.room_user_stat)).toEqual([roomId]);
    expect((await call('/openapi/room_data/getAllRoomUserStat', { date, product_type: 2 })).data.room_user_stat).toEqual({});
  });

  it('22 gives the peak of each 10-minute bucket, zeros included, agreeing with the CC peak', async () => {
    const { data } = await call('/openapi/room_data/getRoomPeakUser', { room_id: roomId, start_time: time(-10), end_time: time(50) });
    expect(data).toEqual({ date, peak_user: { '09:50:00': 1, '10:00:00': 4, '10:10:00': 4, '10:20:00': 5, '10:30:00': 4, '10:40:00': 0, '10:50:00': 0 } });
    const cc = await env.services.attendance.peakConcurrency({ roomId: room.id, from: at(20), to: at(30) - 1 });
    expect(cc.peak).toBe(5);
    // A range starting inside a bucket is clipped to it.
    expect((await call('/openapi/room_data/getRoomPeakUser', { room_id: roomId, start_time: time(31), end_time: time(35) })).data.peak_user).toEqual({ '10:30:00': 4 });
  });

  it('22 refuses ranges that cross days or run backwards, and malformed times', async () => {
    expect(await call('/openapi/room_data/getRoomPeakUser', { room_id: roomId, start_time: time(0), end_time: DateTime.fromMillis(at(14 * 60 + 30), { zone }).toFormat('yyyy-MM-dd HH:mm:ss') })).toMatchObject({ code: 1001, msg: expect.stringMatching(/end_time.*cross days/) });
    expect(await call('/openapi/room_data/getRoomPeakUser', { room_id: roomId, start_time: time(10), end_time: time(0) })).toMatchObject({ code: 1001, msg: expect.stringMatching(/end_time/) });
    expect(await call('/openapi/room_data/getRoomPeakUser', { room_id: roomId, start_time: date, end_time: time(0) })).toMatchObject({ code: 1001, msg: expect.stringMatching(/start_time must look like/) });
    expect(await call('/openapi/room_data/getRoomPeakUser', { room_id: roomId, start_time: time(0) })).toMatchObject({ code: 1001, msg: expect.stringMatching(/end_time is required/) });
  });

  it('23 gives the account peak of every hour of the day', async () => {
    const { data } = await call('/openapi/live_account/getHourPeakUser', { date, product_type: 0 });
    const expected = Object.fromEntries(Array.from({ length: 24 }, (_, h) => [String(h).padStart(2, '0'), 0]));
    Object.assign(expected, { '09': 1, 10: 5, 11: 1, 12: 1 });
    expect(data.peak_user).toEqual(expected);
    expect((await call('/openapi/live_account/getHourPeakUser', { date, product_type: 1 })).data.peak_user['11']).toBe(0);
    expect(await call('/openapi/live_account/getHourPeakUser', { date })).toMatchObject({ code: 1001, msg: expect.stringMatching(/product_type is required/) });
    expect(await call('/openapi/live_account/getHourPeakUser', { date, product_type: 7 })).toMatchObject({ code: 1001, msg: expect.stringMatching(/product_type/) });
  });

  it('24 gives every day of the range, 26 only the days with person-times, 27 each room of a day', async () => {
    const before = day.minus({ days: 2 }).toFormat('yyyy-MM-dd');
    const peaks = (await call('/openapi/live_account/getDayPeakUser', { start_date: before, end_date: date })).data.peak_user;
    expect(peaks).toEqual({ [before]: 0, [day.minus({ days: 1 }).toFormat('yyyy-MM-dd')]: 0, [date]: 5 });
    const cost = (await call('/openapi/live_account/getPartnerDailyCost', { start_date: before, end_date: date })).data.cost;
    const roomCost = (await call('/openapi/live_account/getAllRoomCost', { date })).data.room_cost;
    expect(roomCost[roomId]).toBe(5);
    expect(Object.values(roomCost)).toEqual([5, 1]);
    expect(cost).toEqual({ [date]: 6 });
    expect((await call('/openapi/live_account/getPartnerDailyCost', { start_date: before, end_date: date, product_type: 1 })).data.cost).toEqual({ [date]: 5 });
  });

  it("agrees with CC's max_parallel for the same account and day", async () => {
    const ccPeak = (await cc(env, t, '/collect/max_parallel/', { start_time: date, end_time: date })).json;
    expect(ccPeak.result).toBe('OK');
    const dayPeak = (await call('/openapi/live_account/getDayPeakUser', { start_date: date, end_date: date })).data.peak_user[date];
    expect([ccPeak.data.max_parallel, dayPeak]).toEqual([5, 5]);
  });

  it('refuses reversed or over-long ranges and impossible dates with 1001', async () => {
    expect(await call('/openapi/live_account/getDayPeakUser', { start_date: date, end_date: day.minus({ days: 1 }).toFormat('yyyy-MM-dd') })).toMatchObject({ code: 1001, msg: expect.stringMatching(/end_date/) });
    expect(await call('/openapi/live_account/getPartnerDailyCost', { start_date: '2020-01-01', end_date: '2021-06-01' })).toMatchObject({ code: 1001, msg: expect.stringMatching(/366 days/) });
    expect(await call('/openapi/live_account/getAllRoomCost', { date: '2023-02-29' })).toMatchObject({ code: 1001, msg: expect.stringMatching(/date must be a date/) });
    expect(await call('/openapi/room_data/getAllRoomUserStat', {})).toMatchObject({ code: 1001, msg: expect.stringMatching(/date is required/) });
  });
});

describe('quizzes, forms and clickers: 28, 29, 41, 42', () => {
  it('28 lists quizzes with question types, options and answer keys', async () => {
    const { data } = await call('/openapi/room_data/getRoomQuiz', { room_id: roomId });
    expect(data.quiz_list).toEqual([{
      quiz_id: quizId, title: '随堂考试', force_join: 1,
      question_list: [
        { question_id: quizId * 1000 + 1, type: 'single_select', title: '最大的数', option_list: [{ option_id: 1, value: '1', is_right: 0 }, { option_id: 2, value: '34', is_right: 1 }] },
        { question_id: quizId * 1000 + 2, type: 'multi_select', title: '四大名著', option_list: [{ option_id: 1, value: '西游记', is_right: 1 }, { option_id: 2, value: '水浒传', is_right: 1 }, { option_id: 3, value: '聊斋', is_right: 0 }] },
        { question_id: quizId * 1000 + 3, type: 'question_answer', title: '挖掘机哪家强', suggested_solution: '蓝翔' },
      ],
    }]);
  });

  it("29 gives each student's answers; an unknown quiz is 1001", async () => {
    const { data } = await call('/openapi/room_data/getQuizUserAnswer', { room_id: roomId, quiz_id: quizId });
    expect(data.student_answer_list).toEqual([
      { user_number: 1001, user_name: '王伟', answer_list: [{ question_id: quizId * 1000 + 1, answer: '2' }, { question_id: quizId * 1000 + 2, answer: '1,2' }, { question_id: quizId * 1000 + 3, answer: '蓝翔' }] },
      { user_number: 1002, user_name: '李娜', answer_list: [{ question_id: quizId * 1000 + 1, answer: '1' }] },
    ]);
    expect(await call('/openapi/room_data/getQuizUserAnswer', { room_id: roomId, quiz_id: quizId + 100 })).toMatchObject({ code: 1001, msg: expect.stringMatching(/quiz_id/) });
    expect(await call('/openapi/room_data/getQuizUserAnswer', { room_id: roomId })).toMatchObject({ code: 1001, msg: expect.stringMatching(/quiz_id is required/) });
  });

  it('41 gives the forms: every question, and one answer set per respondent', async () => {
    const { data } = await call('/openapi/room_data/exportQuestionnaireStat', { room_id: roomId });
    const form = data.list.question[0].question_id - 1;
    expect(data).toEqual({
      list: {
        user_answer_list: [{ [form + 1]: '高二', [form + 2]: '13800000000' }],
        question: [
          { question_id: form + 1, title: '年级', option_list: ['高一', '高二'], create_time: time(34) },
          { question_id: form + 2, title: '手机号', option_list: [], create_time: time(34) },
        ],
      },
      total: 1,
    });
  });

  it('42 letters the options and marks each choice right only when exact', async () => {
    const { data } = await call('/openapi/room_data/exportAnswerStat', { room_id: roomId });
    const qid = data.list[0].question_id;
    expect(data).toEqual({
      list: [{
        question_id: qid, description: '选出偶数', right_option: 'B,D',
        option_list: [{ option: 'A', is_right: false }, { option: 'B', is_right: true }, { option: 'C', is_right: false }, { option: 'D', is_right: true }],
        student_answer: [
          { user_number: 1002, user_name: '李娜', question_id: qid, select_option: 'B,D', is_right: true },
          { user_number: 1003, user_name: '张敏', question_id: qid, select_option: 'B', is_right: false },
        ],
      }],
      total: 1,
    });
  });
});

describe('classroom interactions: 30, 34, 38, 39, 40, 48', () => {
  it('30 lists each roll-call with everyone present (staff aside) and who checked in', async () => {
    const { data } = await call('/openapi/room_data/getUserCheckinInfo', { room_id: roomId });
    expect(data.checkin_list).toEqual([{ time: time(25), user_list: [
      { nickname: '王伟', user_number: 1001, checkin: 1 },
      { nickname: '李娜', user_number: 1002, checkin: 1 },
      { nickname: '张敏', user_number: 1003, checkin: 0 },
    ] }]);
  });

  it('34 gives the hand-raises of the window as a bare array', async () => {
    const { data } = await call('/openapi/room_data/getRoomRaiseData', { room_id: roomId, start_time: time(0), end_time: time(40) });
    expect(data).toEqual([{ room_id: Number(roomId), user_number: 1002, user_name: '李娜', raise_time: time(26), raise_success_time: time(27), raise_end_time: time(29), speak_time: '00:02:00' }]);
    expect((await call('/openapi/room_data/getRoomRaiseData', { room_id: roomId, start_time: date, end_time: date })).data).toHaveLength(1);
    expect((await call('/openapi/room_data/getRoomRaiseData', { room_id: roomId, start_time: String(Math.floor(at(27) / 1000)), end_time: String(Math.floor(at(40) / 1000)) })).data).toEqual([]);
    expect(await call('/openapi/room_data/getRoomRaiseData', { room_id: roomId, start_time: 'soon', end_time: date })).toMatchObject({ code: 1001, msg: expect.stringMatching(/start_time/) });
  });

  it('38 sums red packets per student; 48 counts likes and praise received', async () => {
    expect((await call('/openapi/room-data/getRoomRedPackage', { room_id: roomId })).data).toEqual({ info: [
      { student_id: '1001', count: 2, amount: 12, name: '王伟' },
      { student_id: '1003', count: 1, amount: 3, name: '张敏' },
    ] });
    expect((await call('/openapi/room_data/exportRoomPraiseStat', { room_id: roomId })).data).toEqual({ room_id: roomId, list: [{ user_number: 1003, user_name: '张敏', count: 3 }] });
  });

  it('39 lists lotteries with their winners', async () => {
    const { data } = await call('/openapi/room_data/exportAwardStat', { room_id: roomId });
    expect(data).toEqual({ list: [{ id: expect.any(Number), award_name: '三年高考', type: 1, user_name: '陈老师', create_time: time(35), award_user_list: ['李娜', '张敏'] }], total: 1 });
  });

  it('40 gives each question as a thread with its answer', async () => {
    const { data } = await call('/openapi/room_data/exportQaStat', { room_id: roomId });
    const common = { partner_id: Number(t.baijiayun.partner_id), room_id: Number(roomId), session_id: expect.any(Number) };
    expect(data).toEqual({ list: [
      [{ ...common, name: '王伟', number: 1001, user_role: 0, content: '1+1=?', create_time: time(21) }, { ...common, name: '陈老师', number: 900, user_role: 1, content: '2', create_time: time(22) }],
      [{ ...common, name: '张敏', number: 1003, user_role: 0, content: '有回放吗', create_time: time(23) }],
    ], total: 3 });
    expect(data.list[0][0].session_id).toBeGreaterThan(0);
  });
});

describe('expressions, attention checks and evaluations: 49–55', () => {
  it("49 groups each person's expression captures", async () => {
    expect((await call('/openapi/room_data/getExpReportList', { room_id: roomId })).data).toEqual({ title: '数据教室', room_id: Number(roomId), list: [
      { user_name: '李娜', user_number: 1002, user_role: 0, exp_list: [{ exp_desc: '微笑', exp_type: 'happy', exp_url: 'img.example.com/a.jpg' }, { exp_desc: '', exp_type: 'sad', exp_url: 'img.example.com/b.jpg' }] },
      { user_name: '陈老师', user_number: 900, user_role: 1, exp_list: [{ exp_desc: '', exp_type: 'neutral', exp_url: 'img.example.com/c.jpg' }] },
    ] });
  });

  it('54 lists the attention checks and 55 the results of one, all strings', async () => {
    const list = (await call('/openapi/room_data/exportAttentionList', { room_id: roomId })).data;
    expect(list).toEqual({ list: [{ attention_id: expect.stringMatching(/^\d+$/) }], total: 1 });
    const detail = (await call('/openapi/room_data/exportAttentionDetail', { room_id: roomId, attention_id: list.list[0].attention_id })).data;
    expect(detail).toEqual({ list: [
      { user_number: '1002', user_role: '0', user_name: '李娜', group: '2', client_type: 'android', attention_level: '0', ip: '2.2.2.3', create_time: time(36) },
      { user_number: '1003', user_role: '0', user_name: '张敏', group: '0', client_type: 'm站', attention_level: '1', ip: '3.3.3.3', create_time: time(36) },
    ], total: 2 });
    expect(await call('/openapi/room_data/exportAttentionDetail', { room_id: roomId, attention_id: 999999 })).toMatchObject({ code: 1001, msg: expect.stringMatching(/attention_id/) });
  });

  it('51 lists templates by status, paged; 52/53 bind one to a room; 50 pages the answers', async () => {
    const all = (await call('/openapi/evaluation/getEvaluationList', {})).data;
    expect(all.total).toBe(2);
    expect(all.list[0]).toEqual({ id: templateId, title: '默认模板', create_time: time(-60), option_list: [
      { title: '总体评价', type: '2', is_force: '1', options: '非常好\n好\n一般', display_order: 1, option: ['非常好', '好', '一般'] },
      { title: '建议', type: '4', is_force: '0', display_order: 2 },
    ] });
    expect((await call('/openapi/evaluation/getEvaluationList', { status: 0 })).data.list.map((x: { title: string }) => x.title)).toEqual(['草稿']);
    expect((await call('/openapi/evaluation/getEvaluationList', { page: 2, page_size: 1 })).data).toMatchObject({ total: 2, list: [{ title: '草稿' }] });

    expect(await call('/openapi/evaluation/bindRoomEvaluation', { room_id: roomId, evaluate_id: templateId })).toMatchObject({ code: 0, data: null });
    expect(await env.services.evaluations.templateIdOfRoom(room)).toBe(templateId);
    const draft = all.list[1].id;
    expect(await call('/openapi/evaluation/updateRoomEvaluation', { room_id: roomId, evaluate_id: draft })).toMatchObject({ code: 0, data: null });
    expect(await env.services.evaluations.templateIdOfRoom(room)).toBe(draft);
    expect(await call('/openapi/evaluation/bindRoomEvaluation', { room_id: roomId, evaluate_id: 424242 })).toMatchObject({ code: 1001, msg: expect.stringMatching(/evaluate_id/) });

    const stat = (await call('/openapi/room_data/getEvaluationStat', { room_id: roomId })).data;
    expect(stat).toEqual({ total: 2, list: [
      { user_name: '李娜', user_number: '1002', title: '总体评价', question_id: questionIds[0], answer: '好', create_time: time(41) },
      { user_name: '李娜', user_number: '1002', title: '建议', question_id: questionIds[1], answer: '多讲例题', create_time: time(41) },
    ] });
    expect((await call('/openapi/room_data/getEvaluationStat', { room_id: roomId, page: 2, page_size: 1 })).data.list.map((r: { title: string }) => r.title)).toEqual(['建议']);
    expect(await call('/openapi/room_data/getEvaluationStat', { room_id: roomId, page_size: 1001 })).toMatchObject({ code: 1001, msg: expect.stringMatching(/page_size/) });
  });
});

describe('pro feature, rooms and tenants', () => {
  const PRO = ['/openapi/room_data/getRoomRaiseData', '/openapi/room_data/exportAwardStat', '/openapi/room_data/exportQaStat', '/openapi/room_data/exportQuestionnaireStat',
    '/openapi/room_data/exportAnswerStat', '/openapi/room_data/getPlaybackPdfPath', '/openapi/room_data/getEvaluationStat', '/openapi/evaluation/getEvaluationList',
    '/openapi/evaluation/bindRoomEvaluation', '/openapi/evaluation/updateRoomEvaluation'];

  it('answers 2002 on every pro-only endpoint for an account without the pro feature', async () => {
    const off = await newTenant(env, 'Not pro');
    await env.services.tenants.setSwitches(off.tenant.id, { pro: false });
    for (const path of PRO) expect((await call(path, { room_id: roomId, start_time: time(0), end_time: time(1), evaluate_id: 1 }, off)).code, path).toBe(2002);
  });

  const ROOM_PATHS = ['/openapi/room_data/exportChatMsg', '/openapi/room_data/exportLiveReport', '/openapi/room_data/getRoomQuiz', '/openapi/room_data/getUserCheckinInfo',
    '/openapi/room-data/getRoomRedPackage', '/openapi/room_data/exportAwardStat', '/openapi/room_data/exportQaStat', '/openapi/room_data/exportQuestionnaireStat',
    '/openapi/room_data/exportAnswerStat', '/openapi/room_data/exportRoomPraiseStat', '/openapi/room_data/getExpReportList', '/openapi/room_data/getEvaluationStat',
    '/openapi/room_data/exportAttentionList'];

  it("answers 3001 for another account's room and for an unknown one, 3002 for a deleted one, 1001 without room_id", async () => {
    const gone = await env.services.rooms.create({ tenantId: t.tenant.id, kind: 'large_class', title: 'gone' });
    await env.services.rooms.softDelete(gone);
    for (const path of ROOM_PATHS) {
      expect((await call(path, { room_id: roomId }, other)).code, path).toBe(3001);
      expect((await call(path, { room_id: '99999999999999' })).code, path).toBe(3001);
      expect((await call(path, { room_id: gone.numeric_id })).code, path).toBe(3002);
      expect(await call(path, {}), path).toMatchObject({ code: 1001, msg: expect.stringMatching(/room_id is required/) });
    }
  });

  it("shows another account none of this account's figures", async () => {
    expect((await call('/openapi/room_data/getAllRoomUserStat', { date }, other)).data.room_user_stat).toEqual({});
    expect((await call('/openapi/live_account/getAllRoomCost', { date }, other)).data.room_cost).toEqual({});
    expect((await call('/openapi/live_account/getDayPeakUser', { start_date: date, end_date: date }, other)).data.peak_user).toEqual({ [date]: 0 });
    expect(Object.values((await call('/openapi/live_account/getHourPeakUser', { date, product_type: 0 }, other)).data.peak_user).every((v) => v === 0)).toBe(true);
    expect((await call('/openapi/evaluation/getEvaluationList', {}, other)).data).toEqual({ total: 0, list: [] });
    expect((await call('/openapi/evaluation/bindRoomEvaluation', { room_id: (await env.services.rooms.create({ tenantId: other.tenant.id, kind: 'large_class', title: 'x' })).numeric_id, evaluate_id: templateId }, other))).toMatchObject({ code: 1001 });
  });

  it('requires the date of a long-term room on the dated pro endpoints', async () => {
    const longTerm = await env.services.rooms.create({ tenantId: t.tenant.id, kind: 'large_class', title: 'lt', properties: { is_long_term: 1 } });
    for (const path of ['/openapi/room_data/exportAwardStat', '/openapi/room_data/exportQaStat', '/openapi/room_data/exportQuestionnaireStat', '/openapi/room_data/exportAnswerStat', '/openapi/room_data/getEvaluationStat']) {
      expect(await call(path, { room_id: longTerm.numeric_id }), path).toMatchObject({ code: 1001, msg: expect.stringMatching(/date is required/) });
      expect((await call(path, { room_id: longTerm.numeric_id, date })).code, path).toBe(0);
    }
    // A short-term room narrowed to another day has nothing.
    expect((await call('/openapi/room_data/exportQaStat', { room_id: roomId, date: day.minus({ days: 1 }).toFormat('yyyy-MM-dd') })).data).toEqual({ list: [], total: 0 });
  });

  it('answers empty lists for a room where nothing was recorded', async () => {
    const empty = (await bjy(env, t, '/openapi/room/create', { title: 'empty', start_time: nowSeconds() + 60, end_time: nowSeconds() + 600 })).json.data.room_id;
    const expectations: Array<[string, unknown]> = [
      ['/openapi/room_data/exportChatMsg', { list: [] }],
      ['/openapi/room_data/exportLiveReport', { total: 0, room_user_info: [] }],
      ['/openapi/room_data/getRoomQuiz', { quiz_list: [] }],
      ['/openapi/room_data/getUserCheckinInfo', { checkin_list: [] }],
      ['/openapi/room-data/getRoomRedPackage', { info: [] }],
      ['/openapi/room_data/exportAwardStat', { list: [], total: 0 }],
      ['/openapi/room_data/exportQaStat', { list: [], total: 0 }],
      ['/openapi/room_data/exportQuestionnaireStat', { list: { user_answer_list: [], question: [] }, total: 0 }],
      ['/openapi/room_data/exportAnswerStat', { list: [], total: 0 }],
      ['/openapi/room_data/exportRoomPraiseStat', { room_id: empty, list: [] }],
      ['/openapi/room_data/getExpReportList', { title: 'empty', room_id: Number(empty), list: [] }],
      ['/openapi/room_data/getEvaluationStat', { list: [], total: 0 }],
      ['/openapi/room_data/exportAttentionList', { list: [], total: 0 }],
    ];
    for (const [path, data] of expectations) expect((await call(path, { room_id: empty })).data, path).toEqual(data);
  });
});
