import type { Kysely } from 'kysely';
import type { Database, UserRow, UserUpdate } from '../storage/schema.js';
import { DomainError, notFound } from './errors.js';
import { md5Hex, sameDigest, sha1Hex } from './crypto.js';
import { isUniqueViolation } from './ids.js';
import { ReadCache } from './read-cache.js';

export type UserRole = 'admin' | 'organizer' | 'user';
export const USER_ROLES: readonly UserRole[] = ['admin', 'organizer', 'user'];

export interface UserProfile {
  name: string;
  nickName?: string | null;
  email?: string | null;
  mobile?: string | null;
  telephone?: string | null;
  company?: string | null;
  male?: boolean;
  role?: UserRole;
  maxPoints?: number | null;
  effectiveAt?: number | null;
  invalidAt?: number | null;
  extra?: Record<string, string>;
}

/** How a presented password is encoded: plain text, or a lowercase/uppercase hex digest of the plain text. */
export type PresentedPassword = { kind: 'plain'; value: string } | { kind: 'digest'; value: string; algorithms: Array<'md5' | 'sha1'> };

export function passwordMatches(user: UserRow, presented: PresentedPassword): boolean {
  if (presented.kind === 'plain') return sameDigest(md5Hex(presented.value), user.password_md5);
  const digest = presented.value.toLowerCase();
  let ok = false;
  // Evaluate every allowed algorithm so timing does not reveal which one matched.
  if (presented.algorithms.includes('md5')) ok = sameDigest(digest, user.password_md5) || ok;
  if (presented.algorithms.includes('sha1')) ok = sameDigest(digest, user.password_sha1) || ok;
  return ok;
}

export class UserService {
  constructor(private readonly db: Kysely<Database>, private readonly cache = new ReadCache()) {}

  async create(tenantId: string, loginName: string, password: string, profile: UserProfile, now = Date.now()): Promise<UserRow> {
    try {
      return await this.db.insertInto('users').values({
        tenant_id: tenantId,
        login_name: loginName,
        password_md5: md5Hex(password),
        password_sha1: sha1Hex(password),
        password_changed_at: now,
        created_at: now,
        updated_at: now,
        status: 1,
        ...this.profileColumns(profile),
        name: profile.name,
        male: profile.male ? 1 : 0,
        role: profile.role ?? 'user',
        profile: JSON.stringify(profile.extra ?? {}),
      }).returningAll().executeTakeFirstOrThrow();
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('duplicate', `login name "${loginName}" already exists`, 'user');
      throw err;
    }
  }

  private profileColumns(p: Partial<UserProfile>): UserUpdate {
    const out: UserUpdate = {};
    if (p.name !== undefined) out.name = p.name;
    if (p.nickName !== undefined) out.nick_name = p.nickName;
    if (p.email !== undefined) out.email = p.email;
    if (p.mobile !== undefined) out.mobile = p.mobile;
    if (p.telephone !== undefined) out.telephone = p.telephone;
    if (p.company !== undefined) out.company = p.company;
    if (p.male !== undefined) out.male = p.male ? 1 : 0;
    if (p.role !== undefined) out.role = p.role;
    if (p.maxPoints !== undefined) out.max_points = p.maxPoints;
    if (p.effectiveAt !== undefined) out.effective_at = p.effectiveAt;
    if (p.invalidAt !== undefined) out.invalid_at = p.invalidAt;
    return out;
  }

  async findByLogin(tenantId: string, loginName: string): Promise<UserRow | undefined> {
    return this.cache.get(`user:${tenantId}:${loginName}`, () =>
      this.db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId).where('login_name', '=', loginName).executeTakeFirst());
  }

  async getByLogin(tenantId: string, loginName: string): Promise<UserRow> {
    const u = await this.findByLogin(tenantId, loginName);
    if (!u) throw notFound('user', `user "${loginName}" not found`);
    return u;
  }

  async getById(tenantId: string, id: number): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  }

  async update(user: UserRow, patch: Partial<UserProfile> & { password?: string; extra?: Record<string, string> }, now = Date.now()): Promise<UserRow> {
    const set: UserUpdate = { ...this.profileColumns(patch), updated_at: now };
    // Sending the current password again is no change: it must not restart the password's age.
    if (patch.password !== undefined && md5Hex(patch.password) !== user.password_md5) {
      set.password_md5 = md5Hex(patch.password);
      set.password_sha1 = sha1Hex(patch.password);
      set.password_changed_at = now;
    }
    if (patch.extra) set.profile = JSON.stringify({ ...JSON.parse(user.profile || '{}'), ...patch.extra });
    return this.db.updateTable('users').set(set).where('id', '=', user.id).returningAll().executeTakeFirstOrThrow();
  }

  async setStatus(user: UserRow, enabled: boolean, now = Date.now()): Promise<UserRow> {
    return this.db.updateTable('users').set({ status: enabled ? 1 : 0, updated_at: now }).where('id', '=', user.id).returningAll().executeTakeFirstOrThrow();
  }
}
