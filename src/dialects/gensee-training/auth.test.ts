import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, gensee, newTenant, type TestEnv } from '../../../test/harness.js';
import type { TenantCredentials } from '../provision.js';
import { TRAINING_ENDPOINTS } from './endpoints.js';

let env: TestEnv;
let a: TenantCredentials;
let b: TenantCredentials;
let roomId: string;

beforeAll(async () => {
  env = await createTestEnv();
  a = await newTenant(env, 'Alpha');
  b = await newTenant(env, 'Beta');
  const tenantId = (await env.services.tenants.findCredential('gensee-site', a.gensee.site))!.tenantId;
  const admin = (await env.services.users.findByLogin(tenantId, 'admin'))!;
  roomId = (await env.services.rooms.create({ tenantId, kind: 'interactive_class', title: '训练课', ownerUserId: admin.id, scheduledStart: 0, scheduledEnd: 90 * 60_000, tokens: { host: '123456' } })).public_id;
  await env.services.users.create(tenantId, 'teacher', 'teacher-pass', { name: 'T', role: 'organizer' });
});
afterAll(() => env?.close());

describe('Gensee Training auth, on every endpoint', () => {
  for (const ep of TRAINING_ENDPOINTS) {
    it(`${ep.path}: wrong password, other site, unknown host`, async () => {
      expect((await gensee(env, a, ep.path, {}, { password: 'nope' })).json.code).toBe('200');
      expect((await gensee(env, b, ep.path, {}, { host: a.gensee.site })).json.code).toBe('200');
      expect((await gensee(env, a, ep.path, {}, { host: 'x.example.test' })).json.code).toBe('200');
    });
  }
});

describe('room/info', () => {
  it('reads a room', async () => {
    const { json } = await gensee(env, a, '/integration/site/training/room/info', { roomId }, { method: 'GET' });
    expect(json).toMatchObject({ code: '0', id: roomId, subject: '训练课', teacherToken: '123456', duration: 90, startDate: 0 });
  });
  it("hides other teachers' rooms (501) and asks for roomId (101)", async () => {
    expect((await gensee(env, a, '/integration/site/training/room/info', { roomId }, { loginName: 'teacher', password: 'teacher-pass' })).json.code).toBe('501');
    expect((await gensee(env, a, '/integration/site/training/room/info', {})).json.code).toBe('101');
  });
});
