import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bjy, createTestEnv, newTenant, nowSeconds, type TestEnv } from '../../../test/harness.js';
import { verifyPushKey } from '../../core/stream-keys.js';
import type { RoomRow } from '../../storage/schema.js';
import type { TenantCredentials } from '../provision.js';
import { configureAccount } from './account.js';

let env: TestEnv;
let a: TenantCredentials;
let b: TenantCredentials;

beforeAll(async () => {
  env = await createTestEnv({ publicUrl: 'https://live.school.example' });
  a = await newTenant(env, 'Alpha');
  b = await newTenant(env, 'Beta');
});
afterAll(() => env?.close());

type Created = { room_id: string; admin_code: string; teacher_code: string; student_code: string };

async function createRoom(creds: TenantCredentials, extra: Record<string, string | number> = {}): Promise<Created> {
  const start = nowSeconds() + 600;
  const { json } = await bjy(env, creds, '/openapi/room/create', { title: '分组大班', start_time: start, end_time: start + 3600, ...extra });
  expect(json.code, JSON.stringify(json)).toBe(0);
  return json.data as Created;
}
const rowOf = async (creds: TenantCredentials, id: string): Promise<RoomRow> => (await env.services.rooms.find(creds.tenant.id, { numericId: id }))!;

describe('2 room/create: rooms of every documented type', () => {
  const cases: Array<[Record<string, number>, string, number]> = [
    [{}, 'large_class', 2],
    [{ industry_type: 1 }, 'webinar', 2],
    [{ type: 1 }, 'one_to_one', 1],
    [{ type: 3, max_users: 8 }, 'small_class', 3],
    [{ type: 4, max_users: 6, max_backup_users: 20, auto_onstage: 1, template_type: 3 }, 'small_class', 4],
    [{ type: 5 }, 'dual_teacher', 5],
    [{ is_group_live: 1 }, 'group_live', 2],
    [{ is_group_live: 2, switch_room_role: 1 }, 'group_live', 2],
    [{ new_group_live: 1, enable_group_chat_public: 1 }, 'group_live', 2],
    [{ new_group_live: 2 }, 'dual_teacher', 5],
    [{ is_push_live: 1 }, 'push_live', 2],
    [{ is_long_term: 1 }, 'large_class', 2],
  ];
  for (const [params, kind, type] of cases) {
    it(`${JSON.stringify(params)} is a ${kind} room read back as type ${type}`, async () => {
      const extra: Record<string, number> = params.is_long_term ? { end_time: nowSeconds() + 60 * 86_400 } : {};
      const r = await createRoom(a, { ...params, ...extra });
      const row = await rowOf(a, r.room_id);
      expect(row.kind).toBe(kind);
      expect((await bjy(env, a, '/openapi/room/info', { room_id: r.room_id })).json.data.type).toBe(type);
      // Declared settings are kept as sent, as numbers; defaults are not written as settings.
      const settings = JSON.parse(row.properties) as Record<string, unknown>;
      for (const [k, v] of Object.entries(params)) if (!['industry_type', 'max_users'].includes(k)) expect(settings[k], k).toBe(v);
      expect(settings).not.toHaveProperty(params.is_push_live ? 'is_group_live' : 'is_push_live');
    });
  }

  it('a push-stream room gets its stream secret with the room', async () => {
    const r = await createRoom(a, { is_push_live: 1 });
    const row = await rowOf(a, r.room_id);
    const passes = await env.services.db.selectFrom('room_passes').select(['kind', 'secret']).where('room_id', '=', row.id).where('kind', '=', 'stream_key').execute();
    expect(passes).toEqual([{ kind: 'stream_key', secret: expect.any(String) }]);
    expect(await env.services.streamKeys.secretOf(row)).toBe(passes[0].secret);
  });

  it('a pseudo-live room replays a playback of the account: a video, or a room and its class', async () => {
    const source = await createRoom(a, { title: '录播源', is_long_term: 1, end_time: nowSeconds() + 30 * 86_400 });
    const room = await rowOf(a, source.room_id);
    const session = await env.services.ingestion.startSession(room, Date.now() - 7_200_000);
    const ended = (await env.services.ingestion.endSession(room, Date.now() - 3_600_000))!;
    const { vod } = await env.services.media.recordSession({ room: await rowOf(a, source.room_id), session: ended, size: 10 });
    const byVideo = await createRoom(a, { is_mock_live: 1, mock_video_id: vod.number, mock_live_record: 1 });
    expect((await rowOf(a, byVideo.room_id)).kind).toBe('pseudo_live');
    const byRoom = await createRoom(a, { is_mock_live: 1, mock_room_id: source.room_id, mock_session_id: Math.floor(session.started_at / 1000) });
    expect(JSON.parse((await rowOf(a, byRoom.room_id)).properties)).toMatchObject({ is_mock_live: 1, mock_room_id: Number(source.room_id) });
    const theirVod = (await env.services.media.importUpload({ tenantId: b.tenant.id, subject: 'x', size: 1, ownerUserId: null, at: Date.now() })).vod;
    const start = nowSeconds() + 600;
    const refused: Array<[Record<string, string | number>, RegExp]> = [
      [{ is_mock_live: 1 }, /mock_video_id/],
      [{ is_mock_live: 1, mock_video_id: 99999999 }, /mock_video_id/],
      [{ is_mock_live: 1, mock_video_id: theirVod.number }, /mock_video_id/],
      [{ is_mock_live: 1, mock_room_id: '11111111111111' }, /mock_room_id/],
      [{ is_mock_live: 1, mock_room_id: source.room_id, mock_session_id: 12345 }, /mock_session_id/],
    ];
    for (const [params, msg] of refused) {
      const { json } = await bjy(env, a, '/openapi/room/create', { title: 'mock', start_time: start, end_time: start + 600, ...params });
      expect(json.code, JSON.stringify(params)).toBe(1001);
      expect(json.msg).toMatch(msg);
    }
  });
});

