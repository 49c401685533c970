import type { RoomRow } from '../../../storage/schema.js';
import { roomProperties, scheduleBounds } from '../../../core/rooms.js';
import type { JsonObject } from '../../../core/json.js';
import { readPage } from '../../framework/paging.js';
import { ParamProblem, type Params } from '../../framework/params.js';
import { formatDateTime } from '../../framework/time.js';
import type { BaijiayunContext } from '../context.js';
import { baijiayunError } from '../errors.js';
import { PRODUCT_LINES, industryTypeOf, kindOfShape, typeOf } from '../room-types.js';

const DAY_S = 86_400;
const YEAR_S = 366 * DAY_S;

/**
 * Create parameters kept as room settings: everything but the signing ones and what the core room
 * holds (title, schedule, capacity; industry_type is part of the room's kind). `type` is kept: it
 * tells the two small-class editions apart.
 */
const NON_SETTINGS = new Set(['partner_id', 'timestamp', 'sign', 'title', 'start_time', 'end_time', 'max_users', 'industry_type']);

/** `room_id`: a 14-digit number. */
export async function roomOf(ctx: BaijiayunContext, name = 'room_id'): Promise<RoomRow> {
  const id = ctx.params.string(name, { required: true });
  if (!/^\d{1,20}$/.test(id)) throw new ParamProblem(name, 'malformed', `${name} must be a number`);
  const room = await ctx.services.rooms.find(ctx.tenant.id, { numericId: id });
  if (!room) throw baijiayunError('ROOM_NOT_FOUND', `room ${id} does not exist`);
  if (room.deleted_at !== null) throw baijiayunError('ROOM_DELETED', `room ${id} has been deleted`);
  return room;
}

function intSetting(p: Params, name: string, allowed?: readonly number[]): number | undefined {
  const v = p.int(name, { min: 0 });
  if (v !== undefined && allowed && !allowed.includes(v)) throw new ParamProblem(name, 'out_of_range', `${name} must be one of ${allowed.join(', ')}`);
  return v;
}

function checkSchedule(start: number, end: number, longTerm: boolean): void {
  if (end <= start) throw new ParamProblem('end_time', 'out_of_range', 'end_time must be after start_time');
  const now = Date.now() / 1000;
  if (!longTerm && end - start >= DAY_S) throw new ParamProblem('end_time', 'out_of_range', 'a room that is not long-term must last less than 24 hours');
  if (!longTerm && (start > now + YEAR_S || end > now + YEAR_S)) throw new ParamProblem('start_time', 'out_of_range', 'start_time and end_time must be within one year from now');
}

/** 2 `/openapi/room/create`. */
export async function createRoom(ctx: BaijiayunContext) {
  const p = ctx.params;
  // Titles over 50 characters are cut, not refused (catalog §1.7).
  const title = [...p.string('title', { required: true })].slice(0, 50).join('');
  const start = p.int('start_time', { required: true, min: 0 });
  const end = p.int('end_time', { required: true, min: 0 });
  const type = intSetting(p, 'type', [1, 2, 3, 4, 5]) ?? 2;
  const industryType = intSetting(p, 'industry_type', [0, 1]) ?? 0;
  const kind = kindOfShape({
    type,
    industryType,
    isGroupLive: intSetting(p, 'is_group_live', [0, 1, 2]) ?? 0,
    newGroupLive: intSetting(p, 'new_group_live', [0, 1, 2]) ?? 0,
    isPushLive: intSetting(p, 'is_push_live', [0, 1]) ?? 0,
    isMockLive: intSetting(p, 'is_mock_live', [0, 1]) ?? 0,
  });
  const longTerm = (intSetting(p, 'is_long_term', [0, 1]) ?? 0) === 1;
  const maxUsers = p.int('max_users', { min: 0 }) ?? 0;
  if (type === 4 && (maxUsers < 1 || maxUsers > 12)) throw new ParamProblem('max_users', 'out_of_range', 'a professional small class needs max_users from 1 to 12');
  checkSchedule(start, end, longTerm);
  // Every other parameter, documented or not, is kept with the room (field notes 16).
  const settings: JsonObject = { type, is_long_term: longTerm ? 1 : 0 };
  for (const [k, v] of p.pairs()) if (!NON_SETTINGS.has(k) && !(k in settings)) settings[k] = v;
  const room = await ctx.services.rooms.create({
    tenantId: ctx.tenant.id,
    kind,
    title,
    scheduledStart: start * 1000,
    scheduledEnd: end * 1000,
    maxAttendees: maxUsers || null,
    properties: settings,
  });
  const codes = await ctx.services.passes.roleCodes(room);
  return { room_id: room.numeric_id, admin_code: codes.assistant, teacher_code: codes.host, student_code: codes.student };
}

function numberSetting(props: JsonObject, key: string, fallback: number): number {
  const v = props[key];
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : fallback;
  return n;
}

/** 5 `/openapi/room/info`. */
export async function roomInfo(ctx: BaijiayunContext) {
  const room = await roomOf(ctx);
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

/** 9 `/openapi/room/list`: newest first, `page`/`limit` (max 1000). */
export async function listRooms(ctx: BaijiayunContext) {
  const p = ctx.params;
  const page = readPage(p, { page: 'page', size: { param: 'limit', default: 100, max: 1000, aboveMax: 'refuse' } });
  const productType = p.int('product_type', { min: 0, max: 4 }) ?? 0;
  const { rows, total } = await ctx.services.rooms.pageByNumber(ctx.tenant.id, { ...page, kinds: PRODUCT_LINES[productType] });
  const codesByRoom = await ctx.services.passes.roleCodesOf(rows);
  const list = [];
  for (const room of rows) {
    const codes = codesByRoom.get(room.id)!;
    const schedule = scheduleBounds(room);
    list.push({
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
    });
  }
  return { list, total };
}
