import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness.js';
import { randomCode } from './ids.js';
import type { RoomRow } from '../storage/schema.js';
import type * as Ids from './ids.js';

// The real generator, unless a test makes it collide.
vi.mock('./ids.js', async (importOriginal) => {
  const original = await importOriginal<typeof Ids>();
  return { ...original, randomCode: vi.fn(original.randomCode) };
});

const { randomCode: realRandomCode } = await vi.importActual<typeof Ids>('./ids.js');

let env: TestEnv;
let tenantId: string;

beforeAll(async () => {
  env = await createTestEnv();
  tenantId = (await env.services.tenants.create({ name: 'Passes' })).id;
});
afterAll(() => env?.close());

const newRoom = (title = 'room', extra: Partial<Parameters<TestEnv['services']['rooms']['create']>[0]> = {}) =>
  env.services.rooms.create({ tenantId, kind: 'large_class', title, ...extra });

async function passRows(room?: RoomRow) {
  let q = env.services.db.selectFrom('room_passes').select(['room_id', 'kind', 'role', 'code', 'secret']).where('tenant_id', '=', tenantId);
  if (room) q = q.where('room_id', '=', room.id);
  return q.orderBy('id').execute();
}

const roomCount = async () => Number((await env.services.db.selectFrom('rooms').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow()).n);

describe('role passes are issued with the room', () => {
  it('gives a new room one code and one token per role, the tokens asked for and the rest generated', async () => {
    const room = await newRoom('tokens', { tokens: { host: 'host-token', student: '' } });
    const rows = await passRows(room);
    expect(rows.map((r) => `${r.kind}:${r.role}`)).toEqual(['role_code:host', 'role_code:assistant', 'role_code:student', 'role_token:host', 'role_token:assistant', 'role_token:student']);
    const tokens = await env.services.passes.roleTokens(room);
    expect(tokens.host).toBe('host-token');
    expect(tokens.assistant).toMatch(/^\d{6}$/);
    expect(tokens.student).toBeNull();
    const codes = await env.services.passes.roleCodes(room);
    expect(new Set(Object.values(codes)).size).toBe(3);
  });

  it('answers concurrent first reads with one set of codes, and reading writes nothing', async () => {
    const room = await newRoom('concurrent reads');
    const before = await passRows();
    const reads = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? env.services.passes.roleCodes(room) : env.services.passes.roleCodesOf([room]).then((m) => m.get(room.id)!))));
    expect(new Set(reads.map((c) => JSON.stringify(c))).size).toBe(1);
    expect(await passRows()).toEqual(before);
  });

  it('issues concurrently created rooms one set each, every code different', async () => {
    const rooms = await Promise.all(Array.from({ length: 20 }, (_, i) => newRoom(`parallel ${i}`)));
    const rows = (await passRows()).filter((r) => rooms.some((room) => room.id === r.room_id));
    expect(rows.filter((r) => r.kind === 'role_code')).toHaveLength(60);
    expect(rows.filter((r) => r.kind === 'role_token')).toHaveLength(60);
    expect(new Set(rows.filter((r) => r.kind === 'role_code').map((r) => r.code)).size).toBe(60);
  });

  it('draws the codes again when one is taken, inside the creating transaction', async () => {
    const taken = (await env.services.passes.roleCodes(await newRoom('holder'))).host;
    vi.mocked(randomCode).mockReturnValueOnce(taken);
    const room = await newRoom('collides once');
    const codes = await env.services.passes.roleCodes(room);
    expect(codes.host).not.toBe(taken);
    expect(await passRows(room)).toHaveLength(6);
  });

  it('writes no room when its passes cannot be issued', async () => {
    const taken = (await env.services.passes.roleCodes(await newRoom('holder 2'))).host;
    const rooms = await roomCount();
    vi.mocked(randomCode).mockReturnValue(taken);
    try {
      await expect(newRoom('never issued')).rejects.toThrow();
    } finally {
      vi.mocked(randomCode).mockImplementation(realRandomCode);
    }
    expect(await roomCount()).toBe(rooms);
  });

  it('refuses a second role pass for a room and role, but not a second personal code', async () => {
    const room = await newRoom('unique');
    const pass = (kind: string, role: string, code: string | null, userNumber: number | null) => env.services.db.insertInto('room_passes').values({
      tenant_id: tenantId, room_id: room.id, role, code, secret: null, user_number: userNumber, user_name: null, user_avatar: null, kind, group_id: null, created_at: 0,
    }).execute();
    await expect(pass('role_code', 'host', 'zzzzz1', null)).rejects.toThrow();
    await expect(pass('role_token', 'assistant', null, null)).rejects.toThrow();
    await pass('user_code', 'student', 'zzzzz2', 1);
    await pass('user_code', 'student', 'zzzzz3', 2);
  });
});

describe('role tokens change with the room, in one transaction', () => {
  it('changes only the tokens named; an empty student token removes it', async () => {
    const room = await newRoom('update', { tokens: { host: 'h-000001', assistant: 'a-000001', student: 's-000001' } });
    await env.services.rooms.update(room, { tokens: { assistant: 'a-000002', student: '' } });
    expect(await env.services.passes.roleTokens(room)).toEqual({ host: 'h-000001', assistant: 'a-000002', student: null });
  });

  it('keeps the room unchanged when a token change is refused', async () => {
    const room = await newRoom('atomic update', { tokens: { host: 'h-000003' } });
    await expect(env.services.rooms.update(room, { title: 'renamed', aac: true, tokens: { host: '' } })).rejects.toThrow(/token/);
    const after = (await env.services.rooms.find(tenantId, { id: room.id }))!;
    expect(after).toMatchObject({ title: 'atomic update', audio_aac: 0 });
    expect((await env.services.passes.roleTokens(room)).host).toBe('h-000003');
  });

  it('refuses a schedule that ends before it starts, on creation and on update', async () => {
    await expect(newRoom('backwards', { scheduledStart: 2000, scheduledEnd: 1000 })).rejects.toThrow(/before/);
    const room = await newRoom('forwards', { scheduledStart: 2000, scheduledEnd: 3000 });
    await expect(env.services.rooms.update(room, { scheduledEnd: 1000 })).rejects.toThrow(/before/);
  });
});
