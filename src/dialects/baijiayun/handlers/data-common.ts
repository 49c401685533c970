import { DateTime } from 'luxon';
import type { ParticipantRow, RoomRow } from '../../../storage/schema.js';
import { roomProperties } from '../../../core/rooms.js';
import { slicePage } from '../../../core/paging.js';
import { In } from '../../framework/input.js';
import { ParamProblem } from '../../framework/params.js';
import { formatDateTime } from '../../framework/time.js';
import type { BaijiayunContext } from '../context.js';
import { baijiayunError } from '../errors.js';
import { PRODUCT_LINES } from '../room-types.js';
import type { RoomKind } from '../../../core/room-kind.js';

/** `room_id`: the room's number (14 digits). */
export const ROOM_ID = () => In.string({ pattern: '^\\d{1,20}$', description: 'Room number (14 digits)', examples: ['17112374903200'] });

/** A `date` in the vendor's `YYYY-MM-DD` form (checked for being a real day when read). */
export const DATE = (description: string) => In.string({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description, examples: ['2017-11-23'] });

/** `product_type`: 0 all, 1 education live, 2 small class, 3 dual teacher, 4 enterprise live. */
export const PRODUCT_TYPE = () => In.oneOf([0, 1, 2, 3, 4], { description: '0 all, 1 education live, 2 small class, 3 dual teacher, 4 enterprise live' });

/** The room kinds a `product_type` selects (undefined: every room, those of other dialects included). */
export const kindsOf = (productType: number | undefined): readonly RoomKind[] | undefined => PRODUCT_LINES[productType ?? 0];

/** The account's room with this number: 3001 when it names no room of the account, 3002 when deleted. */
export async function roomByNumber(ctx: BaijiayunContext, roomId: string): Promise<RoomRow> {
  const room = await ctx.services.rooms.find(ctx.tenant.id, { numericId: roomId });
  if (!room) throw baijiayunError('ROOM_NOT_FOUND', `room ${roomId} does not exist`);
  if (room.deleted_at !== null) throw baijiayunError('ROOM_DELETED', `room ${roomId} has been deleted`);
  return room;
}

export function isLongTerm(room: RoomRow): boolean {
  return String(roomProperties(room).is_long_term ?? '0') === '1';
}

/** An inclusive window in epoch ms. */
export interface Window {
  from: number;
  to: number;
}

/** A calendar day of the account's zone, as an inclusive window. */
export interface Day extends Window {
  date: string;
  start: DateTime;
}

/** The `YYYY-MM-DD` text `value` of parameter `name` as a day of the zone; 1001 when it is no real day. */
export function dayOf(name: string, value: string, zone: string): Day {
  const start = DateTime.fromFormat(value, 'yyyy-MM-dd', { zone });
  if (!start.isValid) throw new ParamProblem(name, 'malformed', `${name} must be a date like 2017-11-23, got "${value}"`);
  return dayStarting(start);
}

function dayStarting(start: DateTime): Day {
  return { date: start.toFormat('yyyy-MM-dd'), start, from: start.toMillis(), to: start.plus({ days: 1 }).toMillis() - 1 };
}

/** Every day from `first` to `last`, both included. */
export function daysFrom(first: Day, last: Day): Day[] {
  const out: Day[] = [];
  for (let d = first.start; d.toMillis() <= last.from; d = d.plus({ days: 1 })) out.push(dayStarting(d));
  return out;
}

/** The day containing `ms` in the zone. */
export function dayAt(ms: number, zone: string): Day {
  return dayStarting(DateTime.fromMillis(ms, { zone }).startOf('day'));
}

/** Longest `start_date`–`end_date` range of the account-level reports. */
export const MAX_RANGE_DAYS = 366;

/** `start_date` and `end_date` as days, in order and at most MAX_RANGE_DAYS apart. */
export function dateRange(startText: string, endText: string, zone: string): Day[] {
  const first = dayOf('start_date', startText, zone);
  const last = dayOf('end_date', endText, zone);
  if (last.from < first.from) throw new ParamProblem('end_date', 'out_of_range', `end_date ${endText} is before start_date ${startText}`);
  const days = daysFrom(first, last);
  if (days.length > MAX_RANGE_DAYS) throw new ParamProblem('end_date', 'out_of_range', `the range from start_date to end_date must not exceed ${MAX_RANGE_DAYS} days`);
  return days;
}

/**
 * The `date` of the pro data APIs (39–43, 50): a long-term room holds many classes, so it needs the
 * day; a short-term room is one class, so without a date its whole history answers.
 */
export function classDay(ctx: BaijiayunContext, room: RoomRow, date: string | undefined): Partial<Window> {
  if (date !== undefined) return dayOf('date', date, ctx.zone);
  if (isLongTerm(room)) throw new ParamProblem('date', 'missing', 'date is required for a long-term room');
  return {};
}

/** Response datetimes: `YYYY-MM-DD HH:MM:SS` in the account's zone; `''` for a moment that has not happened. */
export const bjyTime = (ms: number | null, zone: string): string => (ms === null ? '' : formatDateTime(ms, zone));

/** Baijiayun roles: 0 student, 1 teacher, 2 assistant. Speakers teach; attendees are students. */
export function userRole(role: string): 0 | 1 | 2 {
  if (role === 'host' || role === 'speaker') return 1;
  if (role === 'assistant') return 2;
  return 0;
}

/** Participants by id, as the exports name them. */
export type People = Map<number, ParticipantRow>;

export function peopleOf(ctx: BaijiayunContext, ids: Iterable<number | null>): Promise<People> {
  return ctx.services.activity.participantsByIds(ctx.tenant.id, [...ids].filter((id): id is number => id !== null));
}

/**
 * A person's `user_number`: the partner's own user number when they entered with one; otherwise
 * (people who joined through another dialect) Lectern's participant id, so the number still tells
 * people apart. 0 when nobody is recorded.
 */
export function userNumberOf(people: People, participantId: number | null): number {
  if (participantId === null) return 0;
  return people.get(participantId)?.user_number ?? participantId;
}

/** Rows of numbered page `page` (1-based) of `size` rows; size 0 means every row (API 20). */
export function pageOf<T>(rows: readonly T[], page: number, size: number): T[] {
  return size === 0 ? [...rows] : slicePage(rows, { pageNo: page, pageSize: size }).rows;
}

/** The largest page a paged endpoint returns (catalog §1.6). */
export const MAX_PAGE_SIZE = 1000;
