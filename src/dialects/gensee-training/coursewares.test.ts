import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, gensee, newTenant, type TestEnv } from '../../../test/harness.js';
import { recordClass, TRAINING, trainingRoom } from '../../../test/training.js';
import type { TenantCredentials } from '../provision.js';
import type { DocumentRow, RecordingRow, RoomRow, VodRow } from '../../storage/schema.js';
import { parseJsonObject } from '../../core/json.js';

const MIN = 60_000;
const HOUR_MS = 3_600_000;
const DAY = 86_400_000;
/** 2024-03-01 10:00:00 in Asia/Shanghai (the default site zone). */
const T0 = Date.UTC(2024, 2, 1, 2, 0, 0);
const teacher = { loginName: 'teacher1', password: 'teacher1-pass' };

let env: TestEnv;
let a: TenantCredentials;
let b: TenantCredentials;
let adminId: number;
let teacherId: number;
/** The admin's room, recorded twice; the teacher's room, recorded once; site b's room. */
let r1: RoomRow;
let r2: RoomRow;
let bRoom: RoomRow;
let rec: { first: RecordingRow; second: RecordingRow; teacher: RecordingRow; b: RecordingRow };
let cw: { first: VodRow; second: VodRow; teacher: VodRow; b: VodRow };
let doc: { uploaded: DocumentRow; saved: DocumentRow; b: DocumentRow };

beforeAll(async () => {
  env = await createTestEnv();
  a = await newTenant(env, 'Alpha');
  b = await newTenant(env, 'Beta');
  adminId = (await env.services.users.getByLogin(a.tenant.id, 'admin')).id;
  teacherId = (await env.services.users.create(a.tenant.id, teacher.loginName, teacher.password, { name: 'Teacher', role: 'organizer' })).id;
  r1 = await trainingRoom(env, a, '物理课');
  r2 = await trainingRoom(env, a, 'Teacher class', { owner: teacher.loginName });
  bRoom = await trainingRoom(env, b, 'Beta class');
  const first = await recordClass(env, r1, T0, 45, 1_000);
  const second = await recordClass(env, r1, T0 + DAY, 50, 2_000);
  const own = await recordClass(env, r2, T0 + DAY + 10 * MIN, 30, 3_000);
  const other = await recordClass(env, bRoom, T0 + DAY, 20, 4_000);
  rec = { first: first.recording, second: second.recording, teacher: own.recording, b: other.recording };
  cw = { first: first.vod, second: second.vod, teacher: own.vod, b: other.vod };
  const media = env.services.media;
  doc = {
    uploaded: await media.createDocument({ tenantId: a.tenant.id, name: '力学.pptx', fileName: 'mechanics.pptx', size: 123_456, source: 'upload', at: T0 }),
    saved: await media.createDocument({ tenantId: a.tenant.id, name: '白板', source: 'room', roomId: r1.id, at: T0 + MIN }),
    b: await media.createDocument({ tenantId: b.tenant.id, name: 'Beta doc', source: 'upload', at: T0 }),
  };
});
afterAll(() => env?.close());

const call = (path: string, params: Record<string, string | number>, as: { loginName?: string; password?: string; method?: 'GET' | 'POST' } = {}) =>
  gensee(env, a, `${TRAINING}${path}`, params, as);
const url = (vod: VodRow) => `http://${a.gensee.site}/training/site/v/${vod.number}`;
const vodRow = async (vod: VodRow) => (await env.storage.db.selectFrom('vods').selectAll().where('id', '=', vod.id).executeTakeFirstOrThrow());

describe('5.5 /training/courseware/list', () => {
  it("lists the room's coursewares, oldest first, with the documented fields", async () => {
    const { json } = await call('/courseware/list', { roomId: r1.public_id }, { method: 'GET' });
    expect(json.code).toBe('0');
    expect(json.coursewares).toEqual([
      { id: cw.first.public_id, number: cw.first.number, url: url(cw.first), subject: '物理课', roomId: r1.public_id, recordId: rec.first.id, duration: 45 * MIN, createdTime: T0 + 45 * MIN },
      { id: cw.second.public_id, number: cw.second.number, url: url(cw.second), subject: '物理课', roomId: r1.public_id, recordId: rec.second.id, duration: 50 * MIN, createdTime: T0 + DAY + 50 * MIN },
    ]);
  });

  it("a teacher reads its own rooms only; other rooms and other sites' rooms are 501; roomId is required (101)", async () => {
    expect((await call('/courseware/list', { roomId: r2.public_id }, teacher)).json.coursewares).toHaveLength(1);
    expect((await call('/courseware/list', { roomId: r1.public_id }, teacher)).json.code).toBe('501');
    expect((await call('/courseware/list', { roomId: bRoom.public_id })).json.code).toBe('501');
    expect((await call('/courseware/list', { roomId: 'f'.repeat(32) })).json.code).toBe('501');
    const missing = (await call('/courseware/list', {})).json;
    expect(missing.code).toBe('101');
    expect(missing.message).toMatch(/roomId/);
  });
});

