import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, newTenant, type TestEnv } from '../../../test/harness.js';
import type { Tenant } from '../../core/tenants.js';
import type { UserRow } from '../../storage/schema.js';
import { DialectError } from '../framework/dialect.js';
import { GENSEE_ERRORS } from './gensee-errors.js';
import { mayActOn, ownedRoom, ownerScope } from './gensee-ownership.js';

let env: TestEnv;
let tenant: Tenant;
let otherTenant: Tenant;
let admin: UserRow;
let teacher: UserRow;
let colleague: UserRow;
let teachersRoom: string;
let adminsRoom: string;
let deletedRoom: string;
let foreignRoom: string;

const as = (user: UserRow, t = tenant) => ({ services: env.services, tenant: t, user, isAdmin: user.role === 'admin' });

async function tenantOf(site: string): Promise<Tenant> {
  return env.services.tenants.get((await env.services.tenants.findCredential('gensee-site', site))!.tenantId);
}

beforeAll(async () => {
  env = await createTestEnv();
  tenant = await tenantOf((await newTenant(env, 'Owners')).gensee.site);
  otherTenant = await tenantOf((await newTenant(env, 'Strangers')).gensee.site);
  admin = (await env.services.users.findByLogin(tenant.id, 'admin'))!;
  teacher = await env.services.users.create(tenant.id, 'teacher', 'teacher-pass', { name: 'T', role: 'organizer' });
  colleague = await env.services.users.create(tenant.id, 'colleague', 'colleague-pass', { name: 'C', role: 'organizer' });
  const room = (tenantId: string, ownerUserId: number) => env.services.rooms.create({ tenantId, kind: 'interactive_class', title: 'class', ownerUserId });
  teachersRoom = (await room(tenant.id, teacher.id)).public_id;
  adminsRoom = (await room(tenant.id, admin.id)).public_id;
  const deleted = await room(tenant.id, teacher.id);
  await env.services.rooms.softDelete(deleted);
  deletedRoom = deleted.public_id;
  const strangersAdmin = (await env.services.users.findByLogin(otherTenant.id, 'admin'))!;
  foreignRoom = (await room(otherTenant.id, strangersAdmin.id)).public_id;
});
afterAll(() => env?.close());

async function refusal(promise: Promise<unknown>): Promise<DialectError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(DialectError);
  return err as DialectError;
}

describe('Gensee ownership', () => {
  it('admins act on every record of the site, organizers on their own only', () => {
    expect(mayActOn(as(admin), teacher.id)).toBe(true);
    expect(mayActOn(as(admin), null)).toBe(true);
    expect(mayActOn(as(teacher), teacher.id)).toBe(true);
    expect(mayActOn(as(teacher), colleague.id)).toBe(false);
    expect(mayActOn(as(teacher), null)).toBe(false);
  });

  it('narrows listings to the organizer, never the admin', () => {
    expect(ownerScope(as(admin))).toBeUndefined();
    expect(ownerScope(as(teacher))).toBe(teacher.id);
  });

  it('gives organizers their own rooms and admins any room of the site, in any id case', async () => {
    expect((await ownedRoom(as(teacher), teachersRoom, 'room')).public_id).toBe(teachersRoom);
    expect((await ownedRoom(as(admin), teachersRoom.toUpperCase(), 'room')).public_id).toBe(teachersRoom);
    expect((await ownedRoom(as(admin), adminsRoom, 'room')).public_id).toBe(adminsRoom);
  });

  it("answers another owner's room exactly like a missing one (501), so ids are not revealed", async () => {
    const others = await refusal(ownedRoom(as(colleague), teachersRoom, 'webcast'));
    const missing = await refusal(ownedRoom(as(colleague), '0'.repeat(32), 'webcast'));
    expect(others.entry).toBe(GENSEE_ERRORS.NOT_FOUND);
    expect(missing.entry).toBe(GENSEE_ERRORS.NOT_FOUND);
    expect(others.detail).toBe(`webcast "${teachersRoom}" does not exist`);
  });

  it('refuses deleted rooms and rooms of another site, even to admins', async () => {
    expect((await refusal(ownedRoom(as(admin), deletedRoom, 'room'))).entry).toBe(GENSEE_ERRORS.NOT_FOUND);
    expect((await refusal(ownedRoom(as(admin), foreignRoom, 'room'))).entry).toBe(GENSEE_ERRORS.NOT_FOUND);
  });
});
