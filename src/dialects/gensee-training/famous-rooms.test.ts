import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestEnv, gensee, newTenant, type TestEnv } from '../../../test/harness.js';
import { asTeacher, createTeacher, T } from '../../../test/training-rooms.js';
import type { TenantCredentials } from '../provision.js';
import { RoomService } from '../../core/rooms.js';

let env: TestEnv;
let a: TenantCredentials;
let b: TenantCredentials;
let teacher: Awaited<ReturnType<typeof createTeacher>>;
let other: Awaited<ReturnType<typeof createTeacher>>;

const START = Date.UTC(2030, 0, 2, 1, 0, 0);
const HOUR = 3_600_000;

beforeAll(async () => {
  env = await createTestEnv();
  a = await newTenant(env, 'Alpha');
  b = await newTenant(env, 'Beta');
  teacher = await createTeacher(env, a, 'wang');
  other = await createTeacher(env, a, 'li');
});
afterAll(() => env?.close());
afterEach(() => vi.restoreAllMocks());

let n = 0;
async function famous(params: Record<string, string | number> = {}, as = asTeacher(teacher)) {
  const { json } = await gensee(env, a, T('/famousroom/created'), { subject: `双师课 ${++n}`, startDate: START, invalidDate: START + 2 * HOUR, ...params }, as);
  return json;
}
const codeOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);
const roomsOf = (id: string) => env.services.db.selectFrom('rooms').selectAll().where('public_id', '=', id).executeTakeFirstOrThrow();

