import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, gensee, newTenant, type TestEnv, createWebcast as createWebcastThrough } from '../../../test/harness.js';
import type { TenantCredentials } from '../provision.js';
import type { RecordingRow, RoomRow, VodRow } from '../../storage/schema.js';
import { parseJsonObject } from '../../core/json.js';

const P = '/integration/site/webcast';
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** 2024-03-01 10:00:00 in Asia/Shanghai (the default site zone). */
const T0 = Date.UTC(2024, 2, 1, 2, 0, 0);
const org = { loginName: 'org1', password: 'org1-pass' };

let env: TestEnv;
let a: TenantCredentials;
let b: TenantCredentials;
let adminId: number;
let orgId: number;
let w1: RoomRow;
let w2: RoomRow;
/** Recorded in w1: s1 unpublished, s2 published; w2 (the organizer's) unpublished; b's published. */
let vod: { s1: VodRow; s2: VodRow; w2: VodRow; b: VodRow; upOrg: VodRow; upAdmin: VodRow };
let rec: { s2: RecordingRow; upOrg: RecordingRow; upAdmin: RecordingRow };

const createWebcast = (creds: TenantCredentials, subject: string, as: { loginName?: string; password?: string } = {}) =>
  createWebcastThrough(env, creds, subject, { startTime: T0, ...as });

async function recordClass(room: RoomRow, start: number, minutes: number, size: number, publish: boolean) {
  await env.services.ingestion.startSession(room, start);
  const session = (await env.services.ingestion.endSession(room, start + minutes * MIN))!;
  return env.services.media.recordSession({ room, session, size, publish });
}

beforeAll(async () => {
  env = await createTestEnv();
  a = await newTenant(env, 'Alpha');
  b = await newTenant(env, 'Beta');
  orgId = (await env.services.users.create(a.tenant.id, 'org1', 'org1-pass', { name: 'Organizer', role: 'organizer' })).id;
  adminId = (await env.services.users.getByLogin(a.tenant.id, 'admin')).id;
  w1 = await createWebcast(a, '物理课');
  w2 = await createWebcast(a, 'Organizer class', org);
  const bRoom = await createWebcast(b, 'Beta class');
  const s1 = await recordClass(w1, T0, 45, 1_000, false);
  const s2 = await recordClass(w1, T0 + DAY, 50, 2_000, true);
  const r3 = await recordClass(w2, T0 + DAY, 30, 3_000, false);
  const rb = await recordClass(bRoom, T0 + DAY, 20, 4_000, true);
  const upOrg = await env.services.media.importUpload({ tenantId: a.tenant.id, subject: 'Castmaker by org', description: 'made offline', size: 7_000, ownerUserId: orgId, startedAt: T0 - HOUR, endedAt: T0 - 30 * MIN, at: T0 + 2 * HOUR });
  const upAdmin = await env.services.media.importUpload({ tenantId: a.tenant.id, subject: 'Castmaker by admin', size: 8_000, ownerUserId: adminId, roomId: w1.id, publish: true, at: T0 + DAY + 2 * HOUR });
  await env.services.media.importUpload({ tenantId: b.tenant.id, subject: 'Beta upload', size: 1, ownerUserId: null, at: T0 + 2 * HOUR });
  vod = { s1: s1.vod, s2: s2.vod, w2: r3.vod, b: rb.vod, upOrg: upOrg.vod, upAdmin: upAdmin.vod };
  rec = { s2: s2.recording, upOrg: upOrg.recording, upAdmin: upAdmin.recording };
});
afterAll(() => env?.close());

const call = (path: string, params: Record<string, string | number>, as: { loginName?: string; password?: string; method?: 'GET' | 'POST' } = {}) => gensee(env, a, `${P}${path}`, params, as);
const stored = async (v: VodRow) => (await env.services.media.vod(v.tenant_id, v.public_id))!;
const playUrl = (v: VodRow) => `http://${a.gensee.site}/webcast/site/vod/play-${v.public_id}`;

