import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cc, createTestEnv, newTenant, type TestEnv } from '../../../test/harness.js';
import type { RoomRow } from '../../storage/schema.js';
import type { TenantCredentials } from '../provision.js';

/** Endpoints 4, 5, 6, 10 and 12. T0 = 2024-03-01 10:00:00 Beijing time (the default zone). */
const T0 = Date.UTC(2024, 2, 1, 2, 0, 0);
const min = (m: number) => T0 + m * 60_000;
const DAY = 86_400_000;

let env: TestEnv;
let a: TenantCredentials;
let b: TenantCredentials;
let room1: RoomRow;
let room2: RoomRow;
let live1: string;
let live2: string;
let live3: string;
let viewer: Record<'teacher' | 's1' | 's2', string>;

const teacher = { key: 'teacher', name: 'Ms Chen' };
const s1 = { key: 's1', name: 'Student One' };
const s2 = { key: 's2', name: 'Student Two' };

beforeAll(async () => {
  env = await createTestEnv();
  a = await newTenant(env, 'Alpha');
  b = await newTenant(env, 'Beta');
  const ing = env.services.ingestion;
  room1 = await env.services.rooms.create({ tenantId: a.tenant.id, kind: 'large_class', title: 'Maths 101' });
  room2 = await env.services.rooms.create({ tenantId: a.tenant.id, kind: 'small_class', title: 'Reading group' });

  // The teacher is in the room before class starts; s1 leaves and comes back; s2 is an attendee.
  await ing.join({ room: room1, who: teacher, role: 'host', ip: '10.0.0.2', platform: 'pc', at: min(-5) });
  await ing.startSession(room1, T0);
  const p1 = await ing.join({ room: room1, who: s1, role: 'student', ip: '1.1.1.1', platform: 'web', at: min(1) });
  await ing.clientReport({ room: room1, who: s1, ip: '1.1.1.1', report: { browser: 'Chrome_120.0', browser_kernel: 'blink', system: 'Windows 10', camera_enable: 1, micro_enable: true, screen_resolution: '1920*1080' }, at: min(1) + 5000 });
  await ing.join({ room: room1, who: s2, role: 'attendee', ip: '2.2.2.2', platform: 'ios', at: min(2) });
  await ing.clientReport({ room: room1, who: s2, ip: '2.2.2.2', report: { browser: 'Safari_17', system: 'iOS 17', camera_enable: 0, micro_enable: 0 }, at: min(2) + 5000 });
  await ing.chat({ room: room1, sender: s1, senderRole: 'student', content: 'hello', at: min(3) });
  await ing.chat({ room: room1, sender: teacher, senderRole: 'host', content: 'welcome', at: min(4) });
  await ing.chat({ room: room1, sender: s1, senderRole: 'student', receiver: teacher, content: 'a private word', at: min(5) });
  await ing.chat({ room: room1, sender: s2, senderRole: 'attendee', content: '老师好 & bye', at: min(6) });
  await ing.leave(room1, p1.participantId, min(10));
  await ing.join({ room: room1, who: s1, role: 'student', ip: '1.1.1.9', platform: 'web', at: min(12) });
  await ing.reward({ room: room1, kind: 'cup', giver: teacher, receiver: s1, at: min(20) });
  await ing.reward({ room: room1, kind: 'flower', giver: teacher, receiver: s2, at: min(21) });
  await ing.reward({ room: room1, kind: 'praise', giver: teacher, receiver: s1, at: min(22) });
  live1 = (await ing.endSession(room1, min(60)))!.public_id;

  // Room 2 has a live on day 2; room 1 a live on day 2 that is still running, s2 inside (an open interval).
  await ing.startSession(room2, T0 + DAY - 3_600_000);
  await ing.reward({ room: room2, kind: 'cup', receiver: s1, at: T0 + DAY - 3_000_000 });
  live3 = (await ing.endSession(room2, T0 + DAY - 1_800_000))!.public_id;
  live2 = (await ing.startSession(room1, T0 + DAY)).public_id;
  await ing.join({ room: room1, who: s2, role: 'student', at: T0 + DAY + 60_000 });

  const people = env.services.participants;
  viewer = {
    teacher: (await people.byKey(a.tenant.id, 'teacher'))!.viewer_id,
    s1: (await people.byKey(a.tenant.id, 's1'))!.viewer_id,
    s2: (await people.byKey(a.tenant.id, 's2'))!.viewer_id,
  };
});
afterAll(() => env?.close());

