import { OPEN_PHASES, RoomListing, type RoomPhase } from '../../../core/room-listing.js';
import type { RolePasses } from '../../../core/passes.js';
import type { RoomRow } from '../../../storage/schema.js';
import { readPage } from '../../framework/paging.js';
import { ParamProblem, type Params } from '../../framework/params.js';
import { genseePage } from '../../shared/gensee-envelope.js';
import { ownerScope } from '../../shared/gensee-ownership.js';
import { genseeTime } from '../../shared/gensee-time.js';
import type { WebcastContext } from '../context.js';
import {
  LISTED_KINDS, WEBCAST_KIND, joinUrls, newOrganizerKey, ownedWebcast, settingsToProperties, webcastSettings, webcastTokens,
  type WebcastProperties, type WebcastSettings,
} from '../webcast-view.js';
import { clearableText, clearableTime, refuseEmpty, seatLimit } from './patch-params.js';

/** Request parameters of each endpoint, in the document's order (shown by the test tool page). */
export const CREATE_PARAMS = [
  'subject', 'startTime', 'maxAttendees', 'loginRequired', 'opened', 'description', 'plan', 'speakerInfo', 'endTime', 'switchClient',
  'organizerToken', 'panelistToken', 'attendeeToken', 'realtime', 'aac', 'telconf',
] as const;
export const UPDATE_PARAMS = [
  'id', 'skin', 'subject', 'startTime', 'maxAttendees', 'loginRequired', 'opened', 'endTime', 'description', 'plan', 'speakerInfo',
  'switchClient', 'organizerToken', 'panelistToken', 'attendeeToken', 'realtime', 'aac', 'telconf',
] as const;
export const WEBCAST_ID_PARAMS = ['webcastId'] as const;
export const PAGE_PARAMS = ['pageNo', 'status', 'expired'] as const;
export const ONGOING_PARAMS = ['pageNo', 'pageSize'] as const;

const SUBJECT_MAX = 250;
const TEXT_MAX = 4000;
const SKINS = ['default', 'gray', 'blue', 'green'] as const;

function token(p: Params, name: string, required: boolean): string | undefined {
  const v = p.string(name, { required });
  if (v !== undefined && (v.length < 6 || v.length > 15)) throw new ParamProblem(name, 'out_of_range', `${name} must be 6 to 15 characters`);
  return v;
}

/** telconf=2 accepts inbound calls, which AAC cannot serve: aac is forced off (catalog A-27). */
function audioSettings(p: Params, current?: Pick<WebcastSettings, 'telconf'>): Partial<Pick<WebcastSettings, 'aac' | 'telconf'>> {
  const telconf = p.oneOf('telconf', ['0', '1', '2'] as const);
  const aac = p.bool('aac');
  return { telconf, aac: (telconf ?? current?.telconf) === '2' ? false : aac };
}

function checkSchedule(startTime: number | null, endTime: number | null): void {
  if (startTime !== null && endTime !== null && endTime < startTime) throw new ParamProblem('endTime', 'out_of_range', 'endTime must not be before startTime');
}

/** 5.4 `/webcast/created`. */
export async function createWebcast(ctx: WebcastContext) {
  const p = ctx.params;
  const subject = p.string('subject', { required: true, max: SUBJECT_MAX });
  const startTime = genseeTime(p, 'startTime', ctx.zone, { required: true });
  const endTime = genseeTime(p, 'endTime', ctx.zone);
  checkSchedule(startTime, endTime ?? null);
  const organizerToken = token(p, 'organizerToken', true)!;
  const panelistToken = token(p, 'panelistToken', true)!;
  const audio = audioSettings(p);
  const settings: WebcastProperties = {
    loginRequired: p.bool('loginRequired') ?? false,
    opened: p.bool('opened') ?? false,
    plan: p.string('plan', { max: TEXT_MAX }) ?? null,
    speakerInfo: p.string('speakerInfo', { max: TEXT_MAX }) ?? null,
    switchClient: p.bool('switchClient') ?? false,
    skin: 'default',
    realtime: p.bool('realtime') ?? false,
    telconf: audio.telconf ?? '0',
    organizerKey: newOrganizerKey(),
    warmUpId: null,
  };
  const maxAttendees = seatLimit(p, 'maxAttendees');
  const room = await ctx.services.rooms.create({
    tenantId: ctx.tenant.id,
    kind: WEBCAST_KIND,
    title: subject,
    description: p.string('description', { max: TEXT_MAX }) ?? null,
    ownerUserId: ctx.user.id,
    scheduledStart: startTime,
    scheduledEnd: endTime ?? null,
    maxAttendees: maxAttendees ?? null,
    aac: audio.aac ?? false,
    tokens: { host: organizerToken, assistant: panelistToken, student: p.raw('attendeeToken')?.trim() || null },
    properties: settingsToProperties(settings),
  });
  return { id: room.public_id, number: room.number, ...joinUrls(ctx, room) };
}

