import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bjy, createTestEnv, gensee, newTenant, nowSeconds, type TestEnv } from '../../../test/harness.js';
import { asTeacher, createTeacher, createTrainingRoom, T } from '../../../test/training-rooms.js';
import type { TenantCredentials } from '../provision.js';
import type { RoomRow } from '../../storage/schema.js';

let env: TestEnv;
let a: TenantCredentials;
let b: TenantCredentials;
let teacher: Awaited<ReturnType<typeof createTeacher>>;
let room: RoomRow;
let othersRoom: RoomRow;

beforeAll(async () => {
  env = await createTestEnv();
  a = await newTenant(env, 'Alpha');
  b = await newTenant(env, 'Beta');
  teacher = await createTeacher(env, a, 'wang');
  room = await createTrainingRoom(env, a, '分组课', teacher);
  othersRoom = await createTrainingRoom(env, a, 'admin room');
});
afterAll(() => env?.close());

const as = () => asTeacher(teacher);
const codeOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);
const groups = async (r: RoomRow) => (await env.services.groups.list(r)).map((g) => [String(g.number), g.name]);

describe('5.50 group/create', () => {
  it('creates groupCount groups named from groupNameList, the rest "n组", each with its own student join link', async () => {
    const { json } = await gensee(env, a, T('/group/create'), { groupCount: 3, roomId: room.public_id, groupNameList: JSON.stringify([{ groupName: '红队' }, { groupName: '蓝队' }]) }, as());
    expect(json.code).toBe('0');
    expect(json.groups.map((g: { code: string; name: string }) => [g.code, g.name])).toEqual([['1', '红队'], ['2', '蓝队'], ['3', '3组']]);
    expect(json.groups[0]).toEqual({ code: '1', roomId: room.public_id, joinUrl: expect.stringMatching(/^http:\/\/.+\/training\/join\/[a-z0-9]{6}$/), name: '红队', subject: room.title });
    const urls = json.groups.map((g: { joinUrl: string }) => g.joinUrl);
    expect(new Set(urls).size).toBe(3);
    const group = (await env.services.groups.find(room, '2'))!;
    expect(await env.services.joinCodes.resolve(codeOf(urls[1]))).toEqual({ tenantId: a.tenant.id, roomId: room.id, role: 'student', groupNumber: group.number });
  });

  it('answers 502 for a room that has groups, and leaves them', async () => {
    expect((await gensee(env, a, T('/group/create'), { groupCount: 2, roomId: room.public_id }, as())).json.code).toBe('502');
    expect(await groups(room)).toEqual([['1', '红队'], ['2', '蓝队'], ['3', '3组']]);
  });

  it.each([
    [{ roomId: 'x' }, 'groupCount'], [{ groupCount: 0, roomId: 'x' }, 'groupCount'], [{ groupCount: 41, roomId: 'x' }, 'groupCount'], [{ groupCount: 1 }, 'roomId'],
    [{ groupCount: 1, roomId: 'x', 'groupNameList[0].groupName': 'A', 'groupNameList[1].groupName': 'B' }, 'groupNameList'],
    [{ groupCount: 1, roomId: 'x', groupNameList: '[{"groupName":' }, 'groupNameList'],
    [{ groupCount: 1, roomId: 'x', 'groupNameList[0][groupName]': 'x'.repeat(51) }, 'groupNameList[0].groupName'],
  ] as Array<[Record<string, string | number>, string]>)('refuses %j naming %s', async (params, name) => {
    const { json } = await gensee(env, a, T('/group/create'), params);
    expect(['101', '102']).toContain(json.code);
    expect(json.message).toContain(name);
  });

  it("reads indexed names, keeps teachers off others' rooms (501) and other sites off this one (501)", async () => {
    const r = await createTrainingRoom(env, a, 'indexed', teacher);
    const { json } = await gensee(env, a, T('/group/create'), { groupCount: 2, roomId: r.public_id, 'groupNameList[1][groupName]': 'B', 'groupNameList[0][groupName]': 'A' }, as());
    expect(json.groups.map((g: { name: string }) => g.name)).toEqual(['A', 'B']);
    expect((await gensee(env, a, T('/group/create'), { groupCount: 2, roomId: othersRoom.public_id }, as())).json.code).toBe('501');
    expect((await gensee(env, b, T('/group/create'), { groupCount: 2, roomId: othersRoom.public_id })).json.code).toBe('501');
    expect(await groups(othersRoom)).toEqual([]);
  });

  it('is one transaction: a failure while creating the third group leaves the room without groups or their codes', async () => {
    const r = await createTrainingRoom(env, a, 'atomic', teacher);
    // A stray code for group 3 (as a half-finished write would leave) makes creating group 3 fail.
    const stray = await env.services.db.insertInto('room_passes').values({
      tenant_id: a.tenant.id, room_id: r.id, role: 'student', code: 'stray3', secret: null, user_number: null, user_name: null, user_avatar: null, kind: 'group_code', group_id: 3, created_at: Date.now(),
    }).returning('id').executeTakeFirstOrThrow();
    expect((await gensee(env, a, T('/group/create'), { groupCount: 4, roomId: r.public_id }, as())).json.code).toBe('300');
    expect(await groups(r)).toEqual([]);
    const passes = await env.services.db.selectFrom('room_passes').select('code').where('room_id', '=', r.id).where('kind', '=', 'group_code').execute();
    expect(passes).toEqual([{ code: 'stray3' }]);
    await env.services.db.deleteFrom('room_passes').where('id', '=', stray.id).execute();
    expect((await gensee(env, a, T('/group/create'), { groupCount: 4, roomId: r.public_id }, as())).json.groups).toHaveLength(4);
  });
});

