import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { bjy, createTestEnv, multipartBody, newTenant, nowSeconds, type TestEnv } from '../../../test/harness.js';
import type { TenantCredentials } from '../provision.js';
import { baijiayunSign } from './signature.js';

let env: TestEnv;
let a: TenantCredentials;
let b: TenantCredentials;

beforeAll(async () => {
  env = await createTestEnv();
  a = await newTenant(env, 'Alpha');
  b = await newTenant(env, 'Beta');
});
afterAll(() => env?.close());

type Created = { room_id: string; admin_code: string; teacher_code: string; student_code: string };

async function createRoom(creds: TenantCredentials, extra: Record<string, string | number> = {}): Promise<Created> {
  const start = nowSeconds() + 600;
  const { json } = await bjy(env, creds, '/openapi/room/create', { title: '数学课', start_time: start, end_time: start + 3600, ...extra });
  expect(json.code, JSON.stringify(json)).toBe(0);
  return json.data as Created;
}

const roomRow = (creds: TenantCredentials, id: string) => env.services.rooms.find(creds.tenant.id, { numericId: id });
const settingsOf = async (creds: TenantCredentials, id: string) => JSON.parse((await roomRow(creds, id))!.properties) as Record<string, unknown>;
const infoOf = async (creds: TenantCredentials, id: string) => (await bjy(env, creds, '/openapi/room/info', { room_id: id })).json.data;
const update = (creds: TenantCredentials, id: string, params: Record<string, string | number>) => bjy(env, creds, '/openapi/room/update', { room_id: id, ...params });