describe('5.6 /training/courseware/info', () => {
  it('reads one courseware', async () => {
    const { json } = await call('/courseware/info', { coursewareId: cw.first.public_id });
    expect(json).toEqual({
      code: '0', message: '成功', id: cw.first.public_id, token: null, subject: '物理课', roomId: r1.public_id, url: url(cw.first), description: null, creator: adminId, number: cw.first.number,
    });
  });

  it("teachers read their own only; another site's is 501; coursewareId is required", async () => {
    expect((await call('/courseware/info', { coursewareId: cw.teacher.public_id }, teacher)).json).toMatchObject({ code: '0', creator: teacherId, roomId: r2.public_id });
    expect((await call('/courseware/info', { coursewareId: cw.first.public_id }, teacher)).json.code).toBe('501');
    expect((await call('/courseware/info', { coursewareId: cw.b.public_id })).json.code).toBe('501');
    expect((await call('/courseware/info', {})).json.code).toBe('101');
  });
});

describe('5.7 /training/courseware/modify', () => {
  it('sets the name, token and player; the token shows in 5.6', async () => {
    const { json } = await call('/courseware/modify', {
      id: cw.second.public_id, subject: '物理课（回放）', token: 'view123', uiMode: 2, uiColor: 'green', uiWindow: 'true', uiVideo: 'false', mobileMode: 3, autoPlay: 'false', playerTheme: 'skyblue', fullScreenMode: 1,
    });
    expect(json.code).toBe('0');
    const row = await vodRow(cw.second);
    expect(row).toMatchObject({ subject: '物理课（回放）', password: 'view123' });
    expect(parseJsonObject(row.properties)).toEqual({
      uiColor: 'green', playerTheme: 'skyblue', fullScreenMode: 1, player: { mode: 2, mobileMode: 3, padMode: 1, autoPlay: false, video: false, showWindow: true },
    });
    expect((await call('/courseware/info', { coursewareId: cw.second.public_id })).json).toMatchObject({ token: 'view123', subject: '物理课（回放）' });
  });

  it('keeps what is not sent (A-11); an empty token removes it', async () => {
    await call('/courseware/modify', { id: cw.second.public_id, subject: 'Renamed', uiMode: 5 });
    let row = await vodRow(cw.second);
    expect(row).toMatchObject({ subject: 'Renamed', password: 'view123' });
    expect(parseJsonObject(row.properties)).toMatchObject({ uiColor: 'green', player: { mode: 5, mobileMode: 3, autoPlay: false, showWindow: true } });
    await call('/courseware/modify', { id: cw.second.public_id, subject: 'Renamed', token: '' });
    row = await vodRow(cw.second);
    expect(row.password).toBeNull();
  });

  it('refuses out-of-range settings and a missing subject (101), changing nothing', async () => {
    const before = await vodRow(cw.second);
    for (const bad of [{ uiMode: 7 }, { uiColor: 'red' }, { mobileMode: 0 }, { fullScreenMode: 4 }, { autoPlay: 'maybe' }] as Array<Record<string, string | number>>) {
      const { json } = await call('/courseware/modify', { id: cw.second.public_id, subject: 'x', ...bad });
      expect(json.code, JSON.stringify(bad)).toBe('101');
      expect(json.message).toContain(Object.keys(bad)[0]);
    }
    expect((await call('/courseware/modify', { id: cw.second.public_id })).json.code).toBe('101');
    expect(await vodRow(cw.second)).toEqual(before);
  });

  it("a teacher modifies its own courseware only; another site's is 501", async () => {
    expect((await call('/courseware/modify', { id: cw.teacher.public_id, subject: 'Mine' }, teacher)).json.code).toBe('0');
    expect((await call('/courseware/modify', { id: cw.first.public_id, subject: 'Not mine' }, teacher)).json.code).toBe('501');
    expect((await call('/courseware/modify', { id: cw.b.public_id, subject: 'Not ours' })).json.code).toBe('501');
    expect((await vodRow(cw.first)).subject).toBe('物理课');
  });
});

