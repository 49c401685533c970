import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cc, createTestEnv, gensee, newTenant, type TestEnv } from '../../../test/harness.js';
import type { RoomRow } from '../../storage/schema.js';
import type { TenantCredentials } from '../provision.js';

/**
 * Endpoints 1, 2, 3 and 11, over history recorded with explicit times. Wire times are Beijing
 * time (the default zone): T0 = 2024-03-01 10:00:00.
 */
const T0 = Date.UTC(2024, 2, 1, 2, 0, 0);
const DAY2 = T0 + 86_400_000;
const min = (m: number) => T0 + m * 60_000;

let env: TestEnv;
let a: TenantCredentials;
let b: TenantCredentials;
let room1: RoomRow;
let room2: RoomRow;
let live1: string;
let live2: string;
let openLive: string;

beforeAll(async () => {
  env = await createTestEnv();
  a = await newTenant(env, 'Alpha');
  b = await newTenant(env, 'Beta');
  const ing = env.services.ingestion;
  room1 = await env.services.rooms.create({ tenantId: a.tenant.id, kind: 'large_class', title: 'maths' });
  // The second room is made through the Gensee Webcast dialect: CC sees every room of the tenant.
  const created = await gensee(env, a, '/integration/site/webcast/created', { subject: 'physics', startTime: '2024-03-01 10:00:00', organizerToken: '111111', panelistToken: '222222' });
  room2 = (await env.services.rooms.find(a.tenant.id, { publicId: created.json.id }))!;

  // Live 1 of room 1, 10:00–10:45: overlapping intervals, a re-entry (v1), peak 4 first at 10:06.
  await ing.startSession(room1, T0);
  const who = (n: number) => ({ key: `v${n}`, name: `viewer ${n}` });
  const join = (n: number, m: number, extra: { platform?: string; area?: string } = {}) => ing.join({ room: room1, who: who(n), role: 'student', at: min(m), ...extra });
  const v1 = (await join(1, 1, { platform: 'web', area: '上海' })).participantId;
  const v2 = (await join(2, 2, { platform: 'android', area: '北京' })).participantId;
  await join(3, 3, { platform: 'ios' });
  await ing.leave(room1, v1, min(4));
  await join(1, 5, { platform: 'pc', area: '广州' });
  await join(4, 6, { platform: 'web', area: '上海' });
  await ing.leave(room1, v2, min(7));
  await join(5, 8, { platform: 'mac' });
  live1 = (await ing.endSession(room1, min(45)))!.public_id;

  // Live 2 of room 2, 10:05–10:20, two viewers: with live 1 the account holds 6 at 10:06:30.
  await ing.startSession(room2, min(5));
  await ing.join({ room: room2, who: { key: 'w1', name: 'w1' }, role: 'student', at: min(5.5) });
  await ing.join({ room: room2, who: { key: 'w2', name: 'w2' }, role: 'student', at: min(6.5) });
  live2 = (await ing.endSession(room2, min(20)))!.public_id;

  // The next day, a live of room 1 still running, with one viewer who has not left (an open interval).
  openLive = (await ing.startSession(room1, DAY2)).public_id;
  await ing.join({ room: room1, who: who(1), role: 'student', at: DAY2 + 60_000 });
});
afterAll(() => env?.close());

describe('1 /collect/max_parallel/', () => {
  const path = '/collect/max_parallel/';

  it("gives one live's peak and the moment it was first reached", async () => {
    const { json } = await cc(env, a, path, { liveid: live1 });
    expect(json).toEqual({ result: 'OK', data: { max_parallel: 4, time: '2024-03-01 10:06:00' }, error_msg: '' });
    expect((await cc(env, a, path, { liveid: live2 })).json.data).toEqual({ max_parallel: 2, time: '2024-03-01 10:06:30' });
  });

  it('counts an open interval of a running live up to now', async () => {
    expect((await cc(env, a, path, { liveid: openLive.toLowerCase() })).json.data).toEqual({ max_parallel: 1, time: '2024-03-02 10:01:00' });
  });

  it('gives the account-wide peak over a date range: every room together, end day included', async () => {
    const { json } = await cc(env, a, path, { start_time: '2024-03-01', end_time: '2024-03-01' });
    expect(json.data).toEqual({ max_parallel: 6, time: '2024-03-01 10:06:30' });
    const day2 = await cc(env, a, path, { start_time: '2024-03-02', end_time: '2024-03-02' });
    expect(day2.json.data).toEqual({ max_parallel: 1, time: '2024-03-02 10:01:00' });
    const both = await cc(env, a, path, { start_time: '2024-02-01', end_time: '2024-03-31' });
    expect(both.json.data).toEqual({ max_parallel: 6, time: '2024-03-01 10:06:30' });
  });

  it('accepts a time part (C-3) and trailing spaces (C-4); the window clips intervals', async () => {
    // From 10:07 on: v1, v3, v4 in room 1 and w1, w2 in room 2 (5), then v5 arrives at 10:08.
    const { json } = await cc(env, a, path, { start_time: '2024-03-01 10:07:00 ', end_time: '2024-03-01 10:20 ' });
    expect(json.data).toEqual({ max_parallel: 6, time: '2024-03-01 10:08:00' });
    const early = await cc(env, a, path, { start_time: '2024-03-01 10:00', end_time: '2024-03-01 10:06:10' });
    // Until 10:06:10: room 1's four at 10:06 plus w1 (in room 2 since 10:05:30); w2 comes later.
    expect(early.json.data).toEqual({ max_parallel: 5, time: '2024-03-01 10:06:00' });
  });

  it('answers 0 and an empty time for a quiet range', async () => {
    expect((await cc(env, a, path, { start_time: '2023-01-01', end_time: '2023-01-31' })).json.data).toEqual({ max_parallel: 0, time: '' });
  });

  it('lets liveid win over a range (C-6), but still checks the range', async () => {
    expect((await cc(env, a, path, { liveid: live1, start_time: '2024-03-02', end_time: '2024-03-02' })).json.data.max_parallel).toBe(4);
    expect((await cc(env, a, path, { liveid: live1, start_time: 'yesterday', end_time: '2024-03-02' })).json.result).toBe('FAIL');
  });

  it('refuses a malformed, reversed, half-given, too long or missing range', async () => {
    const fail = async (params: Record<string, string>, msg: RegExp) => {
      const { json } = await cc(env, a, path, params);
      expect(json).toMatchObject({ result: 'FAIL', data: null });
      expect(json.error_msg).toMatch(msg);
    };
    await fail({ start_time: '2024/03/01', end_time: '2024-03-02' }, /start_time must look like/);
    await fail({ start_time: '2024-03-01', end_time: '2024-02-30' }, /end_time must look like/);
    await fail({ start_time: '2024-03-02', end_time: '2024-03-01' }, /end_time "2024-03-01" is before start_time "2024-03-02"/);
    await fail({ start_time: '2024-03-01 10:00', end_time: '2024-03-01 09:59' }, /before/);
    await fail({ start_time: '2024-03-01' }, /end_time is required/);
    await fail({ start_time: '2022-01-01', end_time: '2024-01-01' }, /366 days/);
    await fail({}, /liveid, or start_time and end_time, is required/);
  });

  it("answers FAIL for an unknown live and for another account's live", async () => {
    expect((await cc(env, a, path, { liveid: 'FFFFFFFFFFFFFFFF' })).json.error_msg).toBe('live does not exist: liveid "FFFFFFFFFFFFFFFF" is not a live of this account');
    expect((await cc(env, b, path, { liveid: live1 })).json).toMatchObject({ result: 'FAIL', error_msg: expect.stringMatching(/live/) });
    // The other account's range sees none of this account's history.
    expect((await cc(env, b, path, { start_time: '2024-03-01', end_time: '2024-03-02' })).json.data).toEqual({ max_parallel: 0, time: '' });
  });

  it('takes the THQS string in a POST form body too (C-2)', async () => {
    const { json } = await cc(env, a, path, { liveid: live1 }, { method: 'POST' });
    expect(json.data).toEqual({ max_parallel: 4, time: '2024-03-01 10:06:00' });
  });
});

