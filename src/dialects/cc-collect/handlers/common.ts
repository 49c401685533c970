import { DomainError } from '../../../core/errors.js';
import type { LiveSessionRow, ParticipantRow, RoomRow } from '../../../storage/schema.js';
import { summarizePage, type PageRequest } from '../../../core/paging.js';
import { readPage, type PagingParams } from '../../framework/paging.js';
import { ParamProblem } from '../../framework/params.js';
import type { InputCoercion } from '../../framework/input.js';
import { formatDateTime, parseDateTime, startOfDay } from '../../framework/time.js';
import type { CcContext, CcResult } from '../context.js';
import { ccError } from '../errors.js';

/** CC names a room by its 32-hex id in upper case (`4C05DAC8…`); Lectern stores it lower case. */
export const ccRoomId = (room: RoomRow): string => room.public_id.toUpperCase();

/** Response datetimes: `YYYY-MM-DD HH:MM:SS` in the tenant's zone; a moment that has not happened yet is `''`. */
export const ccTime = (ms: number | null, zone: string): string => (ms === null ? '' : formatDateTime(ms, zone));

/**
 * The account's room named by `roomid`, in any case. Rooms created through any dialect of the
 * tenant answer; a deleted room still does, because its recorded history stays readable.
 */
export async function roomOf(ctx: CcContext, name = 'roomid'): Promise<RoomRow> {
  const id = ctx.params.string(name, { required: true });
  const room = /^[0-9a-f]{32}$/i.test(id) ? await ctx.services.rooms.find(ctx.tenant.id, { publicId: id }) : undefined;
  if (!room) throw ccError('ROOM_NOT_FOUND', `${name} "${id}" is not a room of this account`);
  return room;
}

/** The account's live named by `liveid` (16 hex); when a room is given, the live must be one of its lives. */
export async function liveOf(ctx: CcContext, name = 'liveid', room?: RoomRow): Promise<LiveSessionRow> {
  const id = ctx.params.string(name, { required: true });
  const live = await ctx.services.sessions.byPublicId(ctx.tenant.id, id).catch((err: unknown) => {
    if (err instanceof DomainError && err.kind === 'not_found') throw ccError('LIVE_NOT_FOUND', `${name} "${id}" is not a live of this account`);
    throw err;
  });
  if (room && live.room_id !== room.id) throw ccError('LIVE_NOT_FOUND', `${name} "${id}" is not a live of room "${ccRoomId(room)}"`);
  return live;
}

// --- date ranges (catalog §1.4, C-3, C-4, C-20) ---

const RANGE_FORMATS = ['yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm', 'yyyy-MM-dd'] as const;

/** CC date-times: a date, or a date with HH:MM[:SS], in the account's zone. */
export const CC_COERCION: InputCoercion = {
  time: (text, zone) => parseDateTime(text, zone, RANGE_FORMATS),
  timeFormat: 'like 2019-01-02, 2019-01-02 00:00 or 2019-01-02 00:00:00',
};
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_SPAN_DAYS = 366;
const DAY_MS = 86_400_000;

/** A half-open window [from, to) in epoch ms. */
export interface TimeWindow {
  from: number;
  to: number;
}

function parseBound(name: string, text: string, zone: string): number {
  const ms = parseDateTime(text, zone, RANGE_FORMATS);
  if (ms === undefined) throw new ParamProblem(name, 'malformed', `${name} must look like 2019-01-02, 2019-01-02 00:00 or 2019-01-02 00:00:00, got "${text}"`);
  return ms;
}

/**
 * `start_time`/`end_time` as a window. Each accepts a date, or a date with HH:MM[:SS] (trailing
 * spaces trimmed); a date-only `end_time` includes that whole day. Reversed ranges and spans over
 * 366 days are refused. Undefined when neither is sent and the range is optional.
 */
export function timeWindow(ctx: CcContext, required: boolean): TimeWindow | undefined {
  const start = ctx.params.string('start_time', { required });
  const end = ctx.params.string('end_time', { required });
  if (start === undefined && end === undefined) return undefined;
  if (start === undefined) throw new ParamProblem('start_time', 'missing', 'start_time is required with end_time');
  if (end === undefined) throw new ParamProblem('end_time', 'missing', 'end_time is required with start_time');
  const from = parseBound('start_time', start, ctx.zone);
  const endAt = parseBound('end_time', end, ctx.zone);
  if (endAt < from) throw new ParamProblem('end_time', 'out_of_range', `end_time "${end}" is before start_time "${start}"`);
  // The start of the next calendar day, whatever the day's length in the zone.
  const to = DATE_ONLY.test(end) ? startOfDay(endAt + 1.5 * DAY_MS, ctx.zone) : endAt;
  if (to - from > MAX_SPAN_DAYS * DAY_MS) throw new ParamProblem('end_time', 'out_of_range', `the range from start_time to end_time must not exceed ${MAX_SPAN_DAYS} days`);
  return { from, to };
}

// --- paging of endpoints 6–10 (catalog §1.7, C-14) ---

export const MAX_PAGE_LENGTH = 1000;

/** `page_size` is the page NUMBER (default 1); `page_length` the rows per page (default 20). */
const RECORD_PAGING: PagingParams = { page: 'page_size', size: { param: 'page_length', default: 20, max: MAX_PAGE_LENGTH, aboveMax: 'refuse' } };

export function pageRequest(ctx: CcContext): PageRequest {
  return readPage(ctx.params, RECORD_PAGING);
}

/** The rows of one page, with `page_size` (page number), `page_length` and `page_count` (total pages) beside `data`. */
export function pagedResult(data: unknown[], total: number, p: PageRequest): CcResult {
  const summary = summarizePage(p, total);
  return { data, extra: { page_size: summary.pageNo, page_length: summary.pageSize, page_count: summary.totalPages } };
}

// --- viewers ---

/** Participants by id, as `participantsByIds` returns them. */
export type People = Map<number, ParticipantRow>;

/** A participant's public viewer id (32 lower hex), `''` when nobody is recorded. */
export const viewerIdOf = (people: People, participantId: number | null): string =>
  participantId === null ? '' : people.get(participantId)?.viewer_id ?? '';

/**
 * The optional `viewerid` filter: undefined when not sent, the participant's id when known, and
 * null when the id matches nobody of the account (the filter then matches no record).
 */
export async function viewerFilter(ctx: CcContext): Promise<number | null | undefined> {
  const viewerid = ctx.params.string('viewerid');
  if (viewerid === undefined) return undefined;
  return (await ctx.services.activity.participantByViewerId(ctx.tenant.id, viewerid))?.id ?? null;
}
