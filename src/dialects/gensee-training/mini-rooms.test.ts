import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, gensee, newTenant, type TestEnv } from '../../../test/harness.js';
import { asTeacher, createTeacher, T } from '../../../test/training-rooms.js';
import type { TenantCredentials } from '../provision.js';
import type { RoomRow } from '../../storage/schema.js';

let env: TestEnv;
let a: TenantCredentials;
let b: TenantCredentials;
let teacher: Awaited<ReturnType<typeof createTeacher>>;
let other: Awaited<ReturnType<typeof createTeacher>>;

const MIN = 60_000;
const START = Date.UTC(2030, 0, 2, 1, 0, 0);

beforeAll(async () => {
  env = await createTestEnv();
  a = await newTenant(env, 'Alpha');
  b = await newTenant(env, 'Beta');
  teacher = await createTeacher(env, a, 'wang');
  other = await createTeacher(env, a, 'li');
});
afterAll(() => env?.close());

let n = 0;
const mini = async (params: Record<string, string | number> = {}, as: { loginName?: string; password?: string } = asTeacher(teacher), creds = a) =>
  (await gensee(env, creds, T('/miniroom/created'), { subject: `微课 ${++n}`, startDate: START, duration: 60, ...params }, as)).json;
const row = (id: string) => env.services.db.selectFrom('rooms').selectAll().where('public_id', '=', id).executeTakeFirstOrThrow() as Promise<RoomRow>;

describe('5.55 miniroom/created and 5.56 miniroom/modify', () => {
  it('creates a mini class that expires when it is planned to end; the student password is the room\'s student token', async () => {
    const json = await mini({ teacherToken: 'teach-111', studentClientToken: 'stud-222', duration: 45, maxAttendees: 30 });
    expect(json).toMatchObject({
      code: '0', teacherToken: 'teach-111', studentClientToken: 'stud-222', startDate: START, duration: 45, invalidDate: START + 45 * MIN, action: true,
    });
    expect(json.teacherJoinUrl).not.toBe(json.studentJoinUrl);
    const r = await row(json.id);
    expect(r).toMatchObject({ kind: 'mini_class', max_attendees: 30, owner_user_id: teacher.id });
    expect((await env.services.passes.roleTokens(r)).student).toBe('stud-222');
    const generated = await mini();
    expect(generated.teacherToken).toMatch(/^\d{6}$/);
    expect(generated.studentClientToken).toMatch(/^\d{6}$/);
  });

  it.each([
    [{ duration: 29 }, 'duration'], [{ duration: 481 }, 'duration'], [{ duration: '' }, 'duration'], [{ startDate: '' }, 'startDate'],
    [{ teacherToken: '12345' }, 'teacherToken'], [{ action: 'perhaps' }, 'action'],
  ] as Array<[Record<string, string | number>, string]>)('answers 101 naming the parameter: %j', async (params, name) => {
    const json = await mini(params);
    expect(json.code).toBe('101');
    expect(json.message).toContain(name);
  });

  it('answers 502 for equal tokens', async () => {
    expect((await mini({ teacherToken: '123456', studentClientToken: '123456' })).code).toBe('502');
  });

  it('5.56 changes what is sent, keeps the start and length, and keeps passwords sent empty', async () => {
    const json = await mini({ teacherToken: 'teach-111', studentClientToken: 'stud-222' });
    const mod = (p: Record<string, string | number>, as = asTeacher(teacher)) => gensee(env, a, T('/miniroom/modify'), { Id: json.id, subject: '改过的微课', ...p }, as);
    const { json: changed } = await mod({ teacherToken: '', studentClientToken: 'stud-999', action: 'false', description: '简介' });
    expect(changed).toMatchObject({ code: '0', id: json.id, teacherToken: 'teach-111', studentClientToken: 'stud-999', startDate: START, duration: 60, invalidDate: START + 60 * MIN, action: false });
    expect((await row(json.id)).title).toBe('改过的微课');
    expect((await mod({}, asTeacher(other))).json.code).toBe('501');
    expect((await gensee(env, b, T('/miniroom/modify'), { id: json.id, subject: 'x' })).json.code).toBe('501');
    expect((await gensee(env, a, T('/miniroom/modify'), { subject: 'x' })).json.code).toBe('101');
    const plain = (await gensee(env, a, T('/room/created'), { subject: 'not mini', startDate: START })).json.id;
    expect((await gensee(env, a, T('/miniroom/modify'), { id: plain, subject: 'x' })).json.code).toBe('501');
  });
});