/**
 * 5.5 `/webcast/update`: changes only what is sent (catalog A-11). An absent attendeeToken keeps the
 * current one; `attendeeToken=` (empty) removes it, so attendees join without a token.
 */
export async function updateWebcast(ctx: WebcastContext) {
  const p = ctx.params;
  const id = p.string('id', { required: true });
  refuseEmpty(p, 'subject', 'startTime', 'organizerToken', 'panelistToken');
  const subject = p.string('subject', { max: SUBJECT_MAX });
  const startTime = genseeTime(p, 'startTime', ctx.zone);
  const endTime = clearableTime(p, 'endTime', ctx.zone);
  const maxAttendees = seatLimit(p, 'maxAttendees');
  const description = clearableText(p, 'description', TEXT_MAX);
  const changes: Partial<WebcastProperties> = {
    skin: p.oneOf('skin', SKINS),
    loginRequired: p.bool('loginRequired'),
    opened: p.bool('opened'),
    plan: clearableText(p, 'plan', TEXT_MAX),
    speakerInfo: clearableText(p, 'speakerInfo', TEXT_MAX),
    switchClient: p.bool('switchClient'),
    realtime: p.bool('realtime'),
  };
  const tokens = { host: token(p, 'organizerToken', false), assistant: token(p, 'panelistToken', false), student: p.raw('attendeeToken')?.trim() };
  const room = await ownedWebcast(ctx, id);
  const audio = audioSettings(p, webcastSettings(room));
  const scheduledStart = startTime ?? room.scheduled_start;
  const scheduledEnd = endTime === undefined ? room.scheduled_end : endTime;
  checkSchedule(scheduledStart, scheduledEnd);
  await ctx.services.rooms.update(room, {
    title: subject, description, scheduledStart: startTime, scheduledEnd: endTime, maxAttendees, aac: audio.aac, tokens,
    properties: settingsToProperties({ ...changes, telconf: audio.telconf }),
  });
  return {};
}

/**
 * 5.6 `/webcast/deleted`. Whoever is still inside leaves and an open session ends first; the
 * recorded history (sessions, activity, recordings, VODs) is kept but no longer reachable through
 * the webcast (catalog A-30).
 */
export async function deleteWebcast(ctx: WebcastContext) {
  const room = await ownedWebcast(ctx, ctx.params.string('webcastId', { required: true }));
  const now = Date.now();
  await ctx.services.transaction(async (tx) => {
    await tx.ingestion.endSession(room, now);
    await tx.rooms.softDelete(room, now);
  });
  return {};
}

/** 5.7 `/webcast/finish`: terminates for good (the core refuses to start it again). Finishing twice is harmless. */
export async function finishWebcast(ctx: WebcastContext) {
  const room = await ownedWebcast(ctx, ctx.params.string('webcastId', { required: true }));
  if (room.status !== 'terminated') await ctx.services.ingestion.endSession(room, Date.now(), true);
  return {};
}

/** 5.8 `/webcast/setting/info`. */
export async function webcastSettingInfo(ctx: WebcastContext) {
  const webcastId = ctx.params.string('webcastId', { required: true });
  const room = await ownedWebcast(ctx, webcastId);
  const s = webcastSettings(room);
  const tokens = webcastTokens(await ctx.services.passes.roleTokens(room));
  return {
    id: room.public_id,
    number: room.number,
    subject: room.title,
    description: room.description,
    startTime: room.scheduled_start,
    endTime: room.scheduled_end,
    maxAttendees: room.max_attendees,
    loginRequired: s.loginRequired,
    opened: s.opened,
    plan: s.plan,
    speakerInfo: s.speakerInfo,
    organizerToken: tokens.organizerToken,
    panelistToken: tokens.panelistToken,
    attendeeToken: tokens.attendeeToken,
    switchClient: String(s.switchClient),
    warmUpId: s.warmUpId,
    ...joinUrls(ctx, room),
  };
}