const R = () => room1.public_id.toUpperCase();

describe('4 /collect/live/user/record/', () => {
  const path = '/collect/live/user/record/';

  it('lists every entry and exit of the live, a re-entry as its own row, and echoes the ids', async () => {
    const { json } = await cc(env, a, path, { roomid: room1.public_id, liveid: live1.toLowerCase() });
    expect(json).toEqual({
      result: 'OK',
      roomid: R(),
      liveid: live1,
      data: [
        { username: 'Ms Chen', viewerid: viewer.teacher, role: 'presenter', ip: '10.0.0.2', platform: 'pc', enter_time: '2024-03-01 09:55:00', exit_time: '2024-03-01 11:00:00' },
        { username: 'Student One', viewerid: viewer.s1, role: 'talker', ip: '1.1.1.1', platform: 'web', enter_time: '2024-03-01 10:01:00', exit_time: '2024-03-01 10:10:00' },
        { username: 'Student Two', viewerid: viewer.s2, role: 'audience', ip: '2.2.2.2', platform: 'ios', enter_time: '2024-03-01 10:02:00', exit_time: '2024-03-01 11:00:00' },
        { username: 'Student One', viewerid: viewer.s1, role: 'talker', ip: '1.1.1.9', platform: 'web', enter_time: '2024-03-01 10:12:00', exit_time: '2024-03-01 11:00:00' },
      ],
      error_msg: '',
    });
  });

  it('filters by viewerid; an unknown viewer matches nothing', async () => {
    const { json } = await cc(env, a, path, { roomid: R(), liveid: live1, viewerid: viewer.s1 });
    expect(json.data.map((r: { enter_time: string }) => r.enter_time)).toEqual(['2024-03-01 10:01:00', '2024-03-01 10:12:00']);
    expect((await cc(env, a, path, { roomid: R(), liveid: live1, viewerid: '0'.repeat(32) })).json.data).toEqual([]);
  });

  it('shows an open interval with an empty exit time', async () => {
    const { json } = await cc(env, a, path, { roomid: R(), liveid: live2 });
    expect(json.data).toEqual([{ username: 'Student Two', viewerid: viewer.s2, role: 'talker', ip: '', platform: '', enter_time: '2024-03-02 10:01:00', exit_time: '' }]);
  });

  it('refuses missing ids, a live of another room, and another account', async () => {
    expect((await cc(env, a, path, { liveid: live1 })).json.error_msg).toMatch(/roomid is required/);
    expect((await cc(env, a, path, { roomid: R() })).json.error_msg).toMatch(/liveid is required/);
    expect((await cc(env, a, path, { roomid: room2.public_id, liveid: live1 })).json.error_msg).toMatch(/not a live of room/);
    expect((await cc(env, b, path, { roomid: R(), liveid: live1 })).json).toMatchObject({ result: 'FAIL', error_msg: expect.stringMatching(/room/) });
  });
});

describe('5 /collect/live/chat/record/', () => {
  const path = '/collect/live/chat/record/';

  it('lists the public chat of the live, oldest first, and echoes the ids', async () => {
    const { json } = await cc(env, a, path, { roomid: R(), liveid: live1 });
    expect(json).toMatchObject({ result: 'OK', roomid: R(), liveid: live1, error_msg: '' });
    expect(json.data).toEqual([
      { id: expect.any(Number), timestamp: '2024-03-01 10:03:00', username: 'Student One', content: 'hello', chat_userid: viewer.s1 },
      { id: expect.any(Number), timestamp: '2024-03-01 10:04:00', username: 'Ms Chen', content: 'welcome', chat_userid: viewer.teacher },
      { id: expect.any(Number), timestamp: '2024-03-01 10:06:00', username: 'Student Two', content: '老师好 & bye', chat_userid: viewer.s2 },
    ]);
    expect(new Set(json.data.map((r: { id: number }) => r.id)).size).toBe(3);
  });

  it('is empty for a live without chat; refuses another account', async () => {
    expect((await cc(env, a, path, { roomid: room2.public_id, liveid: live3 })).json.data).toEqual([]);
    expect((await cc(env, b, path, { roomid: R(), liveid: live1 })).json.result).toBe('FAIL');
  });
});

