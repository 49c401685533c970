import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, gensee, newTenant, type TestEnv, createWebcast as createWebcastThrough } from '../../../test/harness.js';
import type { TenantCredentials } from '../provision.js';
import type { LiveSessionRow, RecordingRow, RoomRow, VodRow } from '../../storage/schema.js';
import { createDemoTenant } from '../../demo/seed.js';
import { formatDate } from '../framework/time.js';

const P = '/integration/site/webcast';
const MIN = 60_000;
const DAY = 86_400_000;
/** 2024-03-01 10:00:00 in Asia/Shanghai (the default site zone). */
const T0 = Date.UTC(2024, 2, 1, 2, 0, 0);
const org = { loginName: 'org1', password: 'org1-pass' };

let env: TestEnv;
let a: TenantCredentials;
let b: TenantCredentials;
let adminId: number;
let orgId: number;
/** Admin's webcast, recorded twice (first VOD unpublished, second published). */
let w1: RoomRow;
/** The organizer's webcast, recorded once. */
let w2: RoomRow;
/** Never run. */
let idle: RoomRow;
let bRoom: RoomRow;
let rec: { s1: RecordingRow; s2: RecordingRow; w2: RecordingRow; b: RecordingRow };
let vod: { s1: VodRow; s2: VodRow; w2: VodRow };
let sess: { s1: LiveSessionRow; s2: LiveSessionRow; w2: LiveSessionRow };

const createWebcast = (creds: TenantCredentials, subject: string, as: { loginName?: string; password?: string } = {}) =>
  createWebcastThrough(env, creds, subject, { startTime: T0, ...as });

/** Runs one class of the room from `start` for `minutes` and records it, as the live runtime will. */
async function recordClass(room: RoomRow, start: number, minutes: number, size: number, publish: boolean) {
  await env.services.ingestion.startSession(room, start);
  const session = (await env.services.ingestion.endSession(room, start + minutes * MIN))!;
  const fresh = (await env.services.rooms.find(room.tenant_id, { id: room.id }))!;
  return { session, ...(await env.services.media.recordSession({ room: fresh, session, size, publish })) };
}

beforeAll(async () => {
  env = await createTestEnv();
  a = await newTenant(env, 'Alpha');
  b = await newTenant(env, 'Beta');
  orgId = (await env.services.users.create(a.tenant.id, 'org1', 'org1-pass', { name: 'Organizer', role: 'organizer' })).id;
  adminId = (await env.services.users.getByLogin(a.tenant.id, 'admin')).id;
  w1 = await createWebcast(a, '物理课');
  w2 = await createWebcast(a, 'Organizer class', org);
  idle = await createWebcast(a, 'Never run');
  bRoom = await createWebcast(b, 'Beta class');
  const r1 = await recordClass(w1, T0, 45, 1_000, false);
  const r2 = await recordClass(w1, T0 + DAY, 50, 2_000, true);
  const r3 = await recordClass(w2, T0 + DAY + 10 * MIN, 30, 3_000, false);
  const r4 = await recordClass(bRoom, T0 + DAY, 20, 4_000, true);
  rec = { s1: r1.recording, s2: r2.recording, w2: r3.recording, b: r4.recording };
  vod = { s1: r1.vod, s2: r2.vod, w2: r3.vod };
  sess = { s1: r1.session, s2: r2.session, w2: r3.session };
});
afterAll(() => env?.close());

const call = (path: string, params: Record<string, string | number>, as: { loginName?: string; password?: string; method?: 'GET' | 'POST' } = {}) => gensee(env, a, `${P}${path}`, params, as);

describe('media.recordSession (what the live runtime calls when a recorded class ends)', () => {
  it('stores the recording with the session times and the VOD made from it', () => {
    expect(rec.s1).toMatchObject({ tenant_id: a.tenant.id, room_id: w1.id, session_id: sess.s1.id, name: '物理课', size: 1_000, started_at: T0, ended_at: T0 + 45 * MIN, creator_user_id: adminId, created_at: T0 + 45 * MIN });
    expect(rec.s1.file_name).toBe(`${sess.s1.public_id.toLowerCase()}.mp4`);
    expect(vod.s1).toMatchObject({ room_id: w1.id, recording_id: rec.s1.id, subject: '物理课', published: 0, owner_user_id: adminId, source: 'record', duration_ms: 45 * MIN, size: 1_000 });
    expect(vod.s1.public_id).toMatch(/^[0-9a-f]{32}$/);
    expect(vod.s1.number).toMatch(/^[1-9]\d{7}$/);
    expect(vod.s2.published).toBe(1);
    expect(vod.w2.owner_user_id).toBe(orgId);
  });

  it('returns what it stored when called again for the same session', async () => {
    const again = await env.services.media.recordSession({ room: w1, session: sess.s1, size: 9_999 });
    expect(again.recording.id).toBe(rec.s1.id);
    expect(again.vod.id).toBe(vod.s1.id);
    expect(await env.services.media.vodsOfRoom(w1)).toHaveLength(2);
  });

  it('refuses a session that is still open, or belongs to another room', async () => {
    const room = await createWebcast(a, 'Open class');
    const open = await env.services.ingestion.startSession(room, T0);
    await expect(env.services.media.recordSession({ room, session: open, size: 1 })).rejects.toMatchObject({ kind: 'conflict' });
    await expect(env.services.media.recordSession({ room, session: sess.s1, size: 1 })).rejects.toMatchObject({ kind: 'invalid' });
    await env.services.ingestion.endSession(room, T0 + MIN);
  });
});