describe('5.18 /webcast/vod/update', () => {
  it('updates every documented field', async () => {
    const res = await call('/vod/update', {
      id: vod.s1.public_id, subject: '物理课（回放）', speakerInfo: '陈老师', agenda: '1. 力学', description: '第一讲', loginRequired: 'true', opened: 'true',
      pwdRequired: 'true', vodPassword: 'abc123', skin: 'blue',
    });
    expect(res.json.code).toBe('0');
    const v = await stored(vod.s1);
    expect(v).toMatchObject({ subject: '物理课（回放）', description: '第一讲', password: 'abc123' });
    expect(parseJsonObject(v.properties)).toEqual({ speakerInfo: '陈老师', agenda: '1. 力学', loginRequired: true, opened: true, skin: 'blue' });
    const info = await call('/record/info', { webcastId: w1.public_id });
    expect(info.json.recordList[0]).toMatchObject({ id: vod.s1.public_id, subject: '物理课（回放）', password: 'abc123' });
  });

  it('keeps what is not sent (A-11), clears a text sent empty, and drops the password with pwdRequired=false', async () => {
    expect((await call('/vod/update', { id: vod.s1.public_id, subject: 'Renamed' })).json.code).toBe('0');
    let v = await stored(vod.s1);
    expect(v).toMatchObject({ subject: 'Renamed', description: '第一讲', password: 'abc123' });
    expect(parseJsonObject(v.properties)).toMatchObject({ speakerInfo: '陈老师', skin: 'blue', loginRequired: true });
    expect((await call('/vod/update', { id: vod.s1.public_id, subject: 'Renamed', description: '', pwdRequired: 'false', opened: 'false' })).json.code).toBe('0');
    v = await stored(vod.s1);
    expect(v).toMatchObject({ description: null, password: null });
    expect(parseJsonObject(v.properties)).toMatchObject({ opened: false });
    const info = await call('/record/info', { webcastId: w1.public_id });
    expect(info.json.recordList[0]).not.toHaveProperty('password');
  });

  it('refuses bad input with 101 and changes nothing', async () => {
    const before = await stored(vod.s1);
    for (const bad of <Array<Record<string, string | number>>>[
      { id: vod.s1.public_id, subject: 'x', pwdRequired: 'true' },
      { id: vod.s1.public_id, subject: 'x', skin: 'red' },
      { id: vod.s1.public_id, subject: 'x', loginRequired: 'maybe' },
      { id: vod.s1.public_id, subject: '' },
      { subject: 'x' },
    ]) {
      expect((await call('/vod/update', bad)).json.code, JSON.stringify(bad)).toBe('101');
    }
    expect(await stored(vod.s1)).toEqual(before);
  });

  it('accepts vodId for id (A-19)', async () => {
    expect((await call('/vod/update', { vodId: vod.s2.public_id, subject: 'Second lesson' })).json.code).toBe('0');
    expect((await stored(vod.s2)).subject).toBe('Second lesson');
  });

  it('keeps organizers to their own VODs and sites apart (501)', async () => {
    expect((await call('/vod/update', { id: vod.s2.public_id, subject: 'hijack' }, org)).json.code).toBe('501');
    expect((await call('/vod/update', { id: vod.w2.public_id, subject: 'Mine' }, org)).json.code).toBe('0');
    expect((await gensee(env, b, `${P}/vod/update`, { id: vod.s2.public_id, subject: 'hijack' })).json.code).toBe('501');
    expect((await call('/vod/update', { id: vod.b.public_id, subject: 'hijack' })).json.code).toBe('501');
    expect((await call('/vod/update', { id: 'f'.repeat(32), subject: 'x' })).json.code).toBe('501');
    expect((await stored(vod.s2)).subject).toBe('Second lesson');
    expect((await stored(vod.b)).subject).toBe('Beta class');
  });
});