describe('room types that need an account feature: 2002 without it', () => {
  it('long-term, group live and push live rooms, and the group and push endpoints', async () => {
    const t = await newTenant(env, 'Basic');
    const group = await createRoom(t, { is_group_live: 1 });
    const push = await createRoom(t, { is_push_live: 1 });
    await configureAccount(env.services, t.tenant.id, { disable: ['long-term', 'group-live', 'push-live'] });
    const start = nowSeconds() + 600;
    const kinds: Array<Record<string, number>> = [{ is_long_term: 1 }, { is_group_live: 1 }, { is_group_live: 2 }, { new_group_live: 1 }, { new_group_live: 2 }, { is_push_live: 1 }];
    for (const extra of kinds) {
      const { json } = await bjy(env, t, '/openapi/room/create', { title: 'x', start_time: start, end_time: start + 60, ...extra });
      expect(json.code, JSON.stringify(extra)).toBe(2002);
      expect(json.msg).toMatch(/feature/);
    }
    for (const [path, room, extra] of [
      ['/openapi/room/createGroupLiveCodes', group, { number: 2 }], ['/openapi/room/getGroupLiveCodes', group, {}], ['/openapi/room/getGroupSubRoomId', group, {}],
      ['/openapi/room/getPushLiveUrl', push, {}], ['/openapi/room/getPullStreamUrl', push, {}],
    ] as const) {
      expect((await bjy(env, t, path, { room_id: room.room_id, ...extra })).json.code, path).toBe(2002);
    }
    // An ordinary room needs nothing.
    expect((await bjy(env, t, '/openapi/room/create', { title: 'ok', start_time: start, end_time: start + 60 })).json.code).toBe(0);
  });

  it('group live needs a normal large class (type 2)', async () => {
    const start = nowSeconds() + 600;
    const { json } = await bjy(env, a, '/openapi/room/create', { title: 'x', start_time: start, end_time: start + 60, type: 4, max_users: 6, is_group_live: 1 });
    expect(json).toMatchObject({ code: 1001, msg: expect.stringMatching(/type/) });
  });
});