/**
 * 5.9's two status enums (catalog A-14). The request's 1 "not started, but a client joined" and the
 * response's 1 "started but not published" are the same state seen from two sides: someone is in the
 * room, the broadcast has not begun. 99 (terminated) is only listed when asked for, and then reported as 99.
 */
const REQUEST_STATUS: Record<0 | 1 | 2 | 99, RoomPhase> = { 0: 'idle', 1: 'occupied', 2: 'live', 99: 'terminated' };
const RESPONSE_STATUS: Record<RoomPhase, number> = { idle: 0, occupied: 1, live: 2, terminated: 99 };

const P1_PAGE_SIZE = 50;
const P3_DEFAULT_PAGE_SIZE = 20;
/** 5.22 states no maximum; larger requests are served in pages of this size (catalog A-25). */
const P3_MAX_PAGE_SIZE = 1000;

/** Attributes with no value are left out of list items (§3.5). */
function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;
}

/** 5.9 `/webcast/page`: 50 per page, `list` only; keys in the order of the document's example (Fig. 3). */
export async function listWebcasts(ctx: WebcastContext) {
  const p = ctx.params;
  const page = readPage(p, { page: 'pageNo', size: P1_PAGE_SIZE });
  const status = p.oneOf('status', [0, 1, 2, 99] as const);
  const expired = p.bool('expired');
  const { rows } = await ctx.services.roomListing.page(
    { tenantId: ctx.tenant.id, kinds: LISTED_KINDS, ownerUserId: ownerScope(ctx), phases: status === undefined ? OPEN_PHASES : [REQUEST_STATUS[status]], expired },
    page,
  );
  const inside = await ctx.services.roomListing.presence(rows.map((r) => r.id));
  const list = rows.map((room) => {
    const urls = joinUrls(ctx, room);
    return compact({
      attendeeJoinUrl: urls.attendeeJoinUrl,
      createdTime: room.created_at,
      description: room.description ?? '',
      id: room.public_id,
      organizerJoinUrl: urls.organizerJoinUrl,
      panelistJoinUrl: urls.panelistJoinUrl,
      startTime: room.scheduled_start,
      status: RESPONSE_STATUS[RoomListing.phaseOf(room, inside.get(room.id) ?? 0)],
      subject: room.title,
    });
  });
  return { list };
}

function ongoingItem(ctx: WebcastContext, room: RoomRow, passes: RolePasses, online: number) {
  const s = webcastTokens(passes.tokens);
  const urls = joinUrls(ctx, room);
  return compact({
    attendeeJoinUrl: urls.attendeeJoinUrl,
    attendeeToken: s.attendeeToken,
    createdTime: room.created_at,
    description: room.description ?? '',
    id: room.public_id,
    online,
    organizerToken: s.organizerToken,
    panelistJoinUrl: urls.panelistJoinUrl,
    panelistToken: s.panelistToken,
    startTime: room.scheduled_start,
    subject: room.title,
  });
}

/** 5.22 `/webcast/ongoing/page`: webcasts with an open live session; `online` counts the people inside now. */
export async function listOngoingWebcasts(ctx: WebcastContext) {
  const p = ctx.params;
  const page = readPage(p, { page: 'pageNo', size: { param: 'pageSize', default: P3_DEFAULT_PAGE_SIZE, max: P3_MAX_PAGE_SIZE, aboveMax: 'cap' } });
  const { rows, total } = await ctx.services.roomListing.page(
    { tenantId: ctx.tenant.id, kinds: LISTED_KINDS, ownerUserId: ownerScope(ctx), phases: ['live'] },
    page,
  );
  const inside = await ctx.services.roomListing.presence(rows.map((r) => r.id));
  const passes = await ctx.services.passes.rolePassesOf(rows);
  return {
    page: genseePage(page, total),
    list: rows.map((room) => ongoingItem(ctx, room, passes.get(room.id)!, inside.get(room.id) ?? 0)),
  };
}