describe('5.38 /training/vod/vodview', () => {
  it('counts every viewing of the courseware, re-watches too', async () => {
    const watch = (vod: VodRow, key: string, at: number) => env.services.ingestion.vodView({ tenantId: vod.tenant_id, vodId: vod.id, roomId: vod.room_id, who: { key, name: key }, startedAt: at, leftAt: at + 5 * MIN });
    await watch(cw.first, 'user:v1', T0 + 2 * DAY);
    await watch(cw.first, 'user:v1', T0 + 2 * DAY + HOUR_MS);
    await watch(cw.first, 'user:v2', T0 + 2 * DAY);
    await watch(cw.teacher, 'user:v2', T0 + 2 * DAY);
    expect((await call('/vod/vodview', { id: cw.first.public_id })).json).toEqual({ code: '0', message: '成功', total: 3 });
    expect((await call('/vod/vodview', { id: cw.teacher.public_id }, teacher)).json.total).toBe(1);
    expect((await call('/vod/vodview', { id: cw.second.public_id })).json.total).toBe(0);
  });

  it("teachers count their own only; another site's is 501; id is required", async () => {
    expect((await call('/vod/vodview', { id: cw.first.public_id }, teacher)).json.code).toBe('501');
    expect((await call('/vod/vodview', { id: cw.b.public_id })).json.code).toBe('501');
    expect((await call('/vod/vodview', {})).json.code).toBe('101');
  });
});

const wholeRange = { startTime: '2024-03-01 00:00:00', endTime: '2024-03-31 00:00:00' };

describe('5.10 /training/record/syn', () => {
  it("lists the site's recordings created in the window, 50 a page, with String ids and millisecond durations", async () => {
    const { json } = await call('/record/syn', wholeRange);
    expect(json.code).toBe('0');
    expect(json.page).toEqual({ pageNo: 1, totalPages: 1, totalCounts: 3 });
    expect(json.list[0]).toEqual({
      id: String(rec.first.id), name: '物理课', recordStartTime: T0, recordEndTime: T0 + 45 * MIN, createdTime: T0 + 45 * MIN, size: 1_000, roomId: r1.public_id, duration: 45 * MIN, creator: adminId,
    });
    expect(json.list.map((r: { id: string }) => r.id)).toEqual([rec.first.id, rec.teacher.id, rec.second.id].map(String));
  });

  it('takes no times at all (both optional, unlike Webcast), or one; bounds are inclusive', async () => {
    expect((await call('/record/syn', {})).json.page.totalCounts).toBe(3);
    expect((await call('/record/syn', { startTime: T0 + DAY + 40 * MIN })).json.list.map((r: { id: string }) => r.id)).toEqual([rec.teacher.id, rec.second.id].map(String));
    expect((await call('/record/syn', { endTime: '2024-03-01 10:45:00' })).json.list.map((r: { id: string }) => r.id)).toEqual([String(rec.first.id)]);
    expect((await call('/record/syn', { pageNo: 2 })).json).toMatchObject({ list: [], page: { pageNo: 2, totalPages: 1, totalCounts: 3 } });
  });

  it('pages by 50', async () => {
    const c = await newTenant(env, 'Gamma');
    for (let i = 0; i < 51; i++) await env.services.media.addRecording({ tenantId: c.tenant.id, name: `r${i}`, size: i, at: T0 + i });
    const first = await gensee(env, c, `${TRAINING}/record/syn`, {});
    expect(first.json.page).toEqual({ pageNo: 1, totalPages: 2, totalCounts: 51 });
    expect(first.json.list).toHaveLength(50);
    const second = await gensee(env, c, `${TRAINING}/record/syn`, { pageNo: 2 });
    expect(second.json.list.map((r: { name: string; size: number }) => [r.name, r.size])).toEqual([['r50', 50]]);
  });

  it('refuses reversed or malformed times and page 0 (101); admin only (200)', async () => {
    expect((await call('/record/syn', { startTime: '2024-03-02', endTime: '2024-03-01' })).json.code).toBe('101');
    expect((await call('/record/syn', { startTime: 'yesterday' })).json.code).toBe('101');
    expect((await call('/record/syn', { pageNo: 0 })).json.code).toBe('101');
    expect((await call('/record/syn', {}, teacher)).json.code).toBe('200');
  });
});