describe('31 createGroupLiveCodes, 32 getGroupLiveCodes, 36 getGroupSubRoomId', () => {
  it('gives each group an assistant and a student code with its entry URL; asking again keeps them', async () => {
    const r = await createRoom(a, { is_group_live: 1 });
    const made = (await bjy(env, a, '/openapi/room/createGroupLiveCodes', { room_id: r.room_id, number: 3 })).json;
    expect(made.code).toBe(0);
    expect(made.data.admin.map((x: { group_id: number }) => x.group_id)).toEqual([1, 2, 3]);
    expect(made.data.student.map((x: { user_role: number }) => x.user_role)).toEqual([0, 0, 0]);
    expect(made.data.admin[0]).toEqual({ group_id: 1, user_role: 2, code: expect.stringMatching(/^[a-z0-9]{6}$/), url: `https://live.school.example/web/room/prepare?room_id=${r.room_id}&code=${made.data.admin[0].code}` });
    const all = [...made.data.admin, ...made.data.student].map((x: { code: string }) => x.code);
    expect(new Set([...all, r.admin_code, r.teacher_code, r.student_code]).size).toBe(9);

    const more = (await bjy(env, a, '/openapi/room/createGroupLiveCodes', { room_id: r.room_id, number: 4 })).json.data;
    expect(more.admin.slice(0, 3)).toEqual(made.data.admin);
    expect(more.admin).toHaveLength(4);
    const fewer = (await bjy(env, a, '/openapi/room/createGroupLiveCodes', { room_id: r.room_id, number: 2 })).json.data;
    expect(fewer.student).toEqual(made.data.student.slice(0, 2));

    const codes = (await bjy(env, a, '/openapi/room/getGroupLiveCodes', { room_id: r.room_id })).json.data;
    expect(codes.teacher).toEqual([{ user_role: 1, url: expect.stringContaining(`code=${r.teacher_code}`), code: r.teacher_code }]);
    expect(codes.admin[0]).toEqual({ user_role: 2, url: expect.stringContaining(`code=${r.admin_code}`), code: r.admin_code });
    expect(codes.admin.slice(1)).toEqual(more.admin);
    expect(codes.student).toEqual(more.student);
    // A group code is a code of the room, found by getCodeInfo.
    expect((await bjy(env, a, '/openapi/room/getCodeInfo', { code: more.admin[3].code })).json.data.code_info).toMatchObject({ room_id: Number(r.room_id), user_role: 2 });
    // Groups without small classrooms of their own.
    expect((await bjy(env, a, '/openapi/room/getGroupSubRoomId', { room_id: r.room_id })).json.data).toEqual({ group_room_id: [] });
  });

  it('a big/small-class room (is_group_live=2) gives each group a small classroom of its own, deleted with the room', async () => {
    const r = await createRoom(a, { is_group_live: 2, title: '大小班' });
    await bjy(env, a, '/openapi/room/createGroupLiveCodes', { room_id: r.room_id, number: 2 });
    const subs = (await bjy(env, a, '/openapi/room/getGroupSubRoomId', { room_id: r.room_id })).json.data.group_room_id as Array<{ group_id: number; room_id: number }>;
    expect(subs.map((s) => s.group_id)).toEqual([1, 2]);
    const info = (await bjy(env, a, '/openapi/room/info', { room_id: String(subs[1].room_id) })).json;
    expect(info).toMatchObject({ code: 0, data: { title: '大小班 第2组', room_id: subs[1].room_id } });
    await bjy(env, a, '/openapi/room/createGroupLiveCodes', { room_id: r.room_id, number: 2 });
    expect((await bjy(env, a, '/openapi/room/getGroupSubRoomId', { room_id: r.room_id })).json.data.group_room_id).toEqual(subs);
    await bjy(env, a, '/openapi/room/delete', { room_id: r.room_id });
    expect((await bjy(env, a, '/openapi/room/info', { room_id: String(subs[0].room_id) })).json.code).toBe(3002);
  });

  it('concurrent requests create each group once', async () => {
    const r = await createRoom(a, { is_group_live: 2 });
    const answers = await Promise.all([2, 3, 3].map((number) => bjy(env, a, '/openapi/room/createGroupLiveCodes', { room_id: r.room_id, number })));
    expect(answers.map((x) => x.json.code)).toEqual([0, 0, 0]);
    const subs = (await bjy(env, a, '/openapi/room/getGroupSubRoomId', { room_id: r.room_id })).json.data.group_room_id;
    expect(subs.map((s: { group_id: number }) => s.group_id)).toEqual([1, 2, 3]);
    expect(answers[1].json.data).toEqual(answers[2].json.data);
  });

  it('refuses a room that is not group live, a bad number, and rooms of other accounts', async () => {
    const plain = await createRoom(a);
    const group = await createRoom(a, { new_group_live: 1 });
    expect((await bjy(env, a, '/openapi/room/createGroupLiveCodes', { room_id: plain.room_id, number: 2 })).json).toMatchObject({ code: 1001, msg: expect.stringMatching(/not a group live room/) });
    expect((await bjy(env, a, '/openapi/room/getGroupLiveCodes', { room_id: plain.room_id })).json.code).toBe(1001);
    for (const number of ['', '0', '201', 'two']) {
      expect((await bjy(env, a, '/openapi/room/createGroupLiveCodes', { room_id: group.room_id, number })).json).toMatchObject({ code: 1001, msg: expect.stringMatching(/number/) });
    }
    for (const path of ['/openapi/room/createGroupLiveCodes', '/openapi/room/getGroupLiveCodes', '/openapi/room/getGroupSubRoomId']) {
      expect((await bjy(env, b, path, { room_id: group.room_id, number: 1 })).json.code, path).toBe(3001);
    }
    expect(await env.services.roomGroups.ofRoom(await rowOf(a, group.room_id))).toEqual([]);
  });
});

