import type { JsonObject } from '../../../core/json.js';
import { roomProperties, scheduleBounds } from '../../../core/rooms.js';
import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { ParamProblem } from '../../framework/params.js';
import { formatDateTime } from '../../framework/time.js';
import type { BaijiayunContext } from '../context.js';
import { requireFeature } from '../features.js';
import { checkMaxUsers, checkSchedule, cutTitle, endTypes, TEMPLATE_NAMES, withRoomImages } from '../room-rules.js';
import { PRODUCT_LINES, industryTypeOf, kindOfShape, typeOf } from '../room-types.js';
import { baijiayunSessionId } from '../sessions.js';
import { ROOM_ID, roomById } from './room-ref.js';

const flag = <const V extends readonly number[]>(values: V, fallback: V[number], description: string) => In.optional(In.oneOf(values, { default: fallback, description }));
const choice = <const V extends readonly number[]>(values: V, description: string) => In.optional(In.oneOf(values, { description }));
const id = (description: string) => In.optional(In.int({ min: 0, default: 0, description }));

/** 2's parameters in the document's order (catalog §3, API 2). */
export const CREATE_INPUT = In.object({
  title: In.string({ description: 'Cut to 50 characters' }),
  start_time: In.int({ min: 0, description: 'Class start, unix seconds' }),
  end_time: In.int({ min: 0, description: 'Class end, unix seconds' }),
  type: flag([1, 2, 3, 4, 5] as const, 2, '1 one-to-one, 2 large class, 3 small class (old), 4 professional small class, 5 dual teacher'),
  industry_type: flag([0, 1] as const, 0, '0 education, 1 enterprise'),
  max_users: In.optional(In.int({ min: 0, default: 0, description: '0: no limit; a professional small class needs 1–12' })),
  pre_enter_time: In.optional(In.int({ min: 0, description: 'Seconds students may enter before class' })),
  is_long_term: flag([0, 1] as const, 0, '1: a long-term room (needs the long-term feature)'),
  is_group_live: flag([0, 1, 2] as const, 0, '1 group live, 2 group live with small classrooms (type 2; needs the group-live feature)'),
  template_name: In.optional(In.oneOf(TEMPLATE_NAMES)),
  speak_camera_turn_on: choice([1, 2] as const, 'Camera on when a student speaks: 1 on, 2 off'),
  teacher_need_detect_device: choice([1, 2] as const, 'Teacher device check: 1 on, 2 off'),
  student_need_detect_device: choice([1, 2] as const, 'Student device check: 1 on, 2 off'),
  forbidden_end_types: In.optional(In.string({ max: 20, description: 'Blocked clients: web, h5 (comma-separated)' })),
  is_video_main: choice([1, 2] as const, 'PC: 1 video main, 2 PPT main'),
  m_is_video_main: choice([1, 2] as const, 'Mobile: 1 video main, 2 PPT main'),
  is_mock_live: flag([0, 1] as const, 0, '1: pseudo-live, replaying mock_video_id or mock_room_id/mock_session_id'),
  is_push_live: flag([0, 1] as const, 0, '1: push-stream live (needs the push-live feature)'),
  is_webrtc_live: choice([0, 1] as const, '1: a WebRTC class'),
  mock_room_id: id('Pseudo-live: the room whose playback is replayed'),
  mock_session_id: id('Pseudo-live: the class of that room (long-term rooms)'),
  mock_video_id: id('Pseudo-live: the playback video replayed'),
  switch_room_role: choice([0, 1, 2] as const, 'Group live big/small switch: 1 big-class teacher, 2 small-class teacher'),
  auto_onstage: choice([0, 1] as const, '1vNvM: off-stage students go on stage automatically'),
  max_backup_users: In.optional(In.int({ min: 0, description: '1vNvM: off-stage students' })),
  enable_share: choice([0, 1, 2] as const, 'App sharing: 1 allow, 2 disallow'),
  enable_group_users_public: choice([0, 1] as const, 'Group member list: 0 own group, 1 all'),
  group_admin_permission: choice([0, 1] as const, "Group assistants see answers: 0 own group's, 1 all"),
  enable_group_chat_public: choice([0, 1] as const, 'Group chat: 0 own group, 1 all'),
  new_group_live: flag([0, 1, 2] as const, 0, '1 group classroom, 2 online dual teacher (type 2; needs the group-live feature)'),
  template_type: choice([1, 2, 3] as const, 'Professional small class template'),
  background_attachment: In.optional(In.file({ description: 'Small-class background image (not signed)' })),
  whiteboard_attachment: In.optional(In.file({ description: 'Small-class whiteboard image (not signed)' })),
  mock_live_record: choice([0, 1] as const, 'Pseudo-live: record it'),
});

