import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bjy, createTestEnv, newTenant, nowSeconds, type TestEnv } from '../../../test/harness.js';
import type { TenantCredentials } from '../provision.js';

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

describe('4 room/delete', () => {
  it('deletes the room and remembers it: 3002 afterwards, gone from the list', async () => {
    const r = await createRoom(a);
    expect((await bjy(env, a, '/openapi/room/delete', { room_id: r.room_id })).json).toMatchObject({ code: 0, data: null });
    expect((await bjy(env, a, '/openapi/room/info', { room_id: r.room_id })).json.code).toBe(3002);
    expect((await bjy(env, a, '/openapi/room/delete', { room_id: r.room_id })).json.code).toBe(3002);
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