describe('33 getPushLiveUrl, 37 getPullStreamUrl', () => {
  it('gives an RTMP push URL on Lectern\'s host with a key signed by the room and expiring in a day', async () => {
    const r = await createRoom(a, { is_push_live: 1 });
    const { json } = await bjy(env, a, '/openapi/room/getPushLiveUrl', { room_id: r.room_id });
    expect(json.code).toBe(0);
    const m = /^rtmp:\/\/live\.school\.example\/live\/([0-9a-f]{32})\/([0-9a-f]+)\/(\d{14})$/.exec(json.data.push_url);
    expect(m, json.data.push_url).not.toBeNull();
    const [, signature, expiryHex, stream] = m!;
    expect(stream).toBe(r.room_id);
    const expiresAt = parseInt(expiryHex, 16);
    expect(expiresAt - nowSeconds()).toBeGreaterThan(86_400 - 10);
    expect(expiresAt - nowSeconds()).toBeLessThanOrEqual(86_400);
    expect(json.data.expire_time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const room = await rowOf(a, r.room_id);
    const secret = await env.services.streamKeys.secretOf(room);
    expect(verifyPushKey(secret, stream, expiryHex, signature)).toBe(true);
    expect(verifyPushKey(secret, stream, expiryHex, signature, (expiresAt + 1) * 1000)).toBe(false);
    expect(verifyPushKey(secret, '26010100000000', expiryHex, signature)).toBe(false);
    expect(verifyPushKey(secret, stream, (expiresAt + 3600).toString(16), signature)).toBe(false);
    // Another room's secret does not sign this room's stream.
    const other = await createRoom(a, { is_push_live: 1 });
    expect(verifyPushKey(await env.services.streamKeys.secretOf(await rowOf(a, other.room_id)), stream, expiryHex, signature)).toBe(false);
  });

  it('gives RTMP and HLS pull URLs on Lectern\'s host', async () => {
    const r = await createRoom(a, { is_push_live: 1 });
    expect((await bjy(env, a, '/openapi/room/getPullStreamUrl', { room_id: r.room_id })).json).toMatchObject({
      code: 0,
      data: { rtmp_url: `rtmp://live.school.example/live/${r.room_id}`, m3u8_url: `https://live.school.example/live/${r.room_id}/playlist.m3u8` },
    });
  });

  it('refuses rooms that are not push-stream live, and rooms of other accounts', async () => {
    const plain = await createRoom(a);
    const push = await createRoom(a, { is_push_live: 1 });
    for (const path of ['/openapi/room/getPushLiveUrl', '/openapi/room/getPullStreamUrl']) {
      expect((await bjy(env, a, path, { room_id: plain.room_id })).json, path).toMatchObject({ code: 1001, msg: expect.stringMatching(/push/) });
      expect((await bjy(env, b, path, { room_id: push.room_id })).json.code, path).toBe(3001);
    }
  });
});

describe('46 setSpotVideo, 47 getSpotVideo', () => {
  /** A finished, recorded class of `room` and its playback; returns the playback's video id. */
  async function playback(creds: TenantCredentials, roomId: string): Promise<{ videoId: string; sessionStart: number }> {
    const room = await rowOf(creds, roomId);
    const session = await env.services.ingestion.startSession(room, Date.now() - 7_200_000);
    const ended = (await env.services.ingestion.endSession(room, Date.now() - 3_600_000))!;
    const { vod } = await env.services.media.recordSession({ room: await rowOf(creds, roomId), session: ended, size: 1000 });
    return { videoId: vod.number, sessionStart: session.started_at };
  }
  const spots = async (creds: TenantCredentials, roomId: string, extra: Record<string, string> = {}) => (await bjy(env, creds, '/openapi/room/getSpotVideo', { room_id: roomId, ...extra })).json;

  it('sets the insert-play videos as a set, and lists them with their playback room and session', async () => {
    const source = await createRoom(a, { title: '往期课' });
    const longSource = await createRoom(a, { title: '长期课', is_long_term: 1, end_time: nowSeconds() + 40 * 86_400 });
    const v1 = await playback(a, source.room_id);
    const v2 = await playback(a, longSource.room_id);
    const target = await createRoom(a);
    expect((await bjy(env, a, '/openapi/room/setSpotVideo', { room_id: target.room_id, video_ids: `${v1.videoId},${v2.videoId}` })).json).toMatchObject({ code: 0, data: null });
    const listed = await spots(a, target.room_id);
    expect(listed.data.list).toEqual([
      { video_id: Number(v1.videoId), playback_room_id: Number(source.room_id), playback_session_id: 0, prepare_file_time: '', create_time: expect.stringMatching(/^\d{4}-/) },
      { video_id: Number(v2.videoId), playback_room_id: Number(longSource.room_id), playback_session_id: Math.floor(v2.sessionStart / 1000), prepare_file_time: '', create_time: expect.any(String) },
    ]);
    expect((await spots(a, target.room_id, { video_ids: v2.videoId })).data.list.map((x: { video_id: number }) => x.video_id)).toEqual([Number(v2.videoId)]);
    // Setting again replaces: v1 goes.
    await bjy(env, a, '/openapi/room/setSpotVideo', { room_id: target.room_id, video_ids: v2.videoId });
    expect((await spots(a, target.room_id)).data.list.map((x: { video_id: number }) => x.video_id)).toEqual([Number(v2.videoId)]);
  });

  it('lets a video expire 7 days after it was set; setting it again renews it', async () => {
    const source = await createRoom(a);
    const v = await playback(a, source.room_id);
    const target = await createRoom(a);
    await bjy(env, a, '/openapi/room/setSpotVideo', { room_id: target.room_id, video_ids: v.videoId });
    const room = await rowOf(a, target.room_id);
    await env.services.db.updateTable('room_recordings').set({ bound_at: Date.now() - 8 * 86_400_000 }).where('room_id', '=', room.id).execute();
    expect((await spots(a, target.room_id)).data.list).toEqual([]);
    // Another signed request (another timestamp): the same bytes again would be a replay, answered from the first.
    await bjy(env, a, '/openapi/room/setSpotVideo', { room_id: target.room_id, video_ids: v.videoId }, { timestamp: nowSeconds() + 1 });
    expect((await spots(a, target.room_id)).data.list).toHaveLength(1);
  });

  it('refuses more than 3 videos, unknown or foreign videos, bad ids, and rooms that are not large classes (1001)', async () => {
    const target = await createRoom(a);
    const mine = [];
    for (let i = 0; i < 4; i++) mine.push((await playback(a, (await createRoom(a)).room_id)).videoId);
    const theirs = (await playback(b, (await createRoom(b)).room_id)).videoId;
    const small = await createRoom(a, { type: 4, max_users: 6 });
    const cases: Array<[string, Record<string, string>, RegExp]> = [
      [target.room_id, { video_ids: mine.join(',') }, /at most 3/],
      [target.room_id, { video_ids: `${mine[0]},99999999` }, /99999999 does not exist/],
      [target.room_id, { video_ids: theirs }, /does not exist/],
      [target.room_id, { video_ids: 'abc' }, /video_ids/],
      [target.room_id, {}, /video_ids/],
      [small.room_id, { video_ids: mine[0] }, /not a large class/],
    ];
    for (const [roomId, params, msg] of cases) {
      const { json } = await bjy(env, a, '/openapi/room/setSpotVideo', { room_id: roomId, ...params });
      expect(json.code, JSON.stringify(params)).toBe(1001);
      expect(json.msg).toMatch(msg);
    }
    expect((await spots(a, target.room_id)).data.list).toEqual([]);
    // The same three, repeated, are three.
    expect((await bjy(env, a, '/openapi/room/setSpotVideo', { room_id: target.room_id, video_ids: `${mine[0]},${mine[1]},${mine[2]},${mine[0]}` })).json.code).toBe(0);
    expect((await bjy(env, b, '/openapi/room/getSpotVideo', { room_id: target.room_id })).json.code).toBe(3001);
    expect((await bjy(env, b, '/openapi/room/setSpotVideo', { room_id: target.room_id, video_ids: theirs })).json.code).toBe(3001);
    expect((await spots(a, target.room_id)).data.list).toHaveLength(3);
  });
});

describe('group, push and spot-video endpoints on a deleted room', () => {
  it('answer 3002, and 1001 naming room_id when it is missing', async () => {
    const group = await createRoom(a, { is_group_live: 2 });
    const push = await createRoom(a, { is_push_live: 1 });
    const large = await createRoom(a);
    const calls: Array<[string, Created, Record<string, string | number>]> = [
      ['/openapi/room/createGroupLiveCodes', group, { number: 1 }], ['/openapi/room/getGroupLiveCodes', group, {}], ['/openapi/room/getGroupSubRoomId', group, {}],
      ['/openapi/room/getPushLiveUrl', push, {}], ['/openapi/room/getPullStreamUrl', push, {}],
      ['/openapi/room/setSpotVideo', large, { video_ids: '12345678' }], ['/openapi/room/getSpotVideo', large, {}],
    ];
    for (const [path, , extra] of calls) {
      expect((await bjy(env, a, path, extra)).json, path).toMatchObject({ code: 1001, msg: expect.stringMatching(/room_id/) });
    }
    for (const r of [group, push, large]) await bjy(env, a, '/openapi/room/delete', { room_id: r.room_id });
    for (const [path, r, extra] of calls) expect((await bjy(env, a, path, { room_id: r.room_id, ...extra })).json.code, path).toBe(3002);
  });
});

