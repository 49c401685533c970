import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, gensee, newTenant, type TestEnv } from '../../../test/harness.js';
import { asTeacher, createTeacher, createTrainingRoom, T } from '../../../test/training-rooms.js';
import type { TenantCredentials } from '../provision.js';
import type { RoomRow } from '../../storage/schema.js';
import { formatDate } from '../framework/time.js';

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

const codeOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);
const room = (id: string) => env.services.rooms.find(a.tenant.id, { publicId: id }) as Promise<RoomRow>;

describe('5.1 room/created', () => {
  it('creates an interactive room with the tokens sent, and a join link per role that resolves to (room, role)', async () => {
    const { json } = await gensee(env, a, T('/room/created'), {
      subject: '物理：力学', teacherToken: 'teach-111', studentToken: 'web-333', studentClientToken: 'client-444', startDate: '2030-01-02 09:00:00',
      invalidDate: '2030-01-02 10:30:00', assistantToken: 'assist-222', speakerInfo: '王老师', scheduleInfo: '第一课', description: '力学入门',
      uiMode: 2, uiWindow: 'true', maxAttendees: 60, aacSupport: 'true',
    }, asTeacher(teacher));
    expect(json).toMatchObject({
      code: '0', id: expect.stringMatching(/^[0-9a-f]{32}$/), number: expect.stringMatching(/^\d{8}$/),
      teacherToken: 'teach-111', assistantToken: 'assist-222', studentToken: 'web-333', studentClientToken: 'client-444',
      startDate: START, invalidDate: START + 90 * MIN, webJoin: 'true', clientJoin: 'true', scene: 0,
    });
    expect(json.teacherJoinUrl).not.toBe(json.studentJoinUrl);
    const r = await room(json.id);
    expect(r).toMatchObject({ kind: 'interactive_class', title: '物理：力学', description: '力学入门', owner_user_id: teacher.id, max_attendees: 60, audio_aac: 1 });
    expect(await env.services.joinCodes.resolve(codeOf(json.teacherJoinUrl))).toMatchObject({ roomId: r.id, role: 'host', groupNumber: null });
    expect(await env.services.joinCodes.resolve(codeOf(json.studentJoinUrl))).toMatchObject({ roomId: r.id, role: 'student' });
    expect(json.teacherJoinUrl).not.toContain(r.number);
    expect(json.teacherJoinUrl).not.toContain(r.public_id);
  });

  it('generates teacher and assistant tokens, defaults realtime to false when omitted (field notes 3), scene=1 makes a small class', async () => {
    const { json } = await gensee(env, a, T('/room/created'), { subject: '小班课', startDate: START, scene: 1, duration: 45 });
    expect(json.code).toBe('0');
    expect(json.teacherToken).toMatch(/^\d{6}$/);
    expect(json.assistantToken).toMatch(/^\d{6}$/);
    expect(json.teacherToken).not.toBe(json.assistantToken);
    expect([json.studentToken, json.studentClientToken, json.scene, json.invalidDate]).toEqual(['', '', 1, START + 45 * MIN]);
    const r = await room(json.id);
    expect(r.kind).toBe('small_class');
    expect(JSON.parse(r.properties)).toMatchObject({ realtime: false, duration: 45 });
  });

  it('turns both join switches back on when both are off (T-13), and takes times as epoch ms', async () => {
    const { json } = await gensee(env, a, T('/room/created'), { subject: '开关', startDate: String(START), webJoin: 'false', clientJoin: 'false', realtime: 'true' });
    expect([json.webJoin, json.clientJoin, json.startDate]).toEqual(['true', 'true', START]);
    const only = await gensee(env, a, T('/room/created'), { subject: '仅客户端', startDate: START, webJoin: 'false' });
    expect([only.json.webJoin, only.json.clientJoin]).toEqual(['false', 'true']);
  });

  it('answers 502 for tokens that are not all different, and for a subject another room of the site has', async () => {
    expect((await gensee(env, a, T('/room/created'), { subject: 'dup tokens', startDate: START, teacherToken: '123456', studentToken: '123456' })).json.code).toBe('502');
    expect((await gensee(env, a, T('/room/created'), { subject: '物理：力学', startDate: START })).json.code).toBe('502');
    // Another site may use the subject.
    expect((await gensee(env, b, T('/room/created'), { subject: '物理：力学', startDate: START })).json.code).toBe('0');
  });

  it.each([
    [{ startDate: START }, 'subject'], [{ subject: 'x'.repeat(251), startDate: START }, 'subject'], [{ subject: 'x' }, 'startDate'],
    [{ subject: 'x', startDate: 'tomorrow' }, 'startDate'], [{ subject: 'x', startDate: START, teacherToken: '12345' }, 'teacherToken'],
    [{ subject: 'x', startDate: START, studentToken: '1234567890123456' }, 'studentToken'], [{ subject: 'x', startDate: START, uiMode: 7 }, 'uiMode'],
    [{ subject: 'x', startDate: START, scene: 2 }, 'scene'], [{ subject: 'x', startDate: START, realtime: 'maybe' }, 'realtime'],
    [{ subject: 'x', startDate: START, invalidDate: START - MIN }, 'invalidDate'], [{ subject: 'x', startDate: START, maxAttendees: -1 }, 'maxAttendees'],
  ] as Array<[Record<string, string | number>, string]>)('answers 101 naming the parameter: %j', async (params, name) => {
    const { json } = await gensee(env, a, T('/room/created'), params);
    expect(json.code).toBe('101');
    expect(json.message).toContain(name);
  });

  it('is for teachers and admins of the site only', async () => {
    expect((await gensee(env, a, T('/room/created'), { subject: 'x', startDate: START }, { host: 'nowhere.example.test' })).json.code).toBe('200');
    expect((await gensee(env, b, T('/room/created'), { subject: 'x', startDate: START }, asTeacher(teacher))).json.code).toBe('200');
  });
});

