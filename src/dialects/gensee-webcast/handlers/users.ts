import { md5Hex } from '../../../core/crypto.js';
import { USER_ROLES, type UserProfile } from '../../../core/users.js';
import type { UserRow } from '../../../storage/schema.js';
import { ParamProblem, type Params } from '../../framework/params.js';
import type { WebcastContext } from '../context.js';
import { webcastError } from '../errors.js';
import { clearableText, clearableTime, refuseEmpty, seatLimit } from './patch-params.js';

/** Request parameters of 5.1 and 5.2, in the document's order. */
export const USER_PARAMS = [
  'userLoginName', 'userPassword', 'maxPoints', 'effectiveDate', 'invalidDate', 'name', 'address', 'company', 'country', 'description',
  'firstName', 'lastName', 'job', 'male', 'mobile', 'nickName', 'phone', 'role', 'state', 'zipcode',
] as const;
export const USER_STATUS_PARAMS = ['userLoginName', 'status'] as const;

const LOGIN_MAX = 100;
const PASSWORD_MAX = 100;
const NAME_MAX = 100;
const TEXT_MAX = 500;

/** Profile fields Lectern's user has no column for: kept in the user's `profile` JSON under these names. */
const EXTRA_FIELDS = ['address', 'country', 'description', 'firstName', 'lastName', 'job', 'state', 'zipcode'] as const;

/** The profile as sent: undefined = not sent, null = sent empty (cleared). */
type SentProfile = Partial<UserProfile> & { extra: Record<string, string> };

function decodeProfile(p: Params, zone: string): SentProfile {
  const extra: Record<string, string> = {};
  for (const field of EXTRA_FIELDS) {
    const v = clearableText(p, field, TEXT_MAX);
    if (v !== undefined) extra[field] = v ?? '';
  }
  return {
    name: p.string('name', { max: NAME_MAX }),
    nickName: clearableText(p, 'nickName', NAME_MAX),
    mobile: clearableText(p, 'mobile', TEXT_MAX),
    telephone: clearableText(p, 'phone', TEXT_MAX),
    company: clearableText(p, 'company', TEXT_MAX),
    male: p.bool('male'),
    role: p.oneOf('role', USER_ROLES),
    maxPoints: seatLimit(p, 'maxPoints'),
    effectiveAt: clearableTime(p, 'effectiveDate', zone),
    invalidAt: clearableTime(p, 'invalidDate', zone),
    extra,
  };
}

function checkValidity(effectiveAt: number | null, invalidAt: number | null): void {
  if (effectiveAt !== null && invalidAt !== null && invalidAt < effectiveAt) {
    throw new ParamProblem('invalidDate', 'out_of_range', 'invalidDate must not be before effectiveDate');
  }
}

/** Passwords are taken exactly as sent (not trimmed), as the sign-in check compares them. */
const PASSWORD = { max: PASSWORD_MAX, trim: false } as const;

/** 5.1 `/webcast/user/created`: the stated defaults (role user, male false) apply here. */
export async function createUser(ctx: WebcastContext) {
  const p = ctx.params;
  const loginName = p.string('userLoginName', { required: true, max: LOGIN_MAX });
  const plain = p.string('userPassword', { ...PASSWORD, required: true });
  const name = p.string('name', { required: true, max: NAME_MAX });
  const sent = decodeProfile(p, ctx.zone);
  checkValidity(sent.effectiveAt ?? null, sent.invalidAt ?? null);
  const extra = Object.fromEntries(Object.entries(sent.extra).filter(([, v]) => v !== ''));
  const profile: UserProfile = { ...sent, name, male: sent.male ?? false, role: sent.role ?? 'user', extra };
  await ctx.services.users.create(ctx.tenant.id, loginName, plain, profile);
  return {};
}

/** The calling admin may not lock itself out (the site could be left without an administrator). */
function refuseSelfLockout(ctx: WebcastContext, target: UserRow, what: string): void {
  if (target.id === ctx.user.id) throw webcastError('BUSINESS', `an administrator cannot ${what} its own account`);
}

/** 5.2 `/webcast/user/update`: changes only what is sent (catalog A-11). */
export async function updateUser(ctx: WebcastContext) {
  const p = ctx.params;
  const loginName = p.string('userLoginName', { required: true });
  refuseEmpty(p, 'userPassword', 'name');
  const plain = p.string('userPassword', PASSWORD);
  const sent = decodeProfile(p, ctx.zone);
  const target = await ctx.services.users.getByLogin(ctx.tenant.id, loginName);
  checkValidity(sent.effectiveAt === undefined ? target.effective_at : sent.effectiveAt, sent.invalidAt === undefined ? target.invalid_at : sent.invalidAt);
  if (sent.role !== undefined && sent.role !== 'admin') refuseSelfLockout(ctx, target, 'remove the admin role from');
  const { extra, ...columns } = sent;
  // Re-sending the current password is not a password change (it must not restart the password's age).
  const changesPassword = plain !== undefined && md5Hex(plain) !== target.password_md5;
  await ctx.services.users.update(target, { ...columns, extra: Object.keys(extra).length ? extra : undefined, password: changesPassword ? plain : undefined });
  return {};
}

/** 5.3 `/webcast/user/change`: 0 disables, 1 enables. A disabled user's next call is refused with 200. */
export async function changeUserStatus(ctx: WebcastContext) {
  const p = ctx.params;
  const loginName = p.string('userLoginName', { required: true });
  const status = p.oneOf('status', ['0', '1'] as const, { required: true });
  const target = await ctx.services.users.getByLogin(ctx.tenant.id, loginName);
  if (status === '0') refuseSelfLockout(ctx, target, 'disable');
  await ctx.services.users.setStatus(target, status === '1');
  return {};
}