describe('2 /collect/live/usercount/', () => {
  it('counts distinct people: a re-entry counts once', async () => {
    expect((await cc(env, a, '/collect/live/usercount/', { liveid: live1 })).json).toEqual({ result: 'OK', data: { livecount: 5 }, error_msg: '' });
    expect((await cc(env, a, '/collect/live/usercount', { liveid: openLive })).json.data).toEqual({ livecount: 1 });
  });
});

describe('3 /collect/live/duration/', () => {
  const path = '/collect/live/duration/';

  it('gives start, end and the duration in hours', async () => {
    expect((await cc(env, a, path, { liveid: live1 })).json).toEqual({
      result: 'OK', data: { duration: 0.75, start_time: '2024-03-01 10:00:00', end_time: '2024-03-01 10:45:00' }, error_msg: '',
    });
    expect((await cc(env, a, path, { liveid: live2 })).json.data).toEqual({ duration: 0.25, start_time: '2024-03-01 10:05:00', end_time: '2024-03-01 10:20:00' });
  });

  it('counts a running live up to now, with an empty end time', async () => {
    const { json } = await cc(env, a, path, { liveid: openLive });
    expect(json.data.end_time).toBe('');
    expect(json.data.start_time).toBe('2024-03-02 10:00:00');
    expect(json.data.duration).toBeCloseTo((Date.now() - DAY2) / 3_600_000, 1);
  });

  it('refuses a missing, unknown or foreign liveid', async () => {
    expect((await cc(env, a, path)).json.error_msg).toMatch(/liveid is required/);
    expect((await cc(env, a, path, { liveid: 'nope' })).json.result).toBe('FAIL');
    expect((await cc(env, b, path, { liveid: live2 })).json.result).toBe('FAIL');
  });
});

describe('11 /collect/live/gather', () => {
  const path = '/collect/live/gather';

  it('counts each person once, under the location and platform of their first entry (C-10)', async () => {
    const { json } = await cc(env, a, path, { roomid: room1.public_id.toUpperCase(), liveid: live1 });
    expect(json).toEqual({
      result: 'OK',
      data: {
        locations: { 上海: 2, 北京: 1, 其他: 2 },
        roomid: room1.public_id.toUpperCase(),
        platforms: { 5: 2, 2: 1, 3: 1, mac: 1 },
        liveid: live1,
        usercount: 5,
      },
      error_msg: '',
    });
  });

  it('takes the room id in any case', async () => {
    expect((await cc(env, a, path, { roomid: room2.public_id, liveid: live2 })).json.data).toMatchObject({ usercount: 2, platforms: { other: 2 }, locations: { 其他: 2 } });
  });

  it('refuses a live of another room, an unknown room, and another account', async () => {
    expect((await cc(env, a, path, { roomid: room2.public_id, liveid: live1 })).json.error_msg).toMatch(/is not a live of room/);
    expect((await cc(env, a, path, { roomid: 'F'.repeat(32), liveid: live1 })).json.error_msg).toBe(`room does not exist: roomid "${'F'.repeat(32)}" is not a room of this account`);
    expect((await cc(env, a, path, { liveid: live1 })).json.error_msg).toMatch(/roomid is required/);
    expect((await cc(env, b, path, { roomid: room1.public_id, liveid: live1 })).json).toMatchObject({ result: 'FAIL', data: null });
  });
});