describe('5.2 room/modify', () => {
  let r: RoomRow;
  beforeAll(async () => {
    r = await createTrainingRoom(env, a, '待修改', teacher, { teacherToken: 'teach-111', assistantToken: 'assist-222', studentToken: 'web-333', description: 'before', speakerInfo: 'S', maxAttendees: 10, invalidDate: START + 60 * MIN, startDate: START });
  });
  const info = async () => (await gensee(env, a, T('/room/info'), { roomId: r.public_id })).json;

  it('takes the room id as `id` (field notes 5) or `Id`; sets subject and start, keeps what is not sent, clears what is sent empty', async () => {
    expect((await gensee(env, a, T('/room/modify'), { id: r.public_id, subject: '已修改', startDate: START + MIN, description: '' }, asTeacher(teacher))).json.code).toBe('0');
    expect(await info()).toMatchObject({ subject: '已修改', startDate: START + MIN, invalidDate: START + 60 * MIN, teacherToken: 'teach-111', studentToken: 'web-333' });
    const fresh = await room(r.public_id);
    expect([fresh.description, fresh.max_attendees]).toEqual([null, 10]);
    expect(JSON.parse(fresh.properties)).toMatchObject({ speakerInfo: 'S', realtime: false });
    expect((await gensee(env, a, T('/room/modify'), { Id: r.public_id, subject: '已修改', startDate: START, teacherToken: 'teach-999', studentToken: '', maxAttendees: 0, realtime: 'true' })).json.code).toBe('0');
    expect(await info()).toMatchObject({ teacherToken: 'teach-999', studentToken: '', assistantToken: 'assist-222' });
    const after = await room(r.public_id);
    expect(after.max_attendees).toBeNull();
    expect(JSON.parse(after.properties).realtime).toBe(true);
  });

  it('moves a room between interactive and small class with `scene`; `id` wins over `Id` when both are sent', async () => {
    const decoy = await createTrainingRoom(env, a, 'decoy');
    expect((await gensee(env, a, T('/room/modify'), { id: r.public_id, Id: decoy.public_id, subject: '已修改', startDate: START, scene: 1 })).json.code).toBe('0');
    expect([(await room(r.public_id)).kind, (await room(decoy.public_id)).kind]).toEqual(['small_class', 'interactive_class']);
    await gensee(env, a, T('/room/modify'), { id: r.public_id, subject: '已修改', startDate: START, scene: 0 });
    expect((await room(r.public_id)).kind).toBe('interactive_class');
  });

  it('answers 502 when tokens would clash or the subject is taken, 501 for rooms not the caller\'s, 101 for a missing id', async () => {
    const taken = await createTrainingRoom(env, a, '已占用');
    expect((await gensee(env, a, T('/room/modify'), { id: r.public_id, subject: '已修改', startDate: START, assistantToken: 'teach-999' })).json.code).toBe('502');
    expect((await gensee(env, a, T('/room/modify'), { id: r.public_id, subject: taken.title, startDate: START })).json.code).toBe('502');
    expect((await gensee(env, a, T('/room/modify'), { id: r.public_id, subject: 'x', startDate: START }, asTeacher(other))).json.code).toBe('501');
    expect((await gensee(env, b, T('/room/modify'), { id: r.public_id, subject: 'x', startDate: START })).json.code).toBe('501');
    expect((await gensee(env, a, T('/room/modify'), { subject: 'x', startDate: START })).json.code).toBe('101');
    expect((await gensee(env, a, T('/room/modify'), { id: r.public_id, startDate: START })).json.code).toBe('101');
    expect((await room(r.public_id)).title).toBe('已修改');
  });
});