describe('5.10 /webcast/record/info', () => {
  it("lists the webcast's VODs, oldest first, published or not, with epoch-ms times (A-4)", async () => {
    const { json } = await call('/record/info', { webcastId: w1.public_id }, { method: 'GET' });
    expect(json.code).toBe('0');
    expect(json.id).toBe(vod.s2.public_id);
    expect(json.recordList).toEqual([
      { id: vod.s1.public_id, url: `http://${a.gensee.site}/webcast/site/vod/play-${vod.s1.public_id}`, size: 1_000, subject: '物理课', createdTime: T0 + 45 * MIN, recordStartTime: T0, recordEndTime: T0 + 45 * MIN },
      { id: vod.s2.public_id, url: `http://${a.gensee.site}/webcast/site/vod/play-${vod.s2.public_id}`, size: 2_000, subject: '物理课', createdTime: T0 + DAY + 50 * MIN, recordStartTime: T0 + DAY, recordEndTime: T0 + DAY + 50 * MIN },
    ]);
  });

  it('answers an empty list and no top-level id for a webcast never recorded', async () => {
    const { json } = await call('/record/info', { webcastId: idle.public_id });
    expect(json).toMatchObject({ code: '0', recordList: [] });
    expect(json).not.toHaveProperty('id');
  });

  it('keeps organizers to their own webcasts', async () => {
    expect((await call('/record/info', { webcastId: w1.public_id }, org)).json.code).toBe('501');
    const own = await call('/record/info', { webcastId: w2.public_id }, org);
    expect(own.json.recordList.map((r: { id: string }) => r.id)).toEqual([vod.w2.public_id]);
  });

  it('answers 501 for an unknown webcast or another site, 101 without webcastId', async () => {
    expect((await call('/record/info', { webcastId: 'f'.repeat(32) })).json.code).toBe('501');
    expect((await gensee(env, b, `${P}/record/info`, { webcastId: w1.public_id })).json.code).toBe('501');
    expect((await call('/record/info', {})).json.code).toBe('101');
  });
});

