import type { RoomRow, UserRow } from '../src/storage/schema.js';
import type { TenantCredentials } from '../src/dialects/provision.js';
import { gensee, type TestEnv } from './harness.js';

/** Gensee Training test helpers: accounts and rooms of a tenant, made the way clients make them. */
export const T = (path: string) => `/integration/site/training${path}`;

/** A teacher account of the tenant (password `teach-pass`), created through 5.9. */
export async function createTeacher(env: TestEnv, creds: TenantCredentials, login: string): Promise<UserRow & { password: string }> {
  const res = await gensee(env, creds, T('/teacher/created'), { teacherLoginName: login, teacherPassword: 'teach-pass', name: login });
  if (res.json.code !== '0') throw new Error(`teacher/created answered ${JSON.stringify(res.json)}`);
  return { ...(await env.services.users.findByLogin(creds.tenant.id, login))!, password: 'teach-pass' };
}

/** Calls a Training endpoint as a teacher. */
export const asTeacher = (teacher: { login_name: string; password: string }) => ({ loginName: teacher.login_name, password: teacher.password });

/** A room of the tenant owned by `owner` (default: the site admin). */
export async function createTrainingRoom(env: TestEnv, creds: TenantCredentials, subject: string, owner?: UserRow): Promise<RoomRow> {
  const ownerId = owner?.id ?? (await env.services.users.findByLogin(creds.tenant.id, creds.gensee.loginName))!.id;
  return env.services.rooms.create({ tenantId: creds.tenant.id, kind: 'interactive_class', title: subject, ownerUserId: ownerId, scheduledStart: Date.now() });
}
