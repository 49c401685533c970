import type { JsonObject } from '../../../core/json.js';
import type { RoomPatch } from '../../../core/rooms.js';
import { roomProperties } from '../../../core/rooms.js';
import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { ParamProblem } from '../../framework/params.js';
import type { BaijiayunContext } from '../context.js';
import { checkMaxUsers, checkSchedule, cutTitle, endTypes, TEMPLATE_NAMES, withRoomImages } from '../room-rules.js';
import { roomTypeOf } from '../room-shape.js';
import { isLongTerm } from '../sessions.js';
import { ROOM_ID, roomById } from './room-ref.js';

const seconds = (description: string) => In.optional(In.int({ min: 0, description }));
const choice = <const V extends readonly number[]>(values: V, description: string) => In.optional(In.oneOf(values, { description }));

/** 3's parameters in the document's order, then the names real clients send instead. */
export const UPDATE_INPUT = In.object({
  room_id: ROOM_ID,
  title: In.optional(In.string({ description: 'Cut to 50 characters; sent empty, the title stays' })),
  start_time: seconds('Class start, unix seconds'),
  end_time: seconds('Class end, unix seconds'),
  max_users: In.optional(In.int({ min: 0, description: '0: no limit; a professional small class needs 1–12' })),
  max_backup_users: In.optional(In.int({ min: 0, description: 'Off-stage students of a 1vNvM small class' })),
  pre_entrance_time: seconds('Seconds students may enter before class'),
  template_name: In.optional(In.oneOf(TEMPLATE_NAMES)),
  forbidde_n_end_types: In.optional(In.clearableString({ max: 20, description: 'Blocked clients: web, h5 (comma-separated). Spelled as documented' })),
  is_video_main: choice([1, 2] as const, 'PC: 1 video main, 2 PPT main'),
  m_is_video_main: choice([1, 2] as const, 'Mobile: 1 video main, 2 PPT main'),
  mock_room_id: In.optional(In.int({ min: 0, description: 'Pseudo-live: the playback room replayed' })),
  mock_session_id: In.optional(In.int({ min: 0, description: 'Pseudo-live: the session of that room' })),
  mock_video_id: In.optional(In.int({ min: 0, description: 'Pseudo-live: the VOD replayed' })),
  switch_room_role: choice([0, 1, 2] as const, 'Group live big/small switch: 1 big-class teacher, 2 small-class teacher'),
  template_type: choice([1, 2, 3] as const, 'Professional small class template'),
  background_attachment: In.optional(In.file({ description: 'Small-class background image (not signed)' })),
  whiteboard_attachment: In.optional(In.file({ description: 'Small-class whiteboard image (not signed)' })),
  endTime: seconds('Alias of end_time sent by one PHP client (field notes 18)'),
  pre_enter_time: seconds("Alias of pre_entrance_time: room/create's name"),
  forbidden_end_types: In.optional(In.clearableString({ max: 20, description: 'Alias of forbidde_n_end_types: the corrected spelling' })),
});

/** Parameters that are not room settings (the room's own fields, aliases, files, auth). */
const NOT_SETTINGS = new Set([...Object.keys(UPDATE_INPUT.properties), 'partner_id', 'timestamp', 'sign']);

/**
 * 3 `/openapi/room/update`: changes what is sent, nothing else. The resulting room must satisfy
 * room/create's rules (schedule, capacity). Settings are kept under room/create's names, so
 * `pre_entrance_time` and `forbidde_n_end_types` read back as create's `pre_enter_time` and
 * `forbidden_end_types`. Parameters the document does not list are kept as settings, as on create.
 */
export async function updateRoom(ctx: WithInput<BaijiayunContext, typeof UPDATE_INPUT>) {
  const input = ctx.input;
  const room = await roomById(ctx, input.room_id);
  const patch: RoomPatch = {};
  const settings: JsonObject = {};

  if (input.title !== undefined) patch.title = cutTitle(input.title);
  const end = input.end_time ?? input.endTime;
  if (input.start_time !== undefined || end !== undefined) {
    const start = input.start_time ?? (room.scheduled_start === null ? undefined : Math.floor(room.scheduled_start / 1000));
    const finish = end ?? (room.scheduled_end === null ? undefined : Math.floor(room.scheduled_end / 1000));
    if (start === undefined) throw new ParamProblem('start_time', 'missing', 'start_time: the room has no start time: send start_time with end_time');
    if (finish === undefined) throw new ParamProblem('end_time', 'missing', 'end_time: the room has no end time: send end_time with start_time');
    checkSchedule(start, finish, isLongTerm(room), input.end_time === undefined && input.endTime !== undefined ? 'endTime' : 'end_time');
    patch.scheduledStart = start * 1000;
    patch.scheduledEnd = finish * 1000;
  }
  if (input.max_users !== undefined) {
    checkMaxUsers(roomTypeOf(room), input.max_users);
    patch.maxAttendees = input.max_users || null;
  }
  const forbidden = input.forbidde_n_end_types !== undefined ? input.forbidde_n_end_types : input.forbidden_end_types;
  if (forbidden !== undefined) settings.forbidden_end_types = forbidden === null ? null : endTypes(forbidden, input.forbidde_n_end_types !== undefined ? 'forbidde_n_end_types' : 'forbidden_end_types');
  const preEnter = input.pre_entrance_time ?? input.pre_enter_time;
  if (preEnter !== undefined) settings.pre_enter_time = preEnter;
  for (const key of ['max_backup_users', 'template_name', 'is_video_main', 'm_is_video_main', 'mock_room_id', 'mock_session_id', 'mock_video_id', 'switch_room_role', 'template_type'] as const) {
    const v = input[key];
    if (v !== undefined) settings[key] = v;
  }
  for (const [k, v] of ctx.params.pairs()) if (!NOT_SETTINGS.has(k)) settings[k] = v;

  const files = { background_attachment: input.background_attachment, whiteboard_attachment: input.whiteboard_attachment };
  await withRoomImages(ctx, files, roomProperties(room), (images) => ctx.services.rooms.update(room, { ...patch, properties: { ...settings, ...images } }));
  return null;
}

export const DELETE_INPUT = In.object({ room_id: ROOM_ID });

/**
 * 4 `/openapi/room/delete`: the room (and its groups' small classrooms) is deleted and remembered:
 * asking for it later answers 3002. A class in progress ends first, everyone leaving at once.
 */
export async function deleteRoom(ctx: WithInput<BaijiayunContext, typeof DELETE_INPUT>) {
  const room = await roomById(ctx, ctx.input.room_id);
  await ctx.services.transaction(async (tx) => {
    const subRoomIds = (await tx.roomGroups.ofRoom(room)).map((g) => g.subRoomId).filter((id): id is number => id !== null);
    for (const id of [room.id, ...subRoomIds]) {
      const r = await tx.rooms.find(ctx.tenant.id, { id });
      if (!r || r.deleted_at !== null) continue;
      await tx.ingestion.endSession(r);
      await tx.rooms.softDelete(r);
    }
  });
  return null;
}