describe('5.23 /webcast/record/sync', () => {
  const everything = { startTime: '2024-03-01 00:00:00', endTime: '2024-03-03 00:00:00' };

  it('lists the site recordings created in the window, oldest first, with the documented fields', async () => {
    const { json } = await call('/record/sync', everything);
    expect(json.code).toBe('0');
    expect(json.page).toEqual({ pageNo: 1, totalPages: 1, totalCounts: 3 });
    expect(json.list).toEqual([
      { id: String(rec.s1.id), name: '物理课', fileName: rec.s1.file_name, recordStartTime: T0, createdTime: T0 + 45 * MIN, recordEndTime: T0 + 45 * MIN, size: 1_000, creator: adminId, webcastId: w1.public_id },
      { id: String(rec.w2.id), name: 'Organizer class', fileName: rec.w2.file_name, recordStartTime: T0 + DAY + 10 * MIN, createdTime: T0 + DAY + 40 * MIN, recordEndTime: T0 + DAY + 40 * MIN, size: 3_000, creator: orgId, webcastId: w2.public_id },
      { id: String(rec.s2.id), name: '物理课', fileName: rec.s2.file_name, recordStartTime: T0 + DAY, createdTime: T0 + DAY + 50 * MIN, recordEndTime: T0 + DAY + 50 * MIN, size: 2_000, creator: adminId, webcastId: w1.public_id },
    ]);
  });

  it('windows on creation time with inclusive bounds, as site-zone strings or epoch ms', async () => {
    const strings = await call('/record/sync', { startTime: '2024-03-01 10:45:00', endTime: '2024-03-01 10:45:00' });
    expect(strings.json.list.map((r: { id: string }) => r.id)).toEqual([String(rec.s1.id)]);
    const ms = await call('/record/sync', { startTime: T0 + DAY + 40 * MIN, endTime: T0 + DAY + 50 * MIN });
    expect(ms.json.list.map((r: { id: string }) => r.id)).toEqual([String(rec.w2.id), String(rec.s2.id)]);
  });

  it('pages 50 at a time', async () => {
    const base = Date.UTC(2025, 0, 1);
    for (let i = 0; i < 55; i++) await env.services.media.addRecording({ tenantId: a.tenant.id, name: `upload ${i}`, size: i, creatorUserId: adminId, at: base + i * 1000 });
    const window = { startTime: base, endTime: base + DAY };
    const p1 = await call('/record/sync', window);
    expect(p1.json.page).toEqual({ pageNo: 1, totalPages: 2, totalCounts: 55 });
    expect(p1.json.list).toHaveLength(50);
    expect(p1.json.list[0]).toEqual({ id: expect.any(String), name: 'upload 0', createdTime: base, size: 0, creator: adminId });
    const p2 = await call('/record/sync', { ...window, pageNo: 2 });
    expect(p2.json.page).toEqual({ pageNo: 2, totalPages: 2, totalCounts: 55 });
    expect(p2.json.list.map((r: { name: string }) => r.name)).toEqual(['upload 50', 'upload 51', 'upload 52', 'upload 53', 'upload 54']);
    expect((await call('/record/sync', { ...window, pageNo: 3 })).json.list).toEqual([]);
  });

  it('requires both bounds, in order, and a page number from 1', async () => {
    expect((await call('/record/sync', { startTime: T0 })).json.code).toBe('101');
    expect((await call('/record/sync', { endTime: T0 })).json.code).toBe('101');
    expect((await call('/record/sync', { startTime: T0 + 1, endTime: T0 })).json.code).toBe('101');
    expect((await call('/record/sync', { startTime: '2024/03/01', endTime: T0 })).json.code).toBe('101');
    expect((await call('/record/sync', { ...everything, pageNo: 0 })).json.code).toBe('101');
  });

  it("shows another site's admin only that site's recordings; organizers are refused", async () => {
    const other = await gensee(env, b, `${P}/record/sync`, everything);
    expect(other.json.list.map((r: { id: string }) => r.id)).toEqual([String(rec.b.id)]);
    expect((await call('/record/sync', everything, org)).json.code).toBe('200');
  });
});

describe('5.27 /webcast/record/choose and 5.28 /webcast/record/remove (insert-play)', () => {
  const chosen = async (room: RoomRow) => (await env.services.media.insertPlayOf(room)).map((r) => r.id);

  it('adds recordings sent as repeated recordId, keeping repeats once, and as a JSON array', async () => {
    const res = await gensee(env, a, `${P}/record/choose`, { webcastId: w1.public_id, recordId: [rec.s1.id, rec.s2.id, rec.s1.id] }, { lists: 'repeat' });
    expect(res.json.code).toBe('0');
    expect(await chosen(w1)).toEqual([rec.s1.id, rec.s2.id]);
    expect((await call('/record/choose', { webcastId: w1.public_id, recordId: JSON.stringify([rec.w2.id, rec.s1.id]) })).json.code).toBe('0');
    expect(await chosen(w1)).toEqual([rec.s1.id, rec.s2.id, rec.w2.id]);
  });

  it('refuses unknown or other-site recordings with 501 and adds nothing; non-numbers with 102', async () => {
    const room = await createWebcast(a, 'Insert-play target');
    expect((await call('/record/choose', { webcastId: room.public_id, recordId: `${rec.s1.id},987654321` })).json.code).toBe('501');
    expect((await call('/record/choose', { webcastId: room.public_id, recordId: String(rec.b.id) })).json.code).toBe('501');
    expect((await call('/record/choose', { webcastId: room.public_id, recordId: 'abc' })).json.code).toBe('102');
    expect((await call('/record/choose', { webcastId: room.public_id })).json.code).toBe('101');
    expect((await call('/record/choose', { webcastId: 'f'.repeat(32), recordId: rec.s1.id })).json.code).toBe('501');
    expect(await chosen(room)).toEqual([]);
  });

  it('removes by recordid (as 5.28 spells it) or recordId (A-21); ids not chosen are ignored', async () => {
    const room = await createWebcast(a, 'Removal target');
    await call('/record/choose', { webcastId: room.public_id, recordId: `${rec.s1.id},${rec.s2.id},${rec.w2.id}` });
    expect((await call('/record/remove', { webcastId: room.public_id, recordid: rec.s1.id })).json.code).toBe('0');
    expect(await chosen(room)).toEqual([rec.s2.id, rec.w2.id]);
    expect((await call('/record/remove', { webcastId: room.public_id, recordId: `${rec.s2.id},${rec.s1.id}` })).json.code).toBe('0');
    expect(await chosen(room)).toEqual([rec.w2.id]);
    expect((await call('/record/remove', { webcastId: room.public_id, recordid: 987654321 })).json.code).toBe('501');
    expect(await chosen(room)).toEqual([rec.w2.id]);
  });

  it("keeps another site's admin away from both sides", async () => {
    expect((await gensee(env, b, `${P}/record/choose`, { webcastId: w1.public_id, recordId: rec.b.id })).json.code).toBe('501');
    expect((await gensee(env, b, `${P}/record/choose`, { webcastId: bRoom.public_id, recordId: rec.s1.id })).json.code).toBe('501');
    expect((await gensee(env, b, `${P}/record/remove`, { webcastId: w1.public_id, recordid: rec.s1.id })).json.code).toBe('501');
    expect(await chosen(w1)).toEqual([rec.s1.id, rec.s2.id, rec.w2.id]);
  });
});

