import type { RoomGroup } from '../../../core/room-groups.js';
import type { RoomRow } from '../../../storage/schema.js';
import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { ParamProblem } from '../../framework/params.js';
import type { BaijiayunContext } from '../context.js';
import { requireFeature } from '../features.js';
import { groupForm } from '../room-shape.js';
import { subRoomOf } from '../sub-rooms.js';
import { USER_ROLE } from './codes.js';
import type { ROOM_INPUT } from './live.js';
import { ROOM_ID, roomById } from './room-ref.js';

/** Lectern's bound on the groups of one room (the vendor documents none). */
const MAX_GROUPS = 200;

async function groupRoom(ctx: BaijiayunContext, roomId: string, what: string): Promise<{ room: RoomRow; form: 'groups' | 'groups-with-rooms' }> {
  requireFeature(ctx, 'group-live', what);
  const room = await roomById(ctx, roomId);
  const form = groupForm(room);
  if (!form) throw new ParamProblem('room_id', 'out_of_range', `room_id: room ${room.numeric_id} is not a group live room (created with is_group_live or new_group_live)`);
  return { room, form };
}

/**
 * The entry page of a code, on Lectern's own host (the vendor's layout, `/web/room/prepare`). The
 * live runtime serves it.
 */
function entryUrl(ctx: BaijiayunContext, room: RoomRow, code: string): string {
  const base = (ctx.config.publicUrl ?? ctx.req.origin).replace(/\/+$/, '');
  return `${base}/web/room/prepare?room_id=${room.numeric_id}&code=${code}`;
}

function groupEntries(ctx: BaijiayunContext, room: RoomRow, groups: readonly RoomGroup[], role: 'assistant' | 'student') {
  return groups.map((g) => ({ group_id: g.number, user_role: USER_ROLE[role], url: entryUrl(ctx, room, g.codes[role]), code: g.codes[role] }));
}

export const CREATE_GROUP_CODES_INPUT = In.object({
  room_id: ROOM_ID,
  number: In.int({ min: 1, max: MAX_GROUPS, description: 'How many groups the room has' }),
});

/**
 * 31 `/openapi/room/createGroupLiveCodes`: the room gets groups 1…number, each with an assistant
 * code and a student code (and, for a big/small-class room, a small classroom of its own). Groups
 * the room already has keep their codes: asking again for as many or fewer changes nothing.
 */
export async function createGroupLiveCodes(ctx: WithInput<BaijiayunContext, typeof CREATE_GROUP_CODES_INPUT>) {
  const { room, form } = await groupRoom(ctx, ctx.input.room_id, 'room/createGroupLiveCodes');
  const groups = await ctx.services.roomGroups.ensure(room, ctx.input.number, form === 'groups-with-rooms' ? (n) => subRoomOf(room, n) : undefined);
  return { admin: groupEntries(ctx, room, groups, 'assistant'), student: groupEntries(ctx, room, groups, 'student') };
}

/**
 * 32 `/openapi/room/getGroupLiveCodes`: the room's own teacher and assistant codes (no group_id:
 * they act on the whole class) and every group's assistant and student codes.
 */
export async function getGroupLiveCodes(ctx: WithInput<BaijiayunContext, typeof ROOM_INPUT>) {
  const { room } = await groupRoom(ctx, ctx.input.room_id, 'room/getGroupLiveCodes');
  const groups = await ctx.services.roomGroups.ofRoom(room);
  const codes = await ctx.services.passes.roleCodes(room);
  return {
    admin: [{ user_role: USER_ROLE.assistant, url: entryUrl(ctx, room, codes.assistant), code: codes.assistant }, ...groupEntries(ctx, room, groups, 'assistant')],
    student: groupEntries(ctx, room, groups, 'student'),
    teacher: [{ user_role: USER_ROLE.host, url: entryUrl(ctx, room, codes.host), code: codes.host }],
  };
}

/** 36 `/openapi/room/getGroupSubRoomId`: the small classroom of each group of a big/small-class room (none for other group rooms). */
export async function getGroupSubRoomId(ctx: WithInput<BaijiayunContext, typeof ROOM_INPUT>) {
  const { room } = await groupRoom(ctx, ctx.input.room_id, 'room/getGroupSubRoomId');
  const list = [];
  for (const g of await ctx.services.roomGroups.ofRoom(room)) {
    if (g.subRoomId === null) continue;
    const sub = await ctx.services.rooms.find(ctx.tenant.id, { id: g.subRoomId });
    if (sub && sub.deleted_at === null) list.push({ group_id: g.number, room_id: Number(sub.numeric_id) });
  }
  return { group_room_id: list };
}