describe('5.20 /webcast/vod/publish and 5.19 /webcast/vod/unpublish', () => {
  it('publishes and unpublishes; asking for the current state again succeeds and changes nothing', async () => {
    const v = vod.w2;
    expect((await call('/vod/publish', { vodId: v.public_id })).json.code).toBe('0');
    expect((await stored(v)).published).toBe(1);
    expect((await call('/vod/publish', { vodId: v.public_id })).json.code).toBe('0');
    expect((await stored(v)).published).toBe(1);
    expect((await call('/vod/unpublish', { vodId: v.public_id }, org)).json.code).toBe('0');
    // unpublishing keeps the VOD.
    expect(await stored(v)).toMatchObject({ published: 0, deleted_at: null });
    expect((await call('/vod/unpublish', { vodId: v.public_id })).json.code).toBe('0');
    expect((await stored(v)).published).toBe(0);
  });

  it('accepts id for vodId; 101 without either', async () => {
    expect((await call('/vod/publish', { id: vod.w2.public_id })).json.code).toBe('0');
    expect((await call('/vod/unpublish', { id: vod.w2.public_id })).json.code).toBe('0');
    expect((await call('/vod/publish', {})).json.code).toBe('101');
    expect((await call('/vod/unpublish', {})).json.code).toBe('101');
  });

  it('answers 501 for unknown VODs, VODs of other organizers and of other sites', async () => {
    expect((await call('/vod/publish', { vodId: 'f'.repeat(32) })).json.code).toBe('501');
    expect((await call('/vod/publish', { vodId: vod.s1.public_id }, org)).json.code).toBe('501');
    expect((await call('/vod/unpublish', { vodId: vod.s2.public_id }, org)).json.code).toBe('501');
    expect((await gensee(env, b, `${P}/vod/unpublish`, { vodId: vod.s2.public_id })).json.code).toBe('501');
    expect((await call('/vod/unpublish', { vodId: vod.b.public_id })).json.code).toBe('501');
    expect((await stored(vod.s1)).published).toBe(0);
    expect((await stored(vod.s2)).published).toBe(1);
    expect((await stored(vod.b)).published).toBe(1);
  });
});

describe('5.21 /webcast/castmaker/page', () => {
  it('lists uploaded VODs only, with the documented fields (webcast, not webcastId)', async () => {
    const { json } = await call('/castmaker/page', {}, { method: 'GET' });
    expect(json.code).toBe('0');
    expect(json.page).toEqual({ pageNo: 1, totalPages: 1, totalCounts: 2 });
    expect(json.list).toEqual([
      { id: vod.upOrg.public_id, subject: 'Castmaker by org', description: 'made offline', createdTime: T0 + 2 * HOUR, creator: orgId, recordId: rec.upOrg.id, attendeeJoinUrl: playUrl(vod.upOrg) },
      { id: vod.upAdmin.public_id, subject: 'Castmaker by admin', createdTime: T0 + DAY + 2 * HOUR, webcast: w1.public_id, creator: adminId, recordId: rec.upAdmin.id, attendeeJoinUrl: playUrl(vod.upAdmin) },
    ]);
  });

  it("windows on creation time; organizers see only their own; other sites see none of these", async () => {
    const windowed = await call('/castmaker/page', { startTime: '2024-03-02 00:00:00' });
    expect(windowed.json.list.map((v: { id: string }) => v.id)).toEqual([vod.upAdmin.public_id]);
    expect((await call('/castmaker/page', { endTime: T0 + 2 * HOUR })).json.list.map((v: { id: string }) => v.id)).toEqual([vod.upOrg.public_id]);
    const mine = await call('/castmaker/page', { pageNo: '1' }, org);
    expect(mine.json.list.map((v: { id: string }) => v.id)).toEqual([vod.upOrg.public_id]);
    expect(mine.json.page).toEqual({ pageNo: 1, totalPages: 1, totalCounts: 1 });
    const other = await gensee(env, b, `${P}/castmaker/page`, {});
    expect(other.json.list.map((v: { subject: string }) => v.subject)).toEqual(['Beta upload']);
  });

  it("is not in 5.10's list of the webcast it names: that lists what the webcast's classes recorded", async () => {
    const info = await call('/record/info', { webcastId: w1.public_id });
    expect(info.json.recordList.map((v: { id: string }) => v.id)).toEqual([vod.s1.public_id, vod.s2.public_id]);
  });

  it('refuses a reversed window or a bad page number with 101', async () => {
    expect((await call('/castmaker/page', { startTime: T0 + 1, endTime: T0 })).json.code).toBe('101');
    expect((await call('/castmaker/page', { pageNo: 'two' })).json.code).toBe('101');
  });
});