describe('5.44 famousroom/created', () => {
  it('creates a main room and classCount tutorial rooms sharing one set of tutorial tokens, each with its own links', async () => {
    const json = await famous({
      classCount: 3, teacherToken: 'lead-111', assistantToken: 'lead-222', slaveTeacherToken: 'tutor-333', slaveAssistantToken: 'tutor-444', slaveStudentClientToken: 'stud-555',
      slaveClazzList: JSON.stringify([{ clazzName: '一班' }, { clazzName: '二班' }]), maxAttendees: 100, realtime: 'true',
    });
    expect(json).toMatchObject({
      code: '0', teacherToken: 'lead-111', assistantToken: 'lead-222', startDate: START, invalidDate: START + 2 * HOUR,
      slaveRoomWrapper: { teacherToken: 'tutor-333', assistantToken: 'tutor-444', studentClientToken: 'stud-555' },
    });
    const infos = json.slaveRoomWrapper.slaveFamousRoomResultInfos as Array<{ id: string; code: string; clientUrl: string; studentClientUrl: string }>;
    expect(infos).toHaveLength(3);
    const main = await roomsOf(json.id);
    expect(main).toMatchObject({ kind: 'dual_teacher', owner_user_id: teacher.id, max_attendees: 100 });
    const branches = await Promise.all(infos.map((i) => roomsOf(i.id)));
    expect(branches.map((r) => r.title)).toEqual(['一班', '二班', '3班']);
    expect(infos.map((i) => i.code)).toEqual(branches.map((r) => r.number));
    for (const r of branches) {
      expect(r).toMatchObject({ kind: 'dual_teacher', scheduled_start: START, scheduled_end: START + 2 * HOUR, owner_user_id: teacher.id });
      expect(await env.services.passes.roleTokens(r)).toEqual({ host: 'tutor-333', assistant: 'tutor-444', student: 'stud-555' });
    }
    const links = [json.clientUrl, ...infos.flatMap((i) => [i.clientUrl, i.studentClientUrl])];
    expect(new Set(links).size).toBe(7);
    expect(await env.services.joinCodes.resolve(codeOf(infos[1].studentClientUrl))).toMatchObject({ roomId: branches[1].id, role: 'student' });
    expect(await env.services.joinCodes.resolve(codeOf(json.clientUrl))).toMatchObject({ roomId: main.id, role: 'host' });
  });

  it('defaults to one tutorial room "1班" with generated tokens', async () => {
    const json = await famous();
    const w = json.slaveRoomWrapper;
    expect(w.slaveFamousRoomResultInfos).toHaveLength(1);
    for (const t of [json.teacherToken, json.assistantToken, w.teacherToken, w.assistantToken, w.studentClientToken]) expect(t).toMatch(/^\d{6}$/);
    expect(new Set([w.teacherToken, w.assistantToken, w.studentClientToken]).size).toBe(3);
    expect((await roomsOf(w.slaveFamousRoomResultInfos[0].id)).title).toBe('1班');
  });

  it('is POST only', async () => {
    const { res, json } = await gensee(env, a, T('/famousroom/created'), { subject: 'get', startDate: START }, { method: 'GET' });
    expect(res.statusCode).toBe(404);
    expect(json.code).toBe('101');
  });

  it.each([
    [{ subject: 'x'.repeat(51) }, 'subject'], [{ classCount: 31 }, 'classCount'], [{ classCount: 0 }, 'classCount'],
    [{ classCount: 1, 'slaveClazzList[0].clazzName': 'A', 'slaveClazzList[1].clazzName': 'B' }, 'slaveClazzList'],
    [{ 'slaveClazzList[0][clazzName]': 'x'.repeat(21) }, 'slaveClazzList[0].clazzName'], [{ slaveTeacherToken: '123' }, 'slaveTeacherToken'],
    [{ invalidDate: START - 1 }, 'invalidDate'],
  ] as Array<[Record<string, string | number>, string]>)('answers 101 naming the parameter: %j', async (params, name) => {
    const json = await famous(params);
    expect(json.code).toBe('101');
    expect(json.message).toContain(name);
  });

  it('answers 502 for tutorial tokens that are not all different', async () => {
    expect((await famous({ slaveTeacherToken: '123456', slaveAssistantToken: '123456' })).code).toBe('502');
  });

  it('is one transaction: when the third tutorial room cannot be created, no room is left behind', async () => {
    const count = async (table: 'rooms' | 'room_branches' | 'room_passes') => Number((await env.services.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = [await count('rooms'), await count('room_branches'), await count('room_passes')];
    const create = RoomService.prototype.create;
    let calls = 0;
    vi.spyOn(RoomService.prototype, 'create').mockImplementation(function (this: RoomService, ...args) {
      if (++calls === 4) throw new Error('disk full');
      return create.apply(this, args);
    });
    expect((await famous({ classCount: 5 })).code).toBe('300');
    vi.restoreAllMocks();
    expect(calls).toBe(4);
    expect([await count('rooms'), await count('room_branches'), await count('room_passes')]).toEqual(before);
  });
});

describe('5.45–5.49 modify, rename, read, delete', () => {
  let main: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  beforeAll(async () => {
    main = await famous({ classCount: 2, slaveTeacherToken: 'tutor-333', slaveAssistantToken: 'tutor-444', slaveStudentClientToken: 'stud-555' });
  });
  const info = async (as = asTeacher(teacher)) => (await gensee(env, a, T('/famousroom/info'), { id: main.id }, as)).json;
  const infos = async () => (await info()).slaveRoomWrapper.slaveFamousRoomResultInfos as Array<{ id: string; code: string; groupList: unknown[] }>;

  it('5.47 reads the main room with its tutorial rooms, their numbers and groups', async () => {
    const first = (await infos())[0];
    await gensee(env, a, T('/group/create'), { roomId: first.id, groupCount: 2 }, asTeacher(teacher));
    const json = await info();
    expect(json).toMatchObject({ code: '0', id: main.id, number: main.number, teacherToken: main.teacherToken, clientUrl: main.clientUrl });
    const list = json.slaveRoomWrapper.slaveFamousRoomResultInfos;
    expect(list.map((i: { code: string }) => i.code)).toEqual(main.slaveRoomWrapper.slaveFamousRoomResultInfos.map((i: { code: string }) => i.code));
    expect(list[0].groupList).toEqual([{ code: '1', name: '1组', joinUrl: expect.stringContaining('/training/join/') }, { code: '2', name: '2组', joinUrl: expect.stringContaining('/training/join/') }]);
    expect(list[1].groupList).toEqual([]);
  });

  it('a main room has no students to group (500); its tutorial rooms do', async () => {
    expect((await gensee(env, a, T('/group/create'), { roomId: main.id, groupCount: 2 })).json.code).toBe('500');
  });

  it('5.48 reads a tutorial room: the main room\'s id, number and subject, its own name, tokens and links', async () => {
    const branch = main.slaveRoomWrapper.slaveFamousRoomResultInfos[1];
    const { json } = await gensee(env, a, T('/tutorialroom/info'), { roomId: branch.id }, asTeacher(teacher));
    expect(json).toMatchObject({
      code: '0', id: main.id, number: main.number, tutorialRoomId: branch.id, tutorialRoomName: '2班', teacherToken: 'tutor-333', assistantToken: 'tutor-444',
      studentClientToken: 'stud-555', clientUrl: branch.clientUrl, joinUrl: branch.studentClientUrl, startDate: START, invalidDate: START + 2 * HOUR, groupList: [],
    });
    expect(json.subject).toBe((await roomsOf(main.id)).title);
    expect((await gensee(env, a, T('/tutorialroom/info'), { roomId: main.id })).json.code).toBe('501');
  });

  it('5.46 renames a tutorial room; a main room or another teacher answers 501', async () => {
    const branch = main.slaveRoomWrapper.slaveFamousRoomResultInfos[0];
    const { json } = await gensee(env, a, T('/slaveroom/modify'), { roomId: branch.id, className: '实验班' }, asTeacher(teacher));
    expect(json).toEqual({ code: '0', message: '成功' });
    expect((await roomsOf(branch.id)).title).toBe('实验班');
    expect((await gensee(env, a, T('/slaveroom/modify'), { roomId: main.id, className: 'x' })).json.code).toBe('501');
    expect((await gensee(env, a, T('/slaveroom/modify'), { roomId: branch.id, className: 'x' }, asTeacher(other))).json.code).toBe('501');
    expect((await gensee(env, a, T('/slaveroom/modify'), { roomId: branch.id, className: 'x'.repeat(21) })).json.code).toBe('101');
  });

  it('5.45 drives the tutorial rooms: schedule, shared tokens, names in order, and classCount adds rooms', async () => {
    const { json } = await gensee(env, a, T('/famousroom/modify'), {
      id: main.id, startDate: START + HOUR, invalidDate: START + 3 * HOUR, classCount: 4, slavestudentClientToken: 'stud-999', subject: '改名双师',
      slaveClazzList: JSON.stringify([{ clazzName: 'A班' }, {}, {}, { clazzName: 'D班' }]),
    }, asTeacher(teacher));
    expect(json.code).toBe('0');
    expect(json.slaveRoomWrapper).toMatchObject({ teacherToken: 'tutor-333', studentClientToken: 'stud-999' });
    const list = json.slaveRoomWrapper.slaveFamousRoomResultInfos;
    expect(list).toHaveLength(4);
    expect(list[0]).not.toHaveProperty('code');
    expect(list[0].groupList).toHaveLength(2);
    const rooms = await Promise.all(list.map((i: { id: string }) => roomsOf(i.id)));
    expect(rooms.map((r) => r.title)).toEqual(['A班', '2班', '3班', 'D班']);
    for (const r of rooms) {
      expect([r.scheduled_start, r.scheduled_end]).toEqual([START + HOUR, START + 3 * HOUR]);
      expect((await env.services.passes.roleTokens(r)).student).toBe('stud-999');
    }
    expect((await roomsOf(main.id)).title).toBe('改名双师');
    // 5.44's spelling of the tutorial student token is accepted by 5.45 too (T-16).
    const again = await gensee(env, a, T('/famousroom/modify'), { id: main.id, startDate: START + HOUR, slaveStudentClientToken: 'stud-777' }, asTeacher(teacher));
    expect(again.json.slaveRoomWrapper.studentClientToken).toBe('stud-777');
    expect(again.json.slaveRoomWrapper.slaveFamousRoomResultInfos).toHaveLength(4);
  });

  it('5.45 with a smaller classCount removes the last tutorial rooms — not while one of them is in class (500, nothing changes)', async () => {
    const before = await infos();
    const last = await env.services.rooms.get(a.tenant.id, { publicId: before[3].id });
    await env.services.ingestion.startSession(last);
    expect((await gensee(env, a, T('/famousroom/modify'), { id: main.id, startDate: START, classCount: 2 })).json.code).toBe('500');
    expect(await infos()).toHaveLength(4);
    expect((await roomsOf(main.id)).scheduled_start).toBe(START + HOUR);
    await env.services.ingestion.endSession(await env.services.rooms.get(a.tenant.id, { publicId: before[3].id }));
    expect((await gensee(env, a, T('/famousroom/modify'), { id: main.id, startDate: START + HOUR, classCount: 2 })).json.code).toBe('0');
    expect((await infos()).map((i) => i.id)).toEqual([before[0].id, before[1].id]);
    expect((await roomsOf(before[3].id)).deleted_at).not.toBeNull();
  });

  it('5.45 is POST only, for the owner or an admin, on a main room (501 otherwise)', async () => {
    expect((await gensee(env, a, T('/famousroom/modify'), { id: main.id, startDate: START }, { method: 'GET' })).res.statusCode).toBe(404);
    expect((await gensee(env, a, T('/famousroom/modify'), { id: main.id, startDate: START }, asTeacher(other))).json.code).toBe('501');
    expect((await gensee(env, a, T('/famousroom/modify'), { id: main.slaveRoomWrapper.slaveFamousRoomResultInfos[0].id, startDate: START })).json.code).toBe('501');
    expect((await gensee(env, b, T('/famousroom/modify'), { id: main.id, startDate: START })).json.code).toBe('501');
    expect((await gensee(env, a, T('/famousroom/modify'), { id: main.id })).json.code).toBe('101');
  });

  it('5.49 deletes one tutorial room alone, or a main room with all of its tutorial rooms', async () => {
    const json = await famous({ classCount: 3 });
    const ids = json.slaveRoomWrapper.slaveFamousRoomResultInfos.map((i: { id: string }) => i.id) as string[];
    expect((await gensee(env, a, T('/famousroom/deleted'), { roomId: ids[0] }, asTeacher(other))).json.code).toBe('501');
    expect((await gensee(env, a, T('/famousroom/deleted'), { roomId: ids[0] }, asTeacher(teacher))).json).toEqual({ code: '0', message: '成功' });
    expect((await gensee(env, a, T('/famousroom/info'), { id: json.id })).json.slaveRoomWrapper.slaveFamousRoomResultInfos.map((i: { id: string }) => i.id)).toEqual(ids.slice(1));
    expect((await gensee(env, a, T('/famousroom/deleted'), { roomId: json.id })).json.code).toBe('0');
    for (const id of [json.id, ...ids]) expect((await roomsOf(id)).deleted_at).not.toBeNull();
    expect((await gensee(env, a, T('/famousroom/info'), { id: json.id })).json.code).toBe('501');
    const plain = (await gensee(env, a, T('/room/created'), { subject: 'not dual', startDate: START })).json.id;
    expect((await gensee(env, a, T('/famousroom/deleted'), { roomId: plain })).json.code).toBe('501');
  });

  it('5.3 on a main room takes its tutorial rooms along too', async () => {
    const json = await famous({ classCount: 2 });
    expect((await gensee(env, a, T('/room/deleted'), { roomId: json.id })).json.code).toBe('0');
    for (const i of json.slaveRoomWrapper.slaveFamousRoomResultInfos) expect((await roomsOf(i.id)).deleted_at).not.toBeNull();
  });
});
