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

/**
 * A room created through 5.1 `room/created` by `owner` (default: the site admin). Subjects must be
 * unique per site (5.1), so the helper makes them so.
 */
export async function createTrainingRoom(env: TestEnv, creds: TenantCredentials, subject: string, owner?: { login_name: string; password: string }, params: Record<string, string | number> = {}): Promise<RoomRow> {
  const res = await gensee(env, creds, T('/room/created'), { subject: `${subject} #${++made}`, startDate: Date.now(), ...params }, owner ? asTeacher(owner) : {});
  if (res.json.code !== '0') throw new Error(`room/created answered ${JSON.stringify(res.json)}`);
  return (await env.services.rooms.find(creds.tenant.id, { publicId: res.json.id as string }))!;
}

let made = 0;