describe('5.24 /webcast/vod/sync', () => {
  const everything = { startTime: '2024-03-01 00:00:00', endTime: '2024-03-03 00:00:00' };

  it('lists only published VODs created in the window, with the documented fields', async () => {
    const { json } = await call('/vod/sync', everything);
    expect(json.code).toBe('0');
    expect(json.page).toEqual({ pageNo: 1, totalPages: 1, totalCounts: 2 });
    const s2 = await stored(vod.s2);
    expect(json.list).toEqual([
      {
        id: s2.public_id, subject: s2.subject, createdTime: T0 + DAY + 50 * MIN, attendeeJoinUrl: playUrl(s2), webcastId: w1.public_id, creator: adminId,
        number: s2.number, recordId: rec.s2.id, recordStartTime: T0 + DAY, recordEndTime: T0 + DAY + 50 * MIN,
      },
      { id: vod.upAdmin.public_id, subject: 'Castmaker by admin', createdTime: T0 + DAY + 2 * HOUR, attendeeJoinUrl: playUrl(vod.upAdmin), webcastId: w1.public_id, creator: adminId, number: vod.upAdmin.number, recordId: rec.upAdmin.id },
    ]);
  });

  it('follows publishing', async () => {
    await call('/vod/publish', { vodId: vod.s1.public_id });
    expect((await call('/vod/sync', everything)).json.list.map((v: { id: string }) => v.id)).toEqual([vod.s1.public_id, vod.s2.public_id, vod.upAdmin.public_id]);
    await call('/vod/unpublish', { vodId: vod.s1.public_id });
    expect((await call('/vod/sync', everything)).json.page.totalCounts).toBe(2);
  });

  it('pages 50 at a time', async () => {
    const base = Date.UTC(2025, 0, 1);
    for (let i = 0; i < 52; i++) await env.services.media.importUpload({ tenantId: a.tenant.id, subject: `bulk ${i}`, size: 1, ownerUserId: adminId, publish: i % 2 === 0 || i >= 40, at: base + i * 1000 });
    const window = { startTime: base, endTime: base + DAY };
    const p1 = await call('/vod/sync', window);
    expect(p1.json.page).toEqual({ pageNo: 1, totalPages: 1, totalCounts: 32 });
    for (let i = 52; i < 80; i++) await env.services.media.importUpload({ tenantId: a.tenant.id, subject: `bulk ${i}`, size: 1, ownerUserId: adminId, publish: true, at: base + i * 1000 });
    const p2 = await call('/vod/sync', { ...window, pageNo: 2 });
    expect(p2.json.page).toEqual({ pageNo: 2, totalPages: 2, totalCounts: 60 });
    expect(p2.json.list.map((v: { subject: string }) => v.subject)).toEqual(['bulk 70', 'bulk 71', 'bulk 72', 'bulk 73', 'bulk 74', 'bulk 75', 'bulk 76', 'bulk 77', 'bulk 78', 'bulk 79']);
  });

  it("requires both bounds; another site's admin sees only its own; organizers are refused", async () => {
    expect((await call('/vod/sync', { startTime: T0 })).json.code).toBe('101');
    expect((await call('/vod/sync', { endTime: T0 })).json.code).toBe('101');
    const other = await gensee(env, b, `${P}/vod/sync`, everything);
    expect(other.json.list.map((v: { id: string }) => v.id)).toEqual([vod.b.public_id]);
    expect((await call('/vod/sync', everything, org)).json.code).toBe('200');
  });
});

