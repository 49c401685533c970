import type { Static } from '@sinclair/typebox';
import type { UserProfile } from '../../../core/users.js';
import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { ParamProblem } from '../../framework/params.js';
import type { TrainingContext } from '../context.js';
import { trainingError } from '../errors.js';

/** The profile key of the courseware (VOD) concurrency limit: the user has a column for room concurrency only. */
export const MAX_VOD_POINTS = 'maxVodPoints';

/** The parameters of 5.9 and 5.40 after the login name, in the document's order (both require password and name). */
const teacherFields = {
  // Passwords are taken exactly as sent (not trimmed): the sign-in check compares them as sent.
  teacherPassword: In.string({ min: 6, max: 15, raw: true, description: 'Password, 6–15 characters' }),
  name: In.string({ min: 1, max: 40, description: 'Display name, 1–40 characters' }),
  maxPoints: In.optional(In.int({ min: 0, description: 'Room concurrency limit; 0 = no limit of its own' })),
  validDate: In.optional(In.clearableTime({ description: 'Valid from (生效时间)' })),
  invalidDate: In.optional(In.clearableTime({ description: 'Valid until (失效时间)' })),
  maxVodPoints: In.optional(In.int({ min: 0, description: 'Courseware concurrency limit; 0 = no limit of its own' })),
};

export const CREATE_TEACHER_INPUT = In.object({ teacherLoginName: In.string({ min: 1, max: 40 }), ...teacherFields });
export const MODIFY_TEACHER_INPUT = In.object({ teacherLoginName: In.string(), ...teacherFields });

type TeacherInput = Static<typeof MODIFY_TEACHER_INPUT>;

const limit = (n: number | undefined) => (n === undefined ? undefined : n === 0 ? null : n);

function checkValidity(validAt: number | null, invalidAt: number | null): void {
  if (validAt !== null && invalidAt !== null && invalidAt < validAt) throw new ParamProblem('invalidDate', 'out_of_range', 'invalidDate must not be before validDate');
}

/** What 5.9/5.40 set on the account: undefined = not sent (kept), null = sent empty (cleared). */
function profileOf(input: TeacherInput): Partial<UserProfile> & { maxVodPoints: number | null | undefined } {
  return { name: input.name, maxPoints: limit(input.maxPoints), effectiveAt: input.validDate, invalidAt: input.invalidDate, maxVodPoints: limit(input.maxVodPoints) };
}

/**
 * 5.9 `/training/teacher/created`: a teacher is a site account with the organizer role (the two words
 * name one account type, T-9); a taken login name answers 502.
 */
export async function createTeacher(ctx: WithInput<TrainingContext, typeof CREATE_TEACHER_INPUT>) {
  const { teacherLoginName, teacherPassword } = ctx.input;
  const { maxVodPoints, ...profile } = profileOf(ctx.input);
  checkValidity(profile.effectiveAt ?? null, profile.invalidAt ?? null);
  const extra: Record<string, string> = maxVodPoints == null ? {} : { [MAX_VOD_POINTS]: String(maxVodPoints) };
  await ctx.services.users.create(ctx.tenant.id, teacherLoginName, teacherPassword, { ...profile, name: ctx.input.name, role: 'organizer', extra });
  return {};
}

/**
 * 5.40 `/training/teacher/modify`: the account found by login name gets the sent password and name
 * (both required, T-42); the optional limits and dates change only when sent (T-11). Only
 * teacher accounts: an administrator's login name answers 501 like an unknown one.
 */
export async function modifyTeacher(ctx: WithInput<TrainingContext, typeof MODIFY_TEACHER_INPUT>) {
  const { teacherLoginName, teacherPassword } = ctx.input;
  const { maxVodPoints, ...profile } = profileOf(ctx.input);
  const target = await ctx.services.users.findByLogin(ctx.tenant.id, teacherLoginName);
  if (!target || target.role !== 'organizer') throw trainingError('NOT_FOUND', `teacher "${teacherLoginName}" does not exist`);
  checkValidity(profile.effectiveAt === undefined ? target.effective_at : profile.effectiveAt, profile.invalidAt === undefined ? target.invalid_at : profile.invalidAt);
  const extra = maxVodPoints === undefined ? undefined : { [MAX_VOD_POINTS]: maxVodPoints === null ? '' : String(maxVodPoints) };
  await ctx.services.users.update(target, { ...profile, password: teacherPassword, extra });
  return {};
}