/** What the core room holds itself, or what is not a setting at all; the rest is kept as the room's settings. */
const NOT_SETTINGS = new Set(['partner_id', 'timestamp', 'sign', 'title', 'start_time', 'end_time', 'max_users', 'industry_type', 'background_attachment', 'whiteboard_attachment']);

type CreateInput = WithInput<BaijiayunContext, typeof CREATE_INPUT>['input'];

/** A pseudo-live room replays a playback: a video of the account, or a (room, class) of the account. */
async function checkMockSource(ctx: BaijiayunContext, input: CreateInput): Promise<void> {
  const videoId = input.mock_video_id ?? 0;
  const roomId = input.mock_room_id ?? 0;
  if (!videoId && !roomId) throw new ParamProblem('mock_video_id', 'missing', 'mock_video_id: a pseudo-live room (is_mock_live=1) needs mock_video_id, or mock_room_id with mock_session_id');
  if (videoId) {
    const [vod] = await ctx.services.insertPlay.vodsByNumber(ctx.tenant.id, [String(videoId)]);
    if (!vod) throw new ParamProblem('mock_video_id', 'out_of_range', `mock_video_id: video ${videoId} does not exist`);
    return;
  }
  const source = await ctx.services.rooms.find(ctx.tenant.id, { numericId: String(roomId) });
  if (!source || source.deleted_at !== null) throw new ParamProblem('mock_room_id', 'out_of_range', `mock_room_id: room ${roomId} does not exist`);
  const sessionId = input.mock_session_id ?? 0;
  if (sessionId && !(await ctx.services.sessions.ofRoom(source.id)).some((s) => baijiayunSessionId(source, s) === sessionId)) {
    throw new ParamProblem('mock_session_id', 'out_of_range', `mock_session_id: room ${roomId} has no class ${sessionId}`);
  }
}

/**
 * 2 `/openapi/room/create`. `type`, `industry_type` and the class-shape switches make the room's
 * kind (room-types.ts); room types that need an account feature are refused with 2002 without it.
 * Every other parameter, documented or not, is kept as a room setting (field notes 16).
 */
