import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { formatDateTime } from '../../framework/time.js';
import type { BaijiayunContext } from '../context.js';
import { baijiayunError } from '../errors.js';
import { ROOM_ID, roomById } from './room-ref.js';

/** Baijiayun `user_role`: 0 student, 1 teacher, 2 assistant (admin). */
export const USER_ROLE: Readonly<Record<string, number>> = { student: 0, attendee: 0, host: 1, speaker: 1, assistant: 2 };

const AVATAR_MAX = 1024;

export const GET_CODE_INPUT = In.object({
  room_id: ROOM_ID,
  // Required by the document, but 0 is a meaningful value and clients that drop falsy values leave it out: absent is 0.
  user_number: In.optional(In.int({ min: 0, default: 0, description: "The user's number in the customer's own user system; 0: a shared invite code" })),
  user_avatar: In.optional(In.string({ max: AVATAR_MAX, description: "Full URL of the user's avatar" })),
});

/**
 * 6 `/openapi/room/getcode`: the student code of one user (`user_number`) in the room. Asking again
 * for the same user gives the same code. A user's code admits one person at a time; the shared
 * invite code (`user_number=0`) admits any number.
 */
export async function getCode(ctx: WithInput<BaijiayunContext, typeof GET_CODE_INPUT>) {
  const room = await roomById(ctx, ctx.input.room_id);
  const code = await ctx.services.joinCodes.issuePersonal(room, ctx.input.user_number ?? 0, ctx.input.user_avatar ?? null);
  return { student_code: code.code };
}

export const CODE_INFO_INPUT = In.object({
  code: In.string({ max: 32, description: 'A join code of any role', examples: ['12ed45'] }),
});

/**
 * 7 `/openapi/room/getCodeInfo`: what a code is. Any code of the account's rooms is found (role,
 * personal and group codes); codes of other accounts do not exist for the caller. A code of a
 * deleted room answers 3002.
 */
export async function getCodeInfo(ctx: WithInput<BaijiayunContext, typeof CODE_INFO_INPUT>) {
  const found = await ctx.services.joinCodes.lookup(ctx.tenant.id, ctx.input.code.toLowerCase());
  if (!found) return { exist: false };
  const room = await ctx.services.rooms.find(ctx.tenant.id, { id: found.roomId });
  if (!room) return { exist: false };
  if (room.deleted_at !== null) throw baijiayunError('ROOM_DELETED', `the room of code ${found.code} has been deleted`);
  const userNumber = found.userNumber ?? 0;
  // The name the user last entered under, when they have entered with their number.
  const person = userNumber ? await ctx.services.participants.byKey(ctx.tenant.id, `number:${userNumber}`) : undefined;
  return {
    exist: true,
    code_info: {
      code: found.code,
      room_id: Number(room.numeric_id),
      user_number: userNumber,
      user_role: USER_ROLE[found.role] ?? 0,
      user_name: person?.name ?? '',
      create_time: formatDateTime(found.createdAt, ctx.zone),
    },
  };
}

export const LIST_CODE_INPUT = In.object({
  room_id: ROOM_ID,
  type: In.optional(In.oneOf([0, 1] as const, { default: 0, description: '0 normal codes, 1 audition codes' })),
  page: In.optional(In.int({ min: 1, default: 1 })),
  limit: In.optional(In.int({ min: 1, max: 1000, default: 100 })),
});

/**
 * 8 `/openapi/room/listcode`: the student codes made by getcode, in the order they were made.
 * Audition codes (`type=1`) are made by no documented API, so that list is empty.
 */
export async function listCodes(ctx: WithInput<BaijiayunContext, typeof LIST_CODE_INPUT>) {
  const room = await roomById(ctx, ctx.input.room_id);
  if (ctx.input.type === 1) return { total: 0, list: [] };
  const { rows, total } = await ctx.services.joinCodes.pagePersonal(room, { pageNo: ctx.input.page ?? 1, pageSize: ctx.input.limit ?? 100 });
  // The table names the code `student_code`, the example `code`: both are sent.
  return { total, list: rows.map((c) => ({ code: c.code, student_code: c.code, user_number: c.userNumber, user_avatar: c.avatar ?? '' })) };
}