describe('5.25 /webcast/warmup/attach and 5.26 /webcast/warmup/detach', () => {
  const warmUpId = async (room: RoomRow) => (await call('/setting/info', { webcastId: room.public_id })).json.warmUpId;

  it("sets the webcast's one warm-up VOD (shown as warmUpId by 5.8); a second attach replaces the first", async () => {
    expect((await call('/warmup/attach', { webcastId: w2.public_id, vodId: vod.s2.public_id })).json.code).toBe('0');
    expect(await warmUpId(w2)).toBe(vod.s2.public_id);
    expect((await call('/warmup/attach', { webcastId: w2.public_id, vodId: vod.upOrg.public_id })).json.code).toBe('0');
    expect(await warmUpId(w2)).toBe(vod.upOrg.public_id);
  });

  it('detaches only the current warm-up VOD', async () => {
    expect((await call('/warmup/detach', { webcastId: w2.public_id, vodId: vod.s2.public_id })).json.code).toBe('501');
    expect(await warmUpId(w2)).toBe(vod.upOrg.public_id);
    expect((await call('/warmup/detach', { webcastId: w2.public_id, vodId: vod.upOrg.public_id })).json.code).toBe('0');
    expect(await warmUpId(w2)).toBeNull();
    expect((await call('/warmup/detach', { webcastId: w2.public_id, vodId: vod.upOrg.public_id })).json.code).toBe('501');
  });

  it('answers 501 for unknown or other-site webcasts and VODs, 101 for missing ids, and writes nothing', async () => {
    expect((await call('/warmup/attach', { webcastId: w1.public_id, vodId: 'f'.repeat(32) })).json.code).toBe('501');
    expect((await call('/warmup/attach', { webcastId: 'f'.repeat(32), vodId: vod.s2.public_id })).json.code).toBe('501');
    expect((await call('/warmup/attach', { webcastId: w1.public_id, vodId: vod.b.public_id })).json.code).toBe('501');
    expect((await gensee(env, b, `${P}/warmup/attach`, { webcastId: w1.public_id, vodId: vod.b.public_id })).json.code).toBe('501');
    expect((await call('/warmup/attach', { webcastId: w1.public_id })).json.code).toBe('101');
    expect((await call('/warmup/detach', { vodId: vod.s2.public_id })).json.code).toBe('101');
    expect(await warmUpId(w1)).toBeNull();
    expect((await call('/warmup/attach', { webcastId: w1.public_id, vodId: vod.s2.public_id }, org)).json.code).toBe('200');
  });
});