describe('5.51–5.53 add, update, delete', () => {
  it('5.51 adds a group numbered after the highest, default name "n组"; a room without groups answers 500', async () => {
    const { json } = await gensee(env, a, T('/group/add'), { roomId: room.public_id }, as());
    expect(json).toEqual({ code: '0', message: '成功', groupCode: '4', roomId: room.public_id, subject: room.title, joinUrl: expect.stringContaining('/training/join/'), name: '4组' });
    expect((await gensee(env, a, T('/group/add'), { roomId: room.public_id, groupName: '绿队' }, as())).json.groupCode).toBe('5');
    expect((await gensee(env, a, T('/group/add'), { roomId: othersRoom.public_id })).json.code).toBe('500');
  });

  it('5.51 stops at 40 groups (500)', async () => {
    const r = await createTrainingRoom(env, a, 'full');
    expect((await gensee(env, a, T('/group/create'), { groupCount: 40, roomId: r.public_id })).json.groups).toHaveLength(40);
    expect((await gensee(env, a, T('/group/add'), { roomId: r.public_id })).json.code).toBe('500');
  });

  it('5.52 renames a group; its code and join link stay', async () => {
    const before = (await env.services.groups.find(room, '4'))!;
    const { json } = await gensee(env, a, T('/group/update'), { roomId: room.public_id, groupCode: '4', groupName: '黄队' }, as());
    expect(json).toMatchObject({ code: '0', groupCode: '4', name: '黄队', joinUrl: expect.stringContaining(before.joinCode) });
    expect((await gensee(env, a, T('/group/update'), { roomId: room.public_id, groupCode: '99', groupName: 'x' }, as())).json.code).toBe('501');
    expect((await gensee(env, a, T('/group/update'), { roomId: room.public_id, groupCode: '4' }, as())).json.code).toBe('101');
    expect((await gensee(env, b, T('/group/update'), { roomId: room.public_id, groupCode: '4', groupName: 'x' })).json.code).toBe('501');
  });

  it('5.53 deletes a group and its join link; its students stay on the roster in no group; the next group takes the next number', async () => {
    await gensee(env, a, T('/room/student/list'), { roomId: room.public_id, groupCode: '4', studentListInfo: JSON.stringify([{ id: 7, name: '小明' }]) }, as());
    expect((await env.services.roster.list(room))[0].group_id).not.toBeNull();
    const doomed = (await env.services.groups.find(room, '4'))!;
    expect((await gensee(env, a, T('/group/delete'), { roomId: room.public_id, groupCode: '4' }, as())).json.code).toBe('0');
    expect(await env.services.joinCodes.resolve(doomed.joinCode)).toBeUndefined();
    expect((await env.services.roster.list(room)).map((s) => [s.user_number, s.name, s.group_id])).toEqual([[7, '小明', null]]);
    expect((await gensee(env, a, T('/group/delete'), { roomId: room.public_id, groupCode: '4' }, as())).json.code).toBe('501');
    expect((await gensee(env, a, T('/group/add'), { roomId: room.public_id }, as())).json.groupCode).toBe('6');
  });
});