describe('5.30 room/telconf and AAC', () => {
  it('configures 263 conferencing and forces AAC off; 5.2 cannot turn it on meanwhile (yet answers 0); without siteName it is off again', async () => {
    const r = await createTrainingRoom(env, a, '电话会议', teacher, { aacSupport: 'true' });
    expect((await room(r.public_id)).audio_aac).toBe(1);
    const { json } = await gensee(env, a, T('/room/telconf'), { roomId: r.public_id, siteName: 'acme', sitePassword: 'pw', callinSupport: 'true', callinNum: '400-800', hostPasscode: '1234', guestPasscode: '5678' }, asTeacher(teacher));
    expect(json).toEqual({ code: '0', message: '成功' });
    const configured = await room(r.public_id);
    expect(configured.audio_aac).toBe(0);
    expect(JSON.parse(configured.properties).telephoneConference).toEqual({ siteName: 'acme', sitePassword: 'pw', callinSupport: true, callinNum: '400-800', hostPasscode: '1234', guestPasscode: '5678' });
    expect((await gensee(env, a, T('/room/modify'), { id: r.public_id, subject: r.title, startDate: START, aacSupport: 'true' })).json.code).toBe('0');
    expect((await room(r.public_id)).audio_aac).toBe(0);
    expect((await gensee(env, a, T('/room/telconf'), { roomId: r.public_id })).json.code).toBe('0');
    expect(JSON.parse((await room(r.public_id)).properties).telephoneConference).toBeUndefined();
    await gensee(env, a, T('/room/modify'), { id: r.public_id, subject: r.title, startDate: START, aacSupport: 'true' });
    expect((await room(r.public_id)).audio_aac).toBe(1);
  });

  it('needs siteName and sitePassword together (101), and the caller\'s room (501)', async () => {
    const r = await createTrainingRoom(env, a, '电话会议 2', teacher);
    expect((await gensee(env, a, T('/room/telconf'), { roomId: r.public_id, siteName: 'acme' })).json.message).toContain('sitePassword');
    expect((await gensee(env, a, T('/room/telconf'), { roomId: r.public_id, siteName: 'acme', sitePassword: 'pw' }, asTeacher(other))).json.code).toBe('501');
    expect((await gensee(env, a, T('/room/telconf'), {})).json.code).toBe('101');
  });
});