export async function createRoom(ctx: WithInput<BaijiayunContext, typeof CREATE_INPUT>) {
  const input = ctx.input;
  const type = input.type ?? 2;
  const longTerm = input.is_long_term === 1;
  const isGroupLive = input.is_group_live ?? 0;
  const newGroupLive = input.new_group_live ?? 0;
  const maxUsers = input.max_users ?? 0;
  if (longTerm) requireFeature(ctx, 'long-term', 'a long-term room (is_long_term=1)');
  if (isGroupLive || newGroupLive) {
    requireFeature(ctx, 'group-live', 'a group live room (is_group_live / new_group_live)');
    if (type !== 2) throw new ParamProblem('type', 'out_of_range', 'type: a group live room must be a normal large class (type=2)');
  }
  if (input.is_push_live === 1) requireFeature(ctx, 'push-live', 'a push-stream live room (is_push_live=1)');
  checkMaxUsers(type, maxUsers);
  checkSchedule(input.start_time, input.end_time, longTerm);
  if (input.is_mock_live === 1) await checkMockSource(ctx, input);

  const kind = kindOfShape({ type, industryType: input.industry_type ?? 0, isGroupLive, newGroupLive, isPushLive: input.is_push_live ?? 0, isMockLive: input.is_mock_live ?? 0 });
  const settings: JsonObject = { type, is_long_term: longTerm ? 1 : 0 };
  // Declared settings as decoded (numbers as numbers), when sent: defaults are not settings.
  for (const [k, v] of Object.entries(input)) {
    if (NOT_SETTINGS.has(k) || k in settings || typeof v === 'object' || !ctx.params.has(k)) continue;
    settings[k] = v;
  }
  if (input.forbidden_end_types !== undefined) settings.forbidden_end_types = endTypes(input.forbidden_end_types, 'forbidden_end_types');
  const declared = new Set(Object.keys(CREATE_INPUT.properties));
  for (const [k, v] of ctx.params.pairs()) if (!NOT_SETTINGS.has(k) && !declared.has(k)) settings[k] = v;

  const files = { background_attachment: input.background_attachment, whiteboard_attachment: input.whiteboard_attachment };
  const room = await withRoomImages(ctx, files, {}, (images) => ctx.services.transaction(async (tx) => {
    const created = await tx.rooms.create({
      tenantId: ctx.tenant.id,
      kind,
      title: cutTitle(input.title),
      scheduledStart: input.start_time * 1000,
      scheduledEnd: input.end_time * 1000,
      maxAttendees: maxUsers || null,
      properties: { ...settings, ...images },
    });
    // A push-stream room's stream secret is issued with it, as its join codes are.
    if (kind === 'push_live') await tx.streamKeys.secretOf(created);
    return created;
  }));
  const codes = await ctx.services.passes.roleCodes(room);
  return { room_id: room.numeric_id, admin_code: codes.assistant, teacher_code: codes.host, student_code: codes.student };
}

function numberSetting(props: JsonObject, key: string, fallback: number): number {
  const v = props[key];
  return typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : fallback;
}

export const INFO_INPUT = In.object({ room_id: ROOM_ID });

/** 5 `/openapi/room/info`. */
export async function roomInfo(ctx: WithInput<BaijiayunContext, typeof INFO_INPUT>) {
  const room = await roomById(ctx, ctx.input.room_id);
  const props = roomProperties(room);
  const codes = await ctx.services.passes.roleCodes(room);
  const schedule = scheduleBounds(room);
  return {
    room_id: Number(room.numeric_id),
    title: room.title,
    start_time: formatDateTime(schedule.start, ctx.zone),
    end_time: formatDateTime(schedule.end, ctx.zone),
    type: typeOf(room),
    max_users: room.max_attendees ?? 0,
    max_backup_users: numberSetting(props, 'max_backup_users', 0),
    admin_code: codes.assistant,
    teacher_code: codes.host,
  };
}

export const LIST_INPUT = In.object({
  page: In.optional(In.int({ min: 1, default: 1 })),
  limit: In.optional(In.int({ min: 1, max: 1000, default: 100, description: 'Rooms a page; above 1000 is refused' })),
  product_type: In.optional(In.int({ min: 0, max: 4, default: 0, description: '0 all, 1 education live, 2 small class, 3 dual teacher, 4 enterprise live' })),
});

/** 9 `/openapi/room/list`: newest first, `page`/`limit` (max 1000). */
export async function listRooms(ctx: WithInput<BaijiayunContext, typeof LIST_INPUT>) {
  const { page = 1, limit = 100, product_type: productType = 0 } = ctx.input;
  const { rows, total } = await ctx.services.rooms.pageByNumber(ctx.tenant.id, { pageNo: page, pageSize: limit, kinds: PRODUCT_LINES[productType] });
  const codesByRoom = await ctx.services.passes.roleCodesOf(rows);
  const list = rows.map((room) => {
    const codes = codesByRoom.get(room.id)!;
    const schedule = scheduleBounds(room);
    return {
      room_id: Number(room.numeric_id),
      title: room.title,
      start_time: Math.floor(schedule.start / 1000),
      end_time: Math.floor(schedule.end / 1000),
      create_time: Math.floor(room.created_at / 1000),
      type: typeOf(room),
      max_users: room.max_attendees ?? 0,
      admin_code: codes.assistant,
      teacher_code: codes.host,
      student_code: codes.student,
      industry_type: industryTypeOf(room.kind),
    };
  });
  return { list, total };
}
