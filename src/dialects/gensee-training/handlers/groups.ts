import { MAX_GROUPS, type NamedGroup } from '../../../core/groups.js';
import type { RoomRow } from '../../../storage/schema.js';
import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { ParamProblem } from '../../framework/params.js';
import { ownedRoom } from '../../shared/gensee-ownership.js';
import type { TrainingContext } from '../context.js';
import { trainingError } from '../errors.js';
import { joinUrl } from '../join-links.js';
import { DUAL_TEACHER_KIND } from '../room-view.js';

const NAME_MAX = 50;
const groupName = () => In.string({ min: 1, max: NAME_MAX });

export const CREATE_GROUPS_INPUT = In.object({
  groupCount: In.int({ min: 1, max: MAX_GROUPS, description: `Number of groups, 1–${MAX_GROUPS}` }),
  roomId: In.string(),
  groupNameList: In.optional(In.records(In.object({ groupName: In.optional(groupName()) }), { bare: 'groupName', maxItems: MAX_GROUPS, description: 'Names of the first groups, in order; a JSON array of {"groupName": …}' })),
});
export const ADD_GROUP_INPUT = In.object({ roomId: In.string(), groupName: In.optional(groupName()) });
export const UPDATE_GROUP_INPUT = In.object({ roomId: In.string(), groupCode: In.string(), groupName: groupName() });
export const DELETE_GROUP_INPUT = In.object({ roomId: In.string(), groupCode: In.string() });

/** A room whose students can be grouped: not a dual-teacher main room (its students are in its tutorial rooms). */
async function groupableRoom(ctx: TrainingContext, roomId: string): Promise<RoomRow> {
  const room = await ownedRoom(ctx, roomId, 'room');
  if (room.kind === DUAL_TEACHER_KIND && !(await ctx.services.branches.mainOf(room))) throw trainingError('BUSINESS', 'a dual-teacher main room has no students to group: group its tutorial rooms');
  return room;
}

/** A group as 5.51/5.52 answer it. */
function groupAnswer(ctx: TrainingContext, room: RoomRow, g: NamedGroup) {
  return { groupCode: String(g.number), roomId: room.public_id, subject: room.title, joinUrl: joinUrl(ctx, g.joinCode), name: g.name };
}

/** A group as it is listed (5.4 `groupList`, 5.45/5.47/5.48). */
export function listedGroup(ctx: TrainingContext, g: NamedGroup) {
  return { code: String(g.number), name: g.name, joinUrl: joinUrl(ctx, g.joinCode) };
}

/**
 * 5.50 `/training/group/create`: the room's first `groupCount` groups; `groupNameList` names them in
 * order (unnamed ones are "n组"), and may not name more groups than `groupCount` (T-34). A room that
 * has groups already answers 502: more are added one at a time (5.51).
 */
export async function createGroups(ctx: WithInput<TrainingContext, typeof CREATE_GROUPS_INPUT>) {
  const { groupCount, roomId } = ctx.input;
  const names = ctx.input.groupNameList ?? [];
  if (names.length > groupCount) throw new ParamProblem('groupNameList', 'out_of_range', `groupNameList names ${names.length} groups, more than groupCount (${groupCount})`);
  const room = await groupableRoom(ctx, roomId);
  const groups = await ctx.services.groups.createFirst(room, Array.from({ length: groupCount }, (_, i) => names[i]?.groupName ?? null));
  return { groups: groups.map((g) => ({ code: String(g.number), roomId: room.public_id, joinUrl: joinUrl(ctx, g.joinCode), name: g.name, subject: room.title })) };
}

/** 5.51 `/training/group/add`: one more group, numbered after the highest; only where groups exist (500), at most 40. */
export async function addGroup(ctx: WithInput<TrainingContext, typeof ADD_GROUP_INPUT>) {
  const room = await groupableRoom(ctx, ctx.input.roomId);
  const group = await ctx.services.groups.add(room, ctx.input.groupName ?? null);
  return groupAnswer(ctx, room, group);
}

/** 5.52 `/training/group/update`: renames a group; its code and join link stay. */
export async function updateGroup(ctx: WithInput<TrainingContext, typeof UPDATE_GROUP_INPUT>) {
  const room = await ownedRoom(ctx, ctx.input.roomId, 'room');
  const group = await ctx.services.groups.get(room, ctx.input.groupCode);
  return groupAnswer(ctx, room, await ctx.services.groups.rename(group, ctx.input.groupName));
}

/** 5.53 `/training/group/delete`: the group and its join link go; its roster students stay on the roster, in no group (T-30). */
export async function deleteGroup(ctx: WithInput<TrainingContext, typeof DELETE_GROUP_INPUT>) {
  const room = await ownedRoom(ctx, ctx.input.roomId, 'room');
  const group = await ctx.services.groups.get(room, ctx.input.groupCode);
  await ctx.services.groups.remove(group);
  return {};
}