describe('5.4 room/info', () => {
  it('reads back 5.1, with distinct links per role, its groups and their links', async () => {
    const r = await createTrainingRoom(env, a, '读取', teacher, { teacherToken: 'teach-111', studentClientToken: 'client-444', duration: 50 });
    await gensee(env, a, T('/group/create'), { roomId: r.public_id, groupCount: 2 }, asTeacher(teacher));
    const { json } = await gensee(env, a, T('/room/info'), { roomId: r.public_id }, { ...asTeacher(teacher), method: 'GET' });
    expect(json).toMatchObject({ code: '0', id: r.public_id, number: r.number, subject: r.title, teacherToken: 'teach-111', studentClientToken: 'client-444', duration: 50, action: false, aacSupport: false });
    expect(json.groupList).toEqual([
      { code: '1', name: '1组', joinUrl: expect.stringContaining('/training/join/') },
      { code: '2', name: '2组', joinUrl: expect.stringContaining('/training/join/') },
    ]);
    const links = [json.teacherJoinUrl, json.studentJoinUrl, ...json.groupList.map((g: { joinUrl: string }) => g.joinUrl)];
    expect(new Set(links).size).toBe(4);
  });

  it("reads a room made through another dialect (a webcast) too, and hides other teachers' rooms (501)", async () => {
    const { json: w } = await gensee(env, a, '/integration/site/webcast/created', { subject: 'webcast', startTime: START, organizerToken: '111111', panelistToken: '222222' });
    expect((await gensee(env, a, T('/room/info'), { roomId: w.id })).json).toMatchObject({ code: '0', subject: 'webcast', teacherToken: '111111', assistantToken: '222222', duration: 0 });
    const mine = await createTrainingRoom(env, a, 'hidden', teacher);
    expect((await gensee(env, a, T('/room/info'), { roomId: mine.public_id }, asTeacher(other))).json.code).toBe('501');
  });
});

describe('5.3 room/deleted', () => {
  it('deletes the room with its groups, roster, warm-up and relays in one go; history stays; later calls answer 501', async () => {
    const r = await createTrainingRoom(env, a, '删除', teacher);
    const source = await createTrainingRoom(env, a, '源');
    await gensee(env, a, T('/group/create'), { roomId: r.public_id, groupCount: 2 });
    await gensee(env, a, T('/room/student/list'), { roomId: r.public_id, studentListInfo: '[{"id":1,"name":"A"}]', groupCode: '1' });
    await gensee(env, a, T('/relay/add'), { roomId: r.public_id, relayId: source.public_id });
    await gensee(env, a, T('/relay/add'), { roomId: source.public_id, relayId: r.public_id });
    const rec = await env.services.media.addRecording({ tenantId: a.tenant.id, name: 'rec', size: 1, at: Date.now() });
    const warmupId = (await gensee(env, a, T('/warmup/created'), { name: 'w', recordId: rec.id })).json.id;
    await gensee(env, a, T('/warmup/attach'), { roomId: r.public_id, warmupId });
    const session = await env.services.ingestion.startSession(await room(r.public_id));
    const group = (await env.services.groups.find(r, '1'))!;

    expect((await gensee(env, a, T('/room/deleted'), { roomId: r.public_id }, asTeacher(teacher))).json.code).toBe('0');
    const gone = await room(r.public_id);
    expect(gone.deleted_at).not.toBeNull();
    expect(await env.services.joinCodes.resolve(group.joinCode)).toBeUndefined();
    const left = async (table: 'room_groups' | 'room_roster' | 'room_warmups') => env.services.db.selectFrom(table).select('room_id').where('room_id', '=', r.id).execute();
    expect([await left('room_groups'), await left('room_roster'), await left('room_warmups')]).toEqual([[], [], []]);
    expect(await env.services.relays.sourcesOf(source)).toEqual([]);
    expect((await env.services.sessions.latestEnded(r.id))?.id).toBe(session.id);
    expect((await gensee(env, a, T('/room/info'), { roomId: r.public_id })).json.code).toBe('501');
    expect((await gensee(env, a, T('/room/deleted'), { roomId: r.public_id })).json.code).toBe('501');
  });

  it("is refused for another teacher's room and another site's (501)", async () => {
    const r = await createTrainingRoom(env, a, 'keep', teacher);
    expect((await gensee(env, a, T('/room/deleted'), { roomId: r.public_id }, asTeacher(other))).json.code).toBe('501');
    expect((await gensee(env, b, T('/room/deleted'), { roomId: r.public_id })).json.code).toBe('501');
    expect((await room(r.public_id)).deleted_at).toBeNull();
  });
});