describe('5.33 /webcast/export/vod/history', () => {
  /** 2024-03-05 00:00:00 in Asia/Shanghai. */
  const D = Date.UTC(2024, 2, 4, 16, 0, 0);
  let alice: number;
  let bob: number;

  beforeAll(async () => {
    const ing = env.services.ingestion;
    const view = (v: VodRow, key: string, name: string, startedAt: number, leftAt: number | null, ip: string | null = null) =>
      ing.vodView({ tenantId: v.tenant_id, vodId: v.id, roomId: v.room_id, who: { key, name }, ip, startedAt, leftAt });
    await view(vod.s2, 'user:alice', 'Alice', D + 9 * HOUR + 10 * MIN, D + 9 * HOUR + 40 * MIN, '1.2.3.4');
    await view(vod.upAdmin, 'user:bob', 'Bob', D + 14 * HOUR + 5 * MIN, null);
    await view(vod.s2, 'user:carol', 'Carol', D - 1, D + 20 * MIN);
    await view(vod.s2, 'user:dave', 'Dave', D + DAY, D + DAY + MIN);
    await view(vod.b, 'user:eve', 'Eve', D + 10 * HOUR, D + 11 * HOUR);
    alice = (await env.services.participants.byKey(a.tenant.id, 'user:alice'))!.id;
    bob = (await env.services.participants.byKey(a.tenant.id, 'user:bob'))!.id;
  });

  it("lists the day's viewing intervals in time order, with flat page fields", async () => {
    const { json } = await call('/export/vod/history', { date: '2024-03-05' });
    expect(json.code).toBe('0');
    expect(json.list).toEqual([
      { vodId: vod.s2.public_id, uid: String(alice), startTime: D + 9 * HOUR + 10 * MIN, leaveTime: D + 9 * HOUR + 40 * MIN, name: 'Alice', duration: '1800', ip: '1.2.3.4' },
      { vodId: vod.upAdmin.public_id, uid: String(bob), startTime: D + 14 * HOUR + 5 * MIN, name: 'Bob' },
    ]);
    expect(json).toMatchObject({ pageNo: 1, totalCounts: 2, totalPages: 1 });
    expect(json).not.toHaveProperty('page');
  });

  it('takes the day from a datetime or epoch ms too, and narrows to an hour', async () => {
    const ids = async (params: Record<string, string | number>) => (await call('/export/vod/history', params)).json.list.map((v: { name: string }) => v.name);
    expect(await ids({ date: '2024-03-05 23:59:59' })).toEqual(['Alice', 'Bob']);
    expect(await ids({ date: D + 12 * HOUR })).toEqual(['Alice', 'Bob']);
    expect(await ids({ date: '2024-03-05', hour: 9 })).toEqual(['Alice']);
    expect(await ids({ date: '2024-03-05', hour: 14 })).toEqual(['Bob']);
    expect(await ids({ date: '2024-03-05', hour: 0 })).toEqual([]);
    expect(await ids({ date: '2024-03-04', hour: 23 })).toEqual(['Carol']);
  });

  it('pages 50 at a time', async () => {
    const day = Date.UTC(2024, 3, 9, 16);
    for (let i = 0; i < 53; i++) await env.services.ingestion.vodView({ tenantId: a.tenant.id, vodId: vod.s2.id, roomId: w1.id, who: { key: `user:v${i}`, name: `Viewer ${i}` }, startedAt: day + i * MIN, leftAt: day + i * MIN + 1500 });
    const p2 = await call('/export/vod/history', { date: '2024-04-10', pageNo: 2 });
    expect(p2.json).toMatchObject({ pageNo: 2, totalCounts: 53, totalPages: 2 });
    expect(p2.json.list.map((v: { name: string; duration: string }) => `${v.name}/${v.duration}`)).toEqual(['Viewer 50/2', 'Viewer 51/2', 'Viewer 52/2']);
  });

  it('refuses a missing or malformed date and an hour outside 0–23 with 101', async () => {
    expect((await call('/export/vod/history', {})).json.code).toBe('101');
    expect((await call('/export/vod/history', { date: '05/03/2024' })).json.code).toBe('101');
    expect((await call('/export/vod/history', { date: '2024-03-05', hour: 24 })).json.code).toBe('101');
    expect((await call('/export/vod/history', { date: '2024-03-05', hour: -1 })).json.code).toBe('101');
  });

  it("shows another site's admin only its own views; organizers are refused", async () => {
    const other = await gensee(env, b, `${P}/export/vod/history`, { date: '2024-03-05' });
    expect(other.json.list.map((v: { name: string; vodId: string }) => [v.name, v.vodId])).toEqual([['Eve', vod.b.public_id]]);
    expect((await call('/export/vod/history', { date: '2024-03-05' }, org)).json.code).toBe('200');
  });
});
