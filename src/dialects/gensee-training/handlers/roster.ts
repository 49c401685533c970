import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { ownedRoom } from '../../shared/gensee-ownership.js';
import type { TrainingContext } from '../context.js';

const DAY = 86_400_000;
const MAX_STUDENTS = 10_000;

export const ROSTER_INPUT = In.object({
  studentListInfo: In.records(In.object({
    id: In.int({ min: 1, description: 'The user id the student joins with' }),
    name: In.string({ min: 1, max: 100 }),
  }), { maxItems: MAX_STUDENTS, description: 'JSON array of {"id": …, "name": …}' }),
  roomId: In.string(),
  groupCode: In.optional(In.string({ description: 'Puts every listed student in this group (5.50)' })),
  cover: In.optional(In.bool({ default: false, description: 'true replaces the roster; false adds to it' })),
  expireTime: In.optional(In.int({ min: 1, max: 180, default: 7, description: 'Days the roster is valid' })),
});

/**
 * 5.59 `/training/room/student/list`: stores the room's roster (T-36). `cover=true` replaces it;
 * otherwise the listed students are added and those already on it get the new name, group and
 * validity. A user id listed twice answers 502, an unknown `groupCode` 501; nothing is stored then.
 */
export async function uploadRoster(ctx: WithInput<TrainingContext, typeof ROSTER_INPUT>) {
  const { studentListInfo, roomId, groupCode, cover, expireTime } = ctx.input;
  const room = await ownedRoom(ctx, roomId, 'room');
  const group = groupCode === undefined ? null : await ctx.services.groups.get(room, groupCode);
  const now = Date.now();
  await ctx.services.roster.upload(room, {
    students: studentListInfo.map((s) => ({ userNumber: s.id, name: s.name })),
    group,
    replace: cover ?? false,
    expiresAt: now + (expireTime ?? 7) * DAY,
  }, now);
  return {};
}