describe('A-30: deleting or finishing a webcast', () => {
  it('deleting keeps its recordings and VODs: 5.10 answers 501, the sync endpoints still list them', async () => {
    const room = await createWebcast(a, 'To be deleted');
    const r = await recordClass(room, Date.UTC(2024, 5, 1, 2), 30, 500, true);
    await env.services.rooms.softDelete(room);
    expect((await call('/record/info', { webcastId: room.public_id })).json.code).toBe('501');
    const window = { startTime: '2024-06-01 00:00:00', endTime: '2024-06-02 00:00:00' };
    const recs = await call('/record/sync', window);
    expect(recs.json.list).toEqual([expect.objectContaining({ id: String(r.recording.id), webcastId: room.public_id })]);
    const vods = await call('/vod/sync', window);
    expect(vods.json.list).toEqual([expect.objectContaining({ id: r.vod.public_id, webcastId: room.public_id })]);
    expect((await call('/vod/unpublish', { vodId: r.vod.public_id })).json.code).toBe('0');
  });

  it('finishing keeps 5.10 working but refuses preparing the webcast for a class it can never have (500)', async () => {
    const room = await createWebcast(a, 'To be finished');
    const r = await recordClass(room, Date.UTC(2024, 5, 2, 2), 30, 500, false);
    await call('/record/choose', { webcastId: room.public_id, recordId: r.recording.id });
    await env.services.ingestion.endSession(room, Date.UTC(2024, 5, 2, 4), true);
    const info = await call('/record/info', { webcastId: room.public_id });
    expect(info.json.recordList.map((v: { id: string }) => v.id)).toEqual([r.vod.public_id]);
    expect((await call('/record/choose', { webcastId: room.public_id, recordId: rec.s1.id })).json.code).toBe('500');
    expect((await call('/warmup/attach', { webcastId: room.public_id, vodId: r.vod.public_id })).json.code).toBe('500');
    // Undoing is still allowed.
    expect((await call('/record/remove', { webcastId: room.public_id, recordid: r.recording.id })).json.code).toBe('0');
    expect(await env.services.media.insertPlayOf(room)).toEqual([]);
  });
});

describe('the demo tenant', () => {
  it('has recordings, VODs and replay views for 5.10, 5.21, 5.23, 5.24, 5.30 and 5.33', async () => {
    const now = Date.UTC(2024, 8, 10, 4);
    const demo = await createDemoTenant(env.services, { name: 'Media Demo', now });
    const demoCall = (path: string, params: Record<string, string | number>) => gensee(env, demo, `${P}${path}`, params);
    const window = { startTime: now - 7 * DAY, endTime: now };
    const recs = await demoCall('/record/sync', window);
    expect(recs.json.page.totalCounts).toBe(7);
    const vods = await demoCall('/vod/sync', window);
    expect(vods.json.page.totalCounts).toBe(4);
    const room = (await env.services.rooms.page(demo.tenant.id, { limit: 10, kinds: ['large_class'] })).find((r) => r.title === '高一数学：函数与方程')!;
    const info = await demoCall('/record/info', { webcastId: room.public_id });
    expect(info.json.recordList).toHaveLength(2);
    expect((await demoCall('/castmaker/page', {})).json.list).toHaveLength(1);
    expect((await demoCall('/doc/sync', window)).json.list).toHaveLength(1);
    let views = 0;
    for (const day of [now - 2 * DAY, now - DAY]) views += (await demoCall('/export/vod/history', { date: formatDate(day, 'Asia/Shanghai') })).json.totalCounts;
    expect(views).toBeGreaterThan(0);
    const replays = await env.services.db.selectFrom('vod_views').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', demo.tenant.id).executeTakeFirstOrThrow();
    expect(views).toBe(Number(replays.n));
  });
});