describe('5.59 room/student/list', () => {
  const roster = async (r: RoomRow) => (await env.services.roster.list(r)).map((s) => [s.user_number, s.name]);

  it('adds students (cover=false keeps the others, updates those listed again), cover=true replaces', async () => {
    const r = await createTrainingRoom(env, a, 'roster', teacher);
    expect((await gensee(env, a, T('/room/student/list'), { roomId: r.public_id, studentListInfo: '[{"id":111,"name":"张三"},{"id":22,"name":"李四"}]' }, as())).json.code).toBe('0');
    await gensee(env, a, T('/room/student/list'), { roomId: r.public_id, studentListInfo: '[{"id":22,"name":"李四四"},{"id":3,"name":"王五"}]', cover: 'false' }, as());
    expect(await roster(r)).toEqual([[3, '王五'], [22, '李四四'], [111, '张三']]);
    await gensee(env, a, T('/room/student/list'), { roomId: r.public_id, 'studentListInfo[0].id': 5, 'studentListInfo[0].name': '赵六', cover: 'true' }, as());
    expect(await roster(r)).toEqual([[5, '赵六']]);
  });

  it('expires after expireTime days (default 7)', async () => {
    const r = await createTrainingRoom(env, a, 'expiry');
    await gensee(env, a, T('/room/student/list'), { roomId: r.public_id, studentListInfo: '[{"id":1,"name":"A"}]' });
    await gensee(env, a, T('/room/student/list'), { roomId: r.public_id, studentListInfo: '[{"id":2,"name":"B"}]', expireTime: 30 });
    const now = Date.now();
    expect((await env.services.roster.list(r, now + 8 * 86_400_000)).map((s) => s.user_number)).toEqual([2]);
    expect((await env.services.roster.list(r, now + 31 * 86_400_000))).toEqual([]);
  });

  it('refuses a repeated id (502), an unknown group (501), bad input (101/102), and stores nothing then', async () => {
    const r = await createTrainingRoom(env, a, 'refusals', teacher);
    await gensee(env, a, T('/room/student/list'), { roomId: r.public_id, studentListInfo: '[{"id":9,"name":"keep"}]' });
    const call = (p: Record<string, string | number>) => gensee(env, a, T('/room/student/list'), { roomId: r.public_id, cover: 'true', ...p }, as());
    expect((await call({ studentListInfo: '[{"id":1,"name":"A"},{"id":1,"name":"B"}]' })).json.code).toBe('502');
    expect((await call({ studentListInfo: '[{"id":1,"name":"A"}]', groupCode: '1' })).json.code).toBe('501');
    expect((await call({})).json.code).toBe('101');
    expect((await call({ studentListInfo: '[{"name":"A"}]' })).json.message).toContain('studentListInfo[0].id');
    expect((await call({ studentListInfo: '[{"id":1,"name":"A"}]', expireTime: 181 })).json.code).toBe('101');
    expect((await call({ studentListInfo: '[{"id":1,"name":"A"' })).json.code).toBe('102');
    expect((await gensee(env, a, T('/room/student/list'), { roomId: othersRoom.public_id, studentListInfo: '[{"id":1,"name":"A"}]' }, as())).json.code).toBe('501');
    expect((await gensee(env, b, T('/room/student/list'), { roomId: r.public_id, studentListInfo: '[{"id":1,"name":"A"}]' })).json.code).toBe('501');
    expect(await roster(r)).toEqual([[9, 'keep']]);
  });
});

describe('groups are the core room groups Baijiayun reads too', () => {
  it("a Baijiayun group live room's groups read through Training; a group Training adds reads through Baijiayun with the same student code", async () => {
    const start = nowSeconds() + 3600;
    const created = (await bjy(env, a, '/openapi/room/create', { title: '分组直播', type: 2, is_group_live: 1, start_time: start, end_time: start + 3600 })).json;
    expect(created.code).toBe(0);
    const roomId = created.data.room_id as number;
    expect((await bjy(env, a, '/openapi/room/createGroupLiveCodes', { room_id: roomId, number: 2 })).json.code).toBe(0);
    const room = (await env.services.rooms.find(a.tenant.id, { numericId: String(roomId) }))!;

    const info = (await gensee(env, a, T('/room/info'), { roomId: room.public_id })).json;
    expect(info.groupList.map((g: { code: string; name: string }) => [g.code, g.name])).toEqual([['1', '1组'], ['2', '2组']]);
    const added = (await gensee(env, a, T('/group/add'), { roomId: room.public_id, groupName: '第三组' })).json;
    expect(added.groupCode).toBe('3');

    const codes = (await bjy(env, a, '/openapi/room/getGroupLiveCodes', { room_id: roomId })).json.data;
    const students = codes.student as Array<{ group_id: number; code: string }>;
    expect(students.map((s) => s.group_id)).toEqual([1, 2, 3]);
    expect(added.joinUrl).toBe(`${added.joinUrl.slice(0, added.joinUrl.lastIndexOf('/') + 1)}${students[2].code}`);
    expect(info.groupList[0].joinUrl.endsWith(`/${students[0].code}`)).toBe(true);
  });
});