describe('5.11 /training/courseware/syn', () => {
  it("lists the site's coursewares with grType, convertResult and grId", async () => {
    await env.services.media.updateVod(cw.first, { properties: { agenda: '第一章', speakerInfo: '陈老师' } });
    const { json } = await call('/courseware/syn', wholeRange);
    expect(json.page).toEqual({ pageNo: 1, totalPages: 1, totalCounts: 3 });
    expect(json.list[0]).toEqual({
      id: cw.first.public_id, subject: '物理课', url: url(cw.first), roomId: r1.public_id, creator: adminId, recordId: rec.first.id, number: cw.first.number,
      createdTime: T0 + 45 * MIN, duration: 45 * MIN, recordStartTime: T0, recordEndTime: T0 + 45 * MIN, grType: 0, convertResult: 1, plan: '第一章', speakerInfo: '陈老师', grId: rec.first.id,
    });
    expect(json.list.map((c: { id: string }) => c.id)).toEqual([cw.first, cw.teacher, cw.second].map((v) => v.public_id));
  });

  it('is for admins (200) and reads only its own site', async () => {
    expect((await call('/courseware/syn', {}, teacher)).json.code).toBe('200');
    const other = await gensee(env, b, `${TRAINING}/courseware/syn`, {});
    expect(other.json.list.map((c: { id: string }) => c.id)).toEqual([cw.b.public_id]);
  });
});

describe('5.16 /training/record/choose and 5.17 /training/record/remove', () => {
  const chosen = async (room: RoomRow) => (await env.services.media.insertPlayOf(room)).map((r) => r.id);

  it('adds recordings sent as recordId[i], keeping repeats once, and removes them', async () => {
    const form = { roomId: r1.public_id, 'recordId[0]': rec.first.id, 'recordId[1]': rec.second.id, 'recordId[2]': rec.first.id };
    expect((await call('/record/choose', form)).json.code).toBe('0');
    expect(await chosen(r1)).toEqual([rec.first.id, rec.second.id]);
    expect((await call('/record/remove', { roomId: r1.public_id, 'recordId[0]': rec.first.id, 'recordId[1]': rec.teacher.id })).json.code).toBe('0');
    expect(await chosen(r1)).toEqual([rec.second.id]);
  });

  it('without recordId nothing changes (A-37); unknown or foreign recordings are 501 and change nothing', async () => {
    expect((await call('/record/choose', { roomId: r1.public_id })).json.code).toBe('0');
    expect((await call('/record/remove', { roomId: r1.public_id })).json.code).toBe('0');
    expect(await chosen(r1)).toEqual([rec.second.id]);
    const unknown = await call('/record/choose', { roomId: r1.public_id, 'recordId[0]': rec.first.id, 'recordId[1]': 999_999 });
    expect(unknown.json.code).toBe('501');
    expect(unknown.json.message).toContain('999999');
    expect((await call('/record/choose', { roomId: r1.public_id, 'recordId[0]': rec.b.id })).json.code).toBe('501');
    expect(await chosen(r1)).toEqual([rec.second.id]);
  });

  it('refuses ids that are not numbers (102), unknown rooms (501) and teachers (200)', async () => {
    expect((await call('/record/choose', { roomId: r1.public_id, 'recordId[0]': 'abc' })).json.code).toBe('102');
    expect((await call('/record/choose', { roomId: bRoom.public_id, 'recordId[0]': rec.first.id })).json.code).toBe('501');
    expect((await call('/record/choose', { roomId: r2.public_id, 'recordId[0]': rec.teacher.id }, teacher)).json.code).toBe('200');
  });
});