describe('6 /collect/live/record', () => {
  const path = '/collect/live/record';
  const row = (live: string, room: RoomRow, start: string, end: string, roomType: number) => ({
    end_time: end, room_type: roomType, userid: a.cc.userid, roomid: room.public_id.toUpperCase(), class_name: room.title, liveid: live, start_time: start,
  });

  it("lists the account's lives that started in the window, oldest first, with paging fields beside data", async () => {
    const { json } = await cc(env, a, path, { start_time: '2024-03-01 00:00', end_time: '2024-03-03 00:00' });
    expect(json).toEqual({
      result: 'OK', page_size: 1, page_length: 20, page_count: 1,
      data: [
        row(live1, room1, '2024-03-01 10:00:00', '2024-03-01 11:00:00', 3),
        row(live3, room2, '2024-03-02 09:00:00', '2024-03-02 09:30:00', 2),
        row(live2, room1, '2024-03-02 10:00:00', '', 3),
      ],
      error_msg: '',
    });
  });

  it('pages with page_size = page number and page_length = rows; page_count = total pages (C-14)', async () => {
    const p2 = await cc(env, a, path, { start_time: '2024-03-01 00:00', end_time: '2024-03-03 00:00', page_size: 2, page_length: 2 });
    expect(p2.json).toMatchObject({ page_size: 2, page_length: 2, page_count: 2 });
    expect(p2.json.data.map((r: { liveid: string }) => r.liveid)).toEqual([live2]);
    const beyond = await cc(env, a, path, { start_time: '2024-03-01 00:00', end_time: '2024-03-03 00:00', page_size: 9, page_length: 2 });
    expect(beyond.json).toMatchObject({ result: 'OK', data: [], page_count: 2 });
  });

  it('filters on start time, end excluded (C-8), and by room', async () => {
    const day1 = await cc(env, a, path, { start_time: '2024-03-01 10:00', end_time: '2024-03-02 10:00' });
    expect(day1.json.data.map((r: { liveid: string }) => r.liveid)).toEqual([live1, live3]);
    const late = await cc(env, a, path, { start_time: '2024-03-01 10:01', end_time: '2024-03-02 10:00:01' });
    expect(late.json.data.map((r: { liveid: string }) => r.liveid)).toEqual([live3, live2]);
    const ofRoom = await cc(env, a, path, { roomid: room2.public_id, start_time: '2024-03-01 00:00', end_time: '2024-03-03 00:00' });
    expect(ofRoom.json.data.map((r: { liveid: string }) => r.liveid)).toEqual([live3]);
  });

  it('requires both times, well formed and in order, and sane paging', async () => {
    const fail = async (params: Record<string, string | number>, msg: RegExp) => {
      const { json } = await cc(env, a, path, params);
      expect(json.result).toBe('FAIL');
      expect(json.error_msg).toMatch(msg);
    };
    await fail({ end_time: '2024-03-03 00:00' }, /start_time is required/);
    await fail({ start_time: '2024-03-01 00:00' }, /end_time is required/);
    await fail({ start_time: '2024-03-01T00:00', end_time: '2024-03-03 00:00' }, /start_time must look like/);
    await fail({ start_time: '2024-03-03 00:00', end_time: '2024-03-01 00:00' }, /before/);
    await fail({ start_time: '2024-03-01 00:00', end_time: '2024-03-03 00:00', page_size: 0 }, /page_size must be at least 1/);
    await fail({ start_time: '2024-03-01 00:00', end_time: '2024-03-03 00:00', page_length: 'x' }, /page_length must be an integer/);
    await fail({ start_time: '2024-03-01 00:00', end_time: '2024-03-03 00:00', page_length: 1001 }, /page_length must be at most 1000/);
    await fail({ roomid: 'abc', start_time: '2024-03-01 00:00', end_time: '2024-03-03 00:00' }, /^room does not exist: roomid "abc" is not a room of this account$/);
  });

  it("never shows another account's lives", async () => {
    const { json } = await cc(env, b, path, { start_time: '2024-03-01 00:00', end_time: '2024-03-03 00:00' });
    expect(json).toMatchObject({ result: 'OK', data: [], page_count: 0 });
    expect((await cc(env, b, path, { roomid: R(), start_time: '2024-03-01 00:00', end_time: '2024-03-03 00:00' })).json.result).toBe('FAIL');
  });
});