describe('5.54 room/sync', () => {
  it("lists the day's Training rooms with per-role links and tokens, filtered by status and finished, teachers their own", async () => {
    const c = await newTenant(env, 'Gamma');
    const t = await createTeacher(env, c, 'zhao');
    const r1 = await createTrainingRoom(env, c, 'sync 1', t, { teacherToken: 'teach-111', studentToken: 'web-333', studentClientToken: 'client-444', webJoin: 'false' });
    const r2 = await createTrainingRoom(env, c, 'sync 2');
    const r3 = await createTrainingRoom(env, c, 'sync 3', t);
    await env.services.ingestion.startSession(await env.services.rooms.get(c.tenant.id, { id: r2.id }));
    await env.services.ingestion.startSession(await env.services.rooms.get(c.tenant.id, { id: r3.id }));
    await env.services.ingestion.endSession(await env.services.rooms.get(c.tenant.id, { id: r3.id }));
    await gensee(env, c, '/integration/site/webcast/created', { subject: 'a webcast', startTime: START, organizerToken: '111111', panelistToken: '222222' });

    const sync = async (p: Record<string, string | number> = {}, as = {}) => (await gensee(env, c, T('/room/sync'), p, as)).json;
    const all = await sync();
    expect(all.page).toEqual({ pageNo: 1, totalPages: 1, totalCounts: 3 });
    expect(all.list.map((x: { roomId: string }) => x.roomId)).toEqual([r1.public_id, r2.public_id, r3.public_id]);
    const first = all.list[0];
    expect(first).toMatchObject({
      roomId: r1.public_id, subject: r1.title, code: r1.number, createTime: r1.created_at, teacherToken: 'teach-111', studentWebToken: 'web-333',
      studentClientToken: 'client-444', loginType: 1, status: 0, action: false,
    });
    expect(new Set([first.teacherJoinUrl, first.assistantJoinUrl, first.studentJoinUrl]).size).toBe(3);
    expect((await env.services.joinCodes.resolve(codeOf(first.assistantJoinUrl)))!.role).toBe('assistant');

    expect((await sync({ status: 2 })).list.map((x: { roomId: string }) => x.roomId)).toEqual([r2.public_id]);
    expect((await sync({ finished: 1 })).list.map((x: { roomId: string }) => x.roomId)).toEqual([r3.public_id]);
    expect((await sync({ finished: 2, status: 0 })).list.map((x: { roomId: string }) => x.roomId)).toEqual([r1.public_id]);
    expect((await sync({}, asTeacher(t))).list.map((x: { roomId: string }) => x.roomId)).toEqual([r1.public_id, r3.public_id]);
    const day = (offset: number) => formatDate(Date.now() + offset * 86_400_000, env.config.timeZone);
    expect((await sync({ createTime: `${day(0)} 10：00:00` })).page.totalCounts).toBe(3);
    expect((await sync({ createTime: day(0) })).page.totalCounts).toBe(3);
    expect((await sync({ createTime: `${day(2)} 10:00:00` })).page.totalCounts).toBe(0);
    expect((await sync({ createTime: 'soon' })).code).toBe('101');
    expect((await sync({ status: 3 })).code).toBe('101');
    expect((await gensee(env, a, T('/room/sync'))).json.list.some((x: { roomId: string }) => x.roomId === r1.public_id)).toBe(false);
  });
});