describe('5.22 /training/doc/syn, 5.23 /training/doc/attach, 5.24 /training/doc/detach', () => {
  it("lists the site's server documents with `id`, a String `upload` and `convCode`", async () => {
    const { json } = await call('/doc/syn', {});
    expect(json.code).toBe('0');
    expect(json.page).toEqual({ pageNo: 1, totalPages: 1, totalCounts: 2 });
    expect(json.list).toEqual([
      { id: doc.uploaded.id, name: '力学.pptx', upload: 'true', createdTime: T0, convCode: 0 },
      { id: doc.saved.id, name: '白板', upload: 'false', createdTime: T0 + MIN, convCode: 0 },
    ]);
    expect((await call('/doc/syn', { startTime: T0 + 1 })).json.list.map((d: { id: number }) => d.id)).toEqual([doc.saved.id]);
    expect((await call('/doc/syn', {}, teacher)).json.code).toBe('200');
  });

  it('attaches a document to a room once, and detaches it', async () => {
    const attached = async () => (await env.services.media.documentsOfRoom(r1)).map((d) => d.id);
    expect((await call('/doc/attach', { roomId: r1.public_id, docId: doc.uploaded.id })).json.code).toBe('0');
    expect((await call('/doc/attach', { roomId: r1.public_id, docId: doc.uploaded.id })).json.code).toBe('0');
    expect(await attached()).toEqual([doc.uploaded.id]);
    expect((await call('/doc/detach', { roomId: r1.public_id, docId: doc.uploaded.id })).json.code).toBe('0');
    expect(await attached()).toEqual([]);
    expect((await call('/doc/detach', { roomId: r1.public_id, docId: doc.uploaded.id })).json.code).toBe('501');
  });

  it('refuses unknown or foreign documents and rooms (501), non-numeric ids (101) and teachers (200)', async () => {
    expect((await call('/doc/attach', { roomId: r1.public_id, docId: doc.b.id })).json.code).toBe('501');
    expect((await call('/doc/attach', { roomId: r1.public_id, docId: 999_999 })).json.code).toBe('501');
    expect((await call('/doc/attach', { roomId: bRoom.public_id, docId: doc.uploaded.id })).json.code).toBe('501');
    expect((await call('/doc/attach', { roomId: r1.public_id, docId: 'x' })).json.code).toBe('101');
    expect((await call('/doc/attach', { roomId: r1.public_id })).json.code).toBe('101');
    expect((await call('/doc/attach', { roomId: r2.public_id, docId: doc.uploaded.id }, teacher)).json.code).toBe('200');
  });
});

describe('5.8 /training/courseware/deleted', () => {
  it('deletes a courseware; a room that had it as warm-up has none', async () => {
    await env.services.media.setWarmup(r1, cw.second);
    expect((await call('/courseware/deleted', { coursewareId: cw.second.public_id })).json.code).toBe('0');
    expect((await call('/courseware/info', { coursewareId: cw.second.public_id })).json.code).toBe('501');
    expect((await call('/courseware/list', { roomId: r1.public_id })).json.coursewares.map((c: { id: string }) => c.id)).toEqual([cw.first.public_id]);
    expect(env.services.media.warmupOf((await env.services.rooms.find(a.tenant.id, { id: r1.id }))!)).toBeNull();
    expect((await call('/courseware/deleted', { coursewareId: cw.second.public_id })).json.code).toBe('501');
  });

  it("teachers delete their own only; another site's is 501", async () => {
    expect((await call('/courseware/deleted', { coursewareId: cw.first.public_id }, teacher)).json.code).toBe('501');
    expect((await call('/courseware/deleted', { coursewareId: cw.b.public_id })).json.code).toBe('501');
    expect((await call('/courseware/info', { coursewareId: cw.first.public_id })).json.code).toBe('0');
  });
});

describe('5.43 /training/gr/delete', () => {
  it('deletes a recording with its coursewares, insert-play bindings and the warm-ups they were', async () => {
    await env.services.media.chooseInsertPlay(r2, [rec.teacher]);
    await env.services.media.setWarmup(r2, cw.teacher);
    expect((await call('/gr/delete', { grId: rec.teacher.id }, teacher)).json.code).toBe('0');
    const room = (await env.services.rooms.find(a.tenant.id, { id: r2.id }))!;
    expect(await env.services.media.insertPlayOf(room)).toEqual([]);
    expect(env.services.media.warmupOf(room)).toBeNull();
    expect((await call('/courseware/info', { coursewareId: cw.teacher.public_id })).json.code).toBe('501');
    expect((await call('/record/syn', {})).json.list.map((r: { id: string }) => r.id)).not.toContain(String(rec.teacher.id));
    expect((await call('/gr/delete', { grId: rec.teacher.id })).json.code).toBe('501');
  });

  it("teachers delete their own recordings only; another site's is 501; grId must be a number (101)", async () => {
    expect((await call('/gr/delete', { grId: rec.first.id }, teacher)).json.code).toBe('501');
    expect((await call('/gr/delete', { grId: rec.b.id })).json.code).toBe('501');
    expect((await call('/gr/delete', { grId: 'abc' })).json.code).toBe('101');
    expect((await call('/gr/delete', {})).json.code).toBe('101');
    expect((await call('/courseware/info', { coursewareId: cw.first.public_id })).json.code).toBe('0');
  });
});