describe('5.57 miniroom/export/history and 5.58 miniroom/syn', () => {
  let room: RoomRow;
  let t0: number;
  beforeAll(async () => {
    const json = await mini({}, asTeacher(teacher));
    room = await row(json.id);
    t0 = Date.now() - 3_600_000;
    const ing = env.services.ingestion;
    const fresh = () => env.services.rooms.get(a.tenant.id, { id: room.id });
    await ing.startSession(await fresh(), t0);
    const tom = { key: 'number:1001', name: 'Tom', userNumber: 1001 };
    const amy = { key: 'number:1002', name: 'Amy', userNumber: 1002 };
    const teacherWho = { key: 'user:t', name: 'Teacher' };
    await ing.join({ room: await fresh(), who: teacherWho, role: 'host', at: t0 });
    const tomJoin = await ing.join({ room: await fresh(), who: tom, role: 'student', at: t0 + MIN });
    const call = await ing.startRollcall({ room: await fresh(), at: t0 + 2 * MIN });
    await ing.answerRollcall({ room: await fresh(), rollcallId: call, who: tom, at: t0 + 2 * MIN + 5000 });
    await ing.endRollcall(await fresh(), call, t0 + 3 * MIN);
    const hand = await ing.raiseHand({ room: await fresh(), who: tom, at: t0 + 4 * MIN });
    await ing.updateHand(await fresh(), hand, { acceptedAt: t0 + 5 * MIN });
    await ing.updateHand(await fresh(), hand, { endedAt: t0 + 8 * MIN });
    await ing.raiseHand({ room: await fresh(), who: tom, at: t0 + 9 * MIN });
    await ing.reward({ room: await fresh(), kind: 'medal', giver: teacherWho, receiver: tom, quantity: 2, at: t0 + 10 * MIN });
    const quiz = await ing.publishPoll({ room: await fresh(), kind: 'quiz', title: 'Q', definition: { questions: [
      { id: 1, type: 'single', content: '1+1', options: [{ id: 1, value: '2', correct: true }, { id: 2, value: '3' }] },
      { id: 2, type: 'multi', content: 'primes', options: [{ id: 1, value: '2', correct: true }, { id: 2, value: '3', correct: true }, { id: 3, value: '4' }] },
      { id: 3, type: 'single', content: 'x', options: [{ id: 1, value: 'a', correct: true }, { id: 2, value: 'b' }] },
    ] }, at: t0 + 11 * MIN });
    await ing.respondPoll({ room: await fresh(), pollId: quiz, who: tom, answers: { 1: [1], 2: [1, 2], 3: [2] }, at: t0 + 12 * MIN });
    const amyJoin = await ing.join({ room: await fresh(), who: amy, role: 'student', at: t0 + 20 * MIN });
    await ing.leave(await fresh(), amyJoin.participantId, t0 + 30 * MIN);
    await ing.leave(await fresh(), tomJoin.participantId, t0 + 40 * MIN);
    await ing.endSession(await fresh(), t0 + 50 * MIN);
  });

  it('5.57 gives each student\'s figures, computed from the recorded class', async () => {
    const { json } = await gensee(env, a, T('/miniroom/export/history'), { id: room.public_id }, asTeacher(teacher));
    expect(json.code).toBe('0');
    expect(json.page).toEqual({ pageNo: 1, totalPages: 1, totalCounts: 2 });
    expect(json.recordStatistics).toEqual([
      {
        userNickname: 'Tom', userId: 1001, medalCount: 2, handUpCount: 2, podiumDuration: 3 * MIN, duration: 39 * MIN,
        handUpTimeStampList: [{ timeStamp: t0 + 4 * MIN }, { timeStamp: t0 + 9 * MIN }],
        rollCallDetailList: [{ answerTimestamp: t0 + 2 * MIN + 5000, status: 1, timestamp: t0 + 2 * MIN }],
        podiumDetailList: [{ beginTime: t0 + 5 * MIN, endTime: t0 + 8 * MIN }],
        voteDetails: [{ accuracy: '66.67%' }],
        answerSheetDetail: [],
      },
      {
        userNickname: 'Amy', userId: 1002, medalCount: 0, handUpCount: 0, podiumDuration: 0, duration: 10 * MIN,
        handUpTimeStampList: [], rollCallDetailList: [{ status: 3, timestamp: t0 + 2 * MIN }], podiumDetailList: [], voteDetails: [], answerSheetDetail: [],
      },
    ]);
  });

  it('5.57 is for the owner (or an admin) of a mini room: 501 otherwise; pageNo must be positive', async () => {
    expect((await gensee(env, a, T('/miniroom/export/history'), { id: room.public_id }, asTeacher(other))).json.code).toBe('501');
    expect((await gensee(env, a, T('/miniroom/export/history'), { id: room.public_id })).json.code).toBe('0');
    expect((await gensee(env, b, T('/miniroom/export/history'), { id: room.public_id })).json.code).toBe('501');
    expect((await gensee(env, a, T('/miniroom/export/history'), { id: room.public_id, pageNo: 0 })).json.code).toBe('101');
    expect((await gensee(env, a, T('/miniroom/export/history'), { id: room.public_id, pageNo: 2 })).json.recordStatistics).toEqual([]);
  });

  it("5.58 lists the caller's mini rooms with their totals, and the watch time of all of them", async () => {
    const c = await newTenant(env, 'Gamma');
    const t = await createTeacher(env, c, 'zhao');
    const m1 = await row((await mini({}, asTeacher(t), c)).id);
    const m2 = await row((await mini({}, {}, c)).id);
    await gensee(env, c, T('/room/created'), { subject: 'not mini', startDate: START });
    const ing = env.services.ingestion;
    const at = Date.now() - 3_600_000;
    const s1 = await ing.join({ room: m1, who: { key: 'u:1', name: 'One' }, role: 'student', at });
    await ing.leave(m1, s1.participantId, at + 10 * MIN);
    const h = await ing.raiseHand({ room: m1, who: { key: 'u:1', name: 'One' }, at: at + MIN });
    await ing.updateHand(m1, h, { acceptedAt: at + 2 * MIN, endedAt: at + 3 * MIN });
    const s2 = await ing.join({ room: m2, who: { key: 'u:2', name: 'Two' }, role: 'student', at });
    await ing.leave(m2, s2.participantId, at + 5 * MIN);

    const admin = (await gensee(env, c, T('/miniroom/syn'))).json;
    expect(admin).toEqual({
      code: '0', message: '成功',
      roomStatistics: [
        { id: m1.public_id, stageNum: 1, handupNum: 1, watchTotalTime: 10 * MIN, visitNum: 1 },
        { id: m2.public_id, stageNum: 0, handupNum: 0, watchTotalTime: 5 * MIN, visitNum: 1 },
      ],
      page: { pageNo: 1, totalPages: 1, totalCounts: 2 },
      duration: 15 * MIN,
    });
    const mine = (await gensee(env, c, T('/miniroom/syn'), {}, asTeacher(t))).json;
    expect([mine.roomStatistics.map((x: { id: string }) => x.id), mine.duration]).toEqual([[m1.public_id], 10 * MIN]);
  });
});
