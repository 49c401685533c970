import { md5Hex } from '../../../core/crypto.js';
import { USER_ROLES, type UserProfile } from '../../../core/users.js';
import type { UserRow } from '../../../storage/schema.js';
import type { Static } from '@sinclair/typebox';
import { ParamProblem } from '../../framework/params.js';
import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import type { WebcastContext } from '../context.js';
import { webcastError } from '../errors.js';

const LOGIN_MAX = 100;
const PASSWORD_MAX = 100;
const NAME_MAX = 100;
const TEXT_MAX = 500;

/** Profile fields Lectern's user has no column for: kept in the user's `profile` JSON under these names. */
const EXTRA_FIELDS = ['address', 'country', 'description', 'firstName', 'lastName', 'job', 'state', 'zipcode'] as const;

const text = (description: string) => In.optional(In.clearableString({ max: TEXT_MAX, description }));

/** The profile parameters of 5.1 and 5.2 after the login name, in the document's order. */
const profileFields = (required: boolean) => ({
  // Passwords are taken exactly as sent (not trimmed), as the sign-in check compares them.
  userPassword: required ? In.string({ max: PASSWORD_MAX, raw: true }) : In.optional(In.string({ max: PASSWORD_MAX, raw: true, notEmpty: true })),
  maxPoints: In.optional(In.int({ min: 0, description: 'Seat limit; 0 = no limit of its own (A-26)' })),
  effectiveDate: In.optional(In.clearableTime()),
  invalidDate: In.optional(In.clearableTime()),
  name: required ? In.string({ max: NAME_MAX }) : In.optional(In.string({ max: NAME_MAX, notEmpty: true })),
  address: text('Address'),
  company: text('Company'),
  country: text('Country'),
  description: text('Description'),
  firstName: text('First name'),
  lastName: text('Last name'),
  job: text('Job title'),
  male: In.optional(In.bool()),
  mobile: text('Mobile phone'),
  nickName: In.optional(In.clearableString({ max: NAME_MAX })),
  phone: text('Telephone'),
  role: In.optional(In.oneOf(USER_ROLES)),
  state: text('State or province'),
  zipcode: text('Postal code'),
});

export const CREATE_USER_INPUT = In.object({ userLoginName: In.string({ max: LOGIN_MAX }), ...profileFields(true) });
export const UPDATE_USER_INPUT = In.object({ userLoginName: In.string(), ...profileFields(false) });
export const USER_STATUS_INPUT = In.object({ userLoginName: In.string(), status: In.oneOf(['0', '1'], { description: '0 disables, 1 enables' }) });

type ProfileInput = Static<typeof UPDATE_USER_INPUT>;

/** The profile as sent: undefined = not sent, null = sent empty (cleared). */
type SentProfile = Partial<UserProfile> & { extra: Record<string, string> };

function profileOf(input: ProfileInput): SentProfile {
  const extra: Record<string, string> = {};
  for (const field of EXTRA_FIELDS) {
    const v = input[field];
    if (v !== undefined) extra[field] = v ?? '';
  }
  return {
    name: input.name,
    nickName: input.nickName,
    mobile: input.mobile,
    telephone: input.phone,
    company: input.company,
    male: input.male,
    role: input.role,
    maxPoints: input.maxPoints === undefined ? undefined : input.maxPoints === 0 ? null : input.maxPoints,
    effectiveAt: input.effectiveDate,
    invalidAt: input.invalidDate,
    extra,
  };
}

function checkValidity(effectiveAt: number | null, invalidAt: number | null): void {
  if (effectiveAt !== null && invalidAt !== null && invalidAt < effectiveAt) {
    throw new ParamProblem('invalidDate', 'out_of_range', 'invalidDate must not be before effectiveDate');
  }
}

/** 5.1 `/webcast/user/created`: the stated defaults (role user, male false) apply here. */
export async function createUser(ctx: WithInput<WebcastContext, typeof CREATE_USER_INPUT>) {
  const { userLoginName, userPassword, name } = ctx.input;
  const sent = profileOf(ctx.input);
  checkValidity(sent.effectiveAt ?? null, sent.invalidAt ?? null);
  const extra = Object.fromEntries(Object.entries(sent.extra).filter(([, v]) => v !== ''));
  const profile: UserProfile = { ...sent, name, male: sent.male ?? false, role: sent.role ?? 'user', extra };
  await ctx.services.users.create(ctx.tenant.id, userLoginName, userPassword, profile);
  return {};
}

/** The calling admin may not lock itself out (the site could be left without an administrator). */
function refuseSelfLockout(ctx: WebcastContext, target: UserRow, what: string): void {
  if (target.id === ctx.user.id) throw webcastError('BUSINESS', `an administrator cannot ${what} its own account`);
}

/** 5.2 `/webcast/user/update`: changes only what is sent (catalog A-11). */
export async function updateUser(ctx: WithInput<WebcastContext, typeof UPDATE_USER_INPUT>) {
  const plain = ctx.input.userPassword;
  const sent = profileOf(ctx.input);
  const target = await ctx.services.users.getByLogin(ctx.tenant.id, ctx.input.userLoginName);
  checkValidity(sent.effectiveAt === undefined ? target.effective_at : sent.effectiveAt, sent.invalidAt === undefined ? target.invalid_at : sent.invalidAt);
  if (sent.role !== undefined && sent.role !== 'admin') refuseSelfLockout(ctx, target, 'remove the admin role from');
  const { extra, ...columns } = sent;
  // Re-sending the current password is not a password change (it must not restart the password's age).
  const changesPassword = plain !== undefined && md5Hex(plain) !== target.password_md5;
  await ctx.services.users.update(target, { ...columns, extra: Object.keys(extra).length ? extra : undefined, password: changesPassword ? plain : undefined });
  return {};
}

/** 5.3 `/webcast/user/change`: 0 disables, 1 enables. A disabled user's next call is refused with 200. */
export async function changeUserStatus(ctx: WithInput<WebcastContext, typeof USER_STATUS_INPUT>) {
  const { userLoginName, status } = ctx.input;
  const target = await ctx.services.users.getByLogin(ctx.tenant.id, userLoginName);
  if (status === '0') refuseSelfLockout(ctx, target, 'disable');
  await ctx.services.users.setStatus(target, status === '1');
  return {};
}