describe('10 /collect/reward/record', () => {
  const path = '/collect/reward/record';

  it('lists the rewards of the live, receiver as uid/uname, paged', async () => {
    const { json } = await cc(env, a, path, { roomid: R(), liveid: live1, page_length: 2 });
    expect(json).toEqual({
      result: 'OK', page_size: 1, page_length: 2, page_count: 2,
      data: [
        { reward_time: '2024-03-01 10:20:00', uname: 'Student One', liveid: live1, type: 'cup', uid: viewer.s1, roomid: R() },
        { reward_time: '2024-03-01 10:21:00', uname: 'Student Two', liveid: live1, type: 'flower', uid: viewer.s2, roomid: R() },
      ],
      error_msg: '',
    });
    const p2 = await cc(env, a, path, { roomid: R(), liveid: live1, page_length: 2, page_size: 2 });
    expect(p2.json.data).toEqual([{ reward_time: '2024-03-01 10:22:00', uname: 'Student One', liveid: live1, type: 'praise', uid: viewer.s1, roomid: R() }]);
  });

  it('keeps to the live asked for, and requires liveid (C-17)', async () => {
    expect((await cc(env, a, path, { roomid: room2.public_id, liveid: live3 })).json.data.map((r: { type: string }) => r.type)).toEqual(['cup']);
    expect((await cc(env, a, path, { roomid: R() })).json.error_msg).toMatch(/liveid is required/);
    expect((await cc(env, b, path, { roomid: R(), liveid: live1 })).json.result).toBe('FAIL');
  });
});

describe('12 /collect/room/client/info', () => {
  const path = '/collect/room/client/info';

  it("lists what viewers' clients reported in the room; userid here is the viewer (C-11)", async () => {
    const { json } = await cc(env, a, path, { roomid: R() });
    expect(json).toEqual({
      result: 'OK',
      data: [
        {
          camera_enable: 1, submit_time: '2024-03-01 10:01:05', roomid: R(), browser: 'Chrome_120.0', browser_kernel: 'blink', ip: '1.1.1.1',
          username: 'Student One', micro_enable: 1, system: 'Windows 10', userid: viewer.s1, screen_resolution: '1920*1080',
        },
        {
          camera_enable: 0, submit_time: '2024-03-01 10:02:05', roomid: R(), browser: 'Safari_17', browser_kernel: '', ip: '2.2.2.2',
          username: 'Student Two', micro_enable: 0, system: 'iOS 17', userid: viewer.s2, screen_resolution: '',
        },
      ],
      error_msg: '',
    });
  });

  it('filters by viewerid; refuses an unknown room and another account', async () => {
    const { json } = await cc(env, a, path, { roomid: R(), viewerid: viewer.s2.toUpperCase() });
    expect(json.data.map((r: { userid: string }) => r.userid)).toEqual([viewer.s2]);
    expect((await cc(env, a, path, { roomid: room2.public_id })).json.data).toEqual([]);
    expect((await cc(env, a, path, { roomid: '0'.repeat(32) })).json.error_msg).toMatch(/is not a room of this account/);
    expect((await cc(env, b, path, { roomid: R() })).json.result).toBe('FAIL');
  });
});
