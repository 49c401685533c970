import { DomainError } from '../../../core/errors.js';
import type { LiveSessionRow, ParticipantRow, RoomRow } from '../../../storage/schema.js';
import { summarizePage, type PageRequest } from '../../../core/paging.js';
import { ParamProblem } from '../../framework/params.js';
import { In, type InputCoercion, type TimePeriod } from '../../framework/input.js';
import { formatDate, formatDateTime, parseDateTime, parsePeriod } from '../../framework/time.js';
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
export async function roomOf(ctx: CcContext, id: string, name = 'roomid'): Promise<RoomRow> {
  const room = /^[0-9a-f]{32}$/i.test(id) ? await ctx.services.rooms.find(ctx.tenant.id, { publicId: id }) : undefined;
  if (!room) throw ccError('ROOM_NOT_FOUND', `${name} "${id}" is not a room of this account`);
  return room;
}

/** The account's live named by `liveid` (16 hex); when a room is given, the live must be one of its lives. */
export async function liveOf(ctx: CcContext, id: string, opts: { name?: string; room?: RoomRow } = {}): Promise<LiveSessionRow> {
  const { name = 'liveid', room } = opts;
  const live = await ctx.services.sessions.byPublicId(ctx.tenant.id, id).catch((err: unknown) => {
    if (err instanceof DomainError && err.kind === 'not_found') throw ccError('LIVE_NOT_FOUND', `${name} "${id}" is not a live of this account`);
    throw err;
  });
  if (room && live.room_id !== room.id) throw ccError('LIVE_NOT_FOUND', `${name} "${id}" is not a live of room "${ccRoomId(room)}"`);
  return live;
}

// --- declared parameters shared by several endpoints ---

export const ROOM_ID = In.string({ description: 'Room id (32 hex, any case)' });
export const LIVE_ID = In.string({ description: 'Live id (16 hex, any case)' });
export const VIEWER_ID = In.string({ description: 'Only this viewer (32 hex)' });

// --- date ranges (catalog §1.4, C-3, C-4, C-20) ---

const RANGE_FORMATS = ['yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm', 'yyyy-MM-dd'] as const;

/** CC date-times: a date, or a date with HH:MM[:SS], in the account's zone. */
export const CC_COERCION: InputCoercion = {
  time: (text, zone) => parseDateTime(text, zone, RANGE_FORMATS),
  period: (text, zone) => parsePeriod(text, zone, RANGE_FORMATS),
  timeFormat: 'a date or a date and time in the account\'s zone, like 2019-01-02, 2019-01-02 00:00 or 2019-01-02 00:00:00',
  malformedTime: (name, text) => `${name} must look like 2019-01-02, 2019-01-02 00:00 or 2019-01-02 00:00:00, got "${text}"`,
};
const MAX_SPAN_DAYS = 366;
const DAY_MS = 86_400_000;

/** `start_time` / `end_time`: each a date, or a date with HH:MM[:SS] (decoded to the span it names). */
export const rangeBound = (which: 'start' | 'end') =>
  In.period({ description: which === 'start' ? 'Start of the range' : 'End of the range (a date alone includes that whole day)' });

/** A half-open window [from, to) in epoch ms. */
export interface TimeWindow {
  from: number;
  to: number;
}

/** A bound as it was sent, at the precision it was sent with (for messages). */
function boundText(p: TimePeriod, zone: string): string {
  if (p.unit === 'day') return formatDate(p.from, zone);
  const full = formatDateTime(p.from, zone);
  return p.unit === 'minute' ? full.slice(0, 16) : full;
}

/**
 * `start_time`/`end_time` as a window. A date-only `end_time` includes that whole day; a time is
 * the window's (excluded) end. One bound without the other, reversed ranges and spans over 366 days
 * are refused. Undefined when neither is sent.
 */
export function timeWindow(range: { start_time?: TimePeriod; end_time?: TimePeriod }, zone: string): TimeWindow | undefined {
  const { start_time: start, end_time: end } = range;
  if (start === undefined && end === undefined) return undefined;
  if (start === undefined) throw new ParamProblem('start_time', 'missing', 'start_time is required with end_time');
  if (end === undefined) throw new ParamProblem('end_time', 'missing', 'end_time is required with start_time');
  if (end.from < start.from) throw new ParamProblem('end_time', 'out_of_range', `end_time "${boundText(end, zone)}" is before start_time "${boundText(start, zone)}"`);
  const to = end.unit === 'day' ? end.until : end.from;
  if (to - start.from > MAX_SPAN_DAYS * DAY_MS) throw new ParamProblem('end_time', 'out_of_range', `the range from start_time to end_time must not exceed ${MAX_SPAN_DAYS} days`);
  return { from: start.from, to };
}

// --- paging of endpoints 6–10 (catalog §1.7, C-14) ---

export const MAX_PAGE_LENGTH = 1000;

/** `page_size` is the page NUMBER (default 1); `page_length` the rows per page (default 20). */
export const RECORD_PAGING = {
  page_size: In.int({ min: 1, default: 1, description: 'The page NUMBER, 1-based (C-14)' }),
  page_length: In.int({ min: 1, max: MAX_PAGE_LENGTH, default: 20, description: 'Rows per page' }),
};

export const pageRequest = (input: { page_size: number; page_length: number }): PageRequest => ({ pageNo: input.page_size, pageSize: input.page_length });

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
export async function viewerFilter(ctx: CcContext, viewerid: string | undefined): Promise<number | null | undefined> {
  if (viewerid === undefined) return undefined;
  return (await ctx.services.activity.participantByViewerId(ctx.tenant.id, viewerid))?.id ?? null;
}