describe('3 room/update', () => {
  it('changes what is sent and nothing else', async () => {
    const r = await createRoom(a, { max_users: 30, template_name: 'triple' });
    const before = await infoOf(a, r.room_id);
    const start = nowSeconds() + 7200;
    expect((await update(a, r.room_id, { title: '新'.repeat(60), start_time: start, end_time: start + 5400, max_users: 80 })).json).toMatchObject({ code: 0, data: null });
    const after = await infoOf(a, r.room_id);
    expect(after).toMatchObject({ title: '新'.repeat(50), max_users: 80, admin_code: before.admin_code, type: before.type });
    expect(after.start_time).not.toBe(before.start_time);
    const row = (await roomRow(a, r.room_id))!;
    expect([row.scheduled_start, row.scheduled_end]).toEqual([start * 1000, (start + 5400) * 1000]);
    expect(await settingsOf(a, r.room_id)).toMatchObject({ template_name: 'triple' });
    // Only the title: the schedule stays.
    await update(a, r.room_id, { title: '只改标题' });
    expect(await infoOf(a, r.room_id)).toMatchObject({ title: '只改标题', start_time: after.start_time, end_time: after.end_time, max_users: 80 });
    // A title sent empty stays as it was.
    await update(a, r.room_id, { title: '' });
    expect((await infoOf(a, r.room_id)).title).toBe('只改标题');
    // max_users 0: no limit.
    await update(a, r.room_id, { max_users: 0 });
    expect((await infoOf(a, r.room_id)).max_users).toBe(0);
  });

  it("accepts endTime for end_time (field notes 18) and keeps settings under create's names", async () => {
    const r = await createRoom(a);
    const row = (await roomRow(a, r.room_id))!;
    const end = Math.floor(row.scheduled_start! / 1000) + 1800;
    expect((await update(a, r.room_id, { endTime: end, pre_entrance_time: 600, forbidde_n_end_types: 'H5, web', is_video_main: 1, template_name: 'oneoneNew', max_backup_users: 4, some_future_param: 'kept' })).json.code).toBe(0);
    expect((await roomRow(a, r.room_id))!.scheduled_end).toBe(end * 1000);
    expect(await settingsOf(a, r.room_id)).toMatchObject({ pre_enter_time: 600, forbidden_end_types: 'h5,web', is_video_main: 1, template_name: 'oneoneNew', max_backup_users: 4, some_future_param: 'kept' });
    expect((await infoOf(a, r.room_id)).max_backup_users).toBe(4);
    await update(a, r.room_id, { forbidden_end_types: '' });
    expect(await settingsOf(a, r.room_id)).not.toHaveProperty('forbidden_end_types');
  });

  it('holds the room to the create rules, refusing with 1001 naming the parameter and changing nothing', async () => {
    const r = await createRoom(a);
    const small = await createRoom(a, { type: 4, max_users: 6 });
    const row = (await roomRow(a, r.room_id))!;
    const start = Math.floor(row.scheduled_start! / 1000);
    const cases: Array<[string, Record<string, string | number>, RegExp]> = [
      [r.room_id, { title: 'changed', end_time: start - 60 }, /end_time/],
      [r.room_id, { title: 'changed', endTime: start - 60 }, /endTime/],
      [r.room_id, { end_time: start + 25 * 3600 }, /24 hours/],
      [r.room_id, { start_time: nowSeconds() + 400 * 86_400, end_time: nowSeconds() + 400 * 86_400 + 60 }, /one year/],
      [r.room_id, { start_time: 'soon' }, /start_time/],
      [small.room_id, { max_users: 20 }, /max_users/],
      [r.room_id, { template_name: 'fancy' }, /template_name/],
      [r.room_id, { forbidde_n_end_types: 'pc' }, /forbidde_n_end_types/],
      [r.room_id, { is_video_main: 3 }, /is_video_main/],
      [r.room_id, { template_type: 4 }, /template_type/],
      [r.room_id, { switch_room_role: 9 }, /switch_room_role/],
    ];
    for (const [id, params, msg] of cases) {
      const { json } = await update(a, id, params);
      expect(json.code, JSON.stringify(params)).toBe(1001);
      expect(json.msg).toMatch(msg);
    }
    expect((await roomRow(a, r.room_id))!).toEqual(row);
    expect((await infoOf(a, small.room_id)).max_users).toBe(6);
  });

  it('lets a long-term room span more than a day', async () => {
    const r = await createRoom(a, { is_long_term: 1, end_time: nowSeconds() + 30 * 86_400 });
    expect((await update(a, r.room_id, { end_time: nowSeconds() + 90 * 86_400 })).json.code).toBe(0);
  });

  it("refuses another account's room (3001), a deleted room (3002) and a missing room_id (1001)", async () => {
    const theirs = await createRoom(b);
    expect((await update(a, theirs.room_id, { title: 'hijack' })).json.code).toBe(3001);
    expect((await infoOf(b, theirs.room_id)).title).toBe('数学课');
    const gone = await createRoom(a);
    await bjy(env, a, '/openapi/room/delete', { room_id: gone.room_id });
    expect((await update(a, gone.room_id, { title: 'x' })).json.code).toBe(3002);
    expect((await bjy(env, a, '/openapi/room/update', { title: 'x' })).json).toMatchObject({ code: 1001, msg: expect.stringMatching(/room_id/) });
  });

  it('keeps small-class background and whiteboard images sent as multipart files (not signed), replacing old ones', async () => {
    const r = await createRoom(a, { type: 4, max_users: 6 });
    const send = async (fields: Record<string, string>, files: Array<{ field: string; fileName: string; content: string; type: string }>) => {
      const all = { partner_id: a.baijiayun.partner_id, timestamp: String(nowSeconds()), room_id: r.room_id, ...fields };
      const body = await multipartBody({ ...all, sign: baijiayunSign(Object.entries(all), a.baijiayun.partner_key) }, files);
      return (await env.app.inject({ method: 'POST', url: '/openapi/room/update', headers: { 'content-type': body.contentType }, payload: body.payload })).json();
    };
    expect(await send({ title: '带背景' }, [{ field: 'background_attachment', fileName: 'bg.png', content: 'PNG-1', type: 'image/png' }])).toMatchObject({ code: 0 });
    const first = (await settingsOf(a, r.room_id)).background_attachment as { blob: string; name: string; mime: string; size: number };
    expect(first).toMatchObject({ name: 'bg.png', mime: 'image/png', size: 5 });
    const file = (key: string) => path.join(env.config.dataDir, 'blobs', ...key.split('/'));
    expect(fs.readFileSync(file(first.blob), 'utf8')).toBe('PNG-1');
    expect((await infoOf(a, r.room_id)).title).toBe('带背景');
    await send({}, [{ field: 'background_attachment', fileName: 'bg2.png', content: 'PNG-22', type: 'image/png' }, { field: 'whiteboard_attachment', fileName: 'wb.jpg', content: 'JPG', type: 'image/jpeg' }]);
    const settings = await settingsOf(a, r.room_id);
    const second = settings.background_attachment as { blob: string };
    expect(fs.readFileSync(file(second.blob), 'utf8')).toBe('PNG-22');
    expect(fs.existsSync(file(first.blob))).toBe(false);
    expect(settings.whiteboard_attachment).toMatchObject({ name: 'wb.jpg' });
    // A refused update keeps no file.
    const count = () => fs.readdirSync(path.join(env.config.dataDir, 'blobs', a.tenant.id), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
    const before = count();
    expect(await send({ max_users: '99' }, [{ field: 'background_attachment', fileName: 'bg3.png', content: 'PNG-333', type: 'image/png' }])).toMatchObject({ code: 1001 });
    expect(count()).toBe(before);
  });
});

describe('2 room/create with small-class images', () => {
  it('keeps the background and whiteboard images sent as multipart files, which take no part in the sign', async () => {
    const start = nowSeconds() + 600;
    const all = { partner_id: a.baijiayun.partner_id, timestamp: String(nowSeconds()), title: '小班课', start_time: String(start), end_time: String(start + 3600), type: '4', max_users: '6' };
    const body = await multipartBody({ ...all, sign: baijiayunSign(Object.entries(all), a.baijiayun.partner_key) }, [
      { field: 'background_attachment', fileName: 'bg.jpg', content: 'JPEG-BG', type: 'image/jpeg' },
      { field: 'whiteboard_attachment', fileName: 'wb.png', content: 'PNG-WB', type: 'image/png' },
    ]);
    const res = (await env.app.inject({ method: 'POST', url: '/openapi/room/create', headers: { 'content-type': body.contentType }, payload: body.payload })).json();
    expect(res.code, JSON.stringify(res)).toBe(0);
    const settings = await settingsOf(a, res.data.room_id);
    const file = (key: string) => fs.readFileSync(path.join(env.config.dataDir, 'blobs', ...key.split('/')), 'utf8');
    expect(settings.background_attachment).toMatchObject({ name: 'bg.jpg', mime: 'image/jpeg', size: 7 });
    expect(file((settings.background_attachment as { blob: string }).blob)).toBe('JPEG-BG');
    expect(file((settings.whiteboard_attachment as { blob: string }).blob)).toBe('PNG-WB');
  });
});

describe('4 room/delete', () => {
  it('deletes the room and remembers it: 3002 afterwards, gone from the list', async () => {
    const r = await createRoom(a);
    expect((await bjy(env, a, '/openapi/room/delete', { room_id: r.room_id })).json).toMatchObject({ code: 0, data: null });
    expect((await bjy(env, a, '/openapi/room/info', { room_id: r.room_id })).json.code).toBe(3002);
    // A second delete is a new signed request (another timestamp); the same bytes again would be a replay of the first.
    expect((await bjy(env, a, '/openapi/room/delete', { room_id: r.room_id }, { timestamp: nowSeconds() + 1 })).json.code).toBe(3002);
    const listed = (await bjy(env, a, '/openapi/room/list', { limit: 1000 })).json.data.list as Array<{ room_id: number }>;
    expect(listed.map((x) => x.room_id)).not.toContain(Number(r.room_id));
  });

  it('answers 1001 naming room_id when it is missing (field notes 19), 3001 for an unknown room', async () => {
    expect((await bjy(env, a, '/openapi/room/delete')).json).toMatchObject({ code: 1001, msg: expect.stringMatching(/room_id/) });
    expect((await bjy(env, a, '/openapi/room/delete', { room_id: '11111111111111' })).json.code).toBe(3001);
  });

  it("never deletes another account's room", async () => {
    const theirs = await createRoom(b);
    expect((await bjy(env, a, '/openapi/room/delete', { room_id: theirs.room_id })).json.code).toBe(3001);
    expect((await roomRow(b, theirs.room_id))!.deleted_at).toBeNull();
    expect((await bjy(env, b, '/openapi/room/info', { room_id: theirs.room_id })).json.code).toBe(0);
  });

  it('ends a class in progress: everyone leaves when the room goes', async () => {
    const r = await createRoom(a);
    const room = (await roomRow(a, r.room_id))!;
    const session = await env.services.ingestion.startSession(room);
    await env.services.ingestion.join({ room, who: { key: 'number:1', name: 'S1', userNumber: 1 }, role: 'student' });
    expect((await bjy(env, a, '/openapi/room/delete', { room_id: r.room_id })).json.code).toBe(0);
    expect((await env.services.sessions.byId(a.tenant.id, session.id))!.ended_at).not.toBeNull();
    expect((await env.services.presence.ofRoom(room.id)).present).toBe(0);
  });
});
