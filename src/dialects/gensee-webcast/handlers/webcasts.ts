import { OPEN_PHASES, RoomListing, type RoomPhase } from '../../../core/room-listing.js';
import type { RolePasses } from '../../../core/passes.js';
import type { RoomRow } from '../../../storage/schema.js';
import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { ParamProblem } from '../../framework/params.js';
import { genseePage } from '../../shared/gensee-envelope.js';
import { ownerScope } from '../../shared/gensee-ownership.js';
import type { WebcastContext } from '../context.js';
import {
  LISTED_KINDS, WEBCAST_KIND, joinUrls, newOrganizerKey, ownedWebcast, settingsToProperties, webcastSettings, webcastTokens,
  type WebcastProperties,
} from '../webcast-view.js';

const SUBJECT_MAX = 250;
const TEXT_MAX = 4000;
const TOKEN_MIN = 6;
const TOKEN_MAX = 15;
const SKINS = ['default', 'gray', 'blue', 'green'] as const;
const TELCONF = ['0', '1', '2'] as const;

const subject = (notEmpty?: boolean) => In.string({ min: 1, max: SUBJECT_MAX, notEmpty, description: 'Title, 1–250 characters' });
const token = (role: string, notEmpty?: boolean) => In.string({ min: TOKEN_MIN, max: TOKEN_MAX, notEmpty, description: `${role} join password, 6–15 characters` });
const seats = () => In.int({ min: 0, description: 'Seat limit; 0 = no limit of its own (A-26)' });
const telconf = () => In.oneOf(TELCONF, { description: '0 off, 1 outbound invitations, 2 outbound and inbound calls (forces aac off, A-27)' });

/** 5.4's parameters, in the document's order; the stated defaults apply when one is left out. */
export const CREATE_WEBCAST_INPUT = In.object({
  subject: subject(),
  startTime: In.time(),
  maxAttendees: In.optional(seats()),
  loginRequired: In.bool({ default: false }),
  opened: In.bool({ default: false }),
  description: In.optional(In.string({ max: TEXT_MAX })),
  plan: In.optional(In.string({ max: TEXT_MAX, description: 'Agenda' })),
  speakerInfo: In.optional(In.string({ max: TEXT_MAX })),
  endTime: In.optional(In.time()),
  switchClient: In.bool({ default: false }),
  organizerToken: token('Organizer'),
  panelistToken: token('Panelist'),
  attendeeToken: In.optional(In.string({ description: 'Attendee join password; none when left out or empty' })),
  realtime: In.bool({ default: false }),
  aac: In.bool({ default: false }),
  telconf: In.oneOf(TELCONF, { default: '0', description: '0 off, 1 outbound invitations, 2 outbound and inbound calls (forces aac off, A-27)' }),
});

/**
 * 5.5's parameters, in the document's order. Only what is sent changes (A-11): the fields the
 * document marks required may be left out, but not sent empty; optional text sent empty is cleared.
 */
export const UPDATE_WEBCAST_INPUT = In.object({
  id: In.string({ description: 'Webcast id' }),
  skin: In.optional(In.oneOf(SKINS)),
  subject: In.optional(subject(true)),
  startTime: In.optional(In.time({ notEmpty: true })),
  maxAttendees: In.optional(seats()),
  loginRequired: In.optional(In.bool()),
  opened: In.optional(In.bool()),
  endTime: In.optional(In.clearableTime()),
  description: In.optional(In.clearableString({ max: TEXT_MAX })),
  plan: In.optional(In.clearableString({ max: TEXT_MAX, description: 'Agenda' })),
  speakerInfo: In.optional(In.clearableString({ max: TEXT_MAX })),
  switchClient: In.optional(In.bool()),
  organizerToken: In.optional(token('Organizer', true)),
  panelistToken: In.optional(token('Panelist', true)),
  attendeeToken: In.optional(In.clearableString({ description: 'Attendee join password: left out keeps it, sent empty removes it' })),
  realtime: In.optional(In.bool()),
  aac: In.optional(In.bool()),
  telconf: In.optional(telconf()),
});

/** 5.6, 5.7, 5.8 (and 5.10): the webcast only. */
export const WEBCAST_ID_INPUT = In.object({ webcastId: In.string({ description: 'Webcast id' }) });

/** 5.9 (P1: 50 a page). */
export const PAGE_INPUT = In.object({
  pageNo: In.int({ min: 1, default: 1 }),
  status: In.optional(In.oneOf([0, 1, 2, 99], { description: '0 not started, 1 not started but a client joined, 2 started, 99 terminated; left out: every non-terminated webcast' })),
  expired: In.optional(In.bool()),
});

/** 5.22 states no maximum page size; larger requests are served in pages of this size (catalog A-25). */
const P3_MAX_PAGE_SIZE = 1000;
/** 5.22 (P3). */
export const ONGOING_INPUT = In.object({
  pageNo: In.int({ min: 1, default: 1 }),
  pageSize: In.int({ min: 1, default: 20, description: `Rows per page; above ${P3_MAX_PAGE_SIZE}, pages of ${P3_MAX_PAGE_SIZE}` }),
});

/** A seat limit where 0 means "no limit of its own" (catalog A-26): undefined = not sent, null = no limit. */
const seatLimit = (n: number | undefined): number | null | undefined => (n === undefined ? undefined : n === 0 ? null : n);

/** telconf=2 accepts inbound calls, which AAC cannot serve: aac is forced off (catalog A-27). */
const aacWith = <A extends boolean | undefined>(telconf: string | undefined, aac: A): A | false => (telconf === '2' ? false : aac);

function checkSchedule(startTime: number | null, endTime: number | null): void {
  if (startTime !== null && endTime !== null && endTime < startTime) throw new ParamProblem('endTime', 'out_of_range', 'endTime must not be before startTime');
}

/** 5.4 `/webcast/created`. */
export async function createWebcast(ctx: WithInput<WebcastContext, typeof CREATE_WEBCAST_INPUT>) {
  const input = ctx.input;
  checkSchedule(input.startTime, input.endTime ?? null);
  const settings: WebcastProperties = {
    loginRequired: input.loginRequired,
    opened: input.opened,
    plan: input.plan ?? null,
    speakerInfo: input.speakerInfo ?? null,
    switchClient: input.switchClient,
    skin: 'default',
    realtime: input.realtime,
    telconf: input.telconf,
    organizerKey: newOrganizerKey(),
    warmUpId: null,
  };
  const room = await ctx.services.rooms.create({
    tenantId: ctx.tenant.id,
    kind: WEBCAST_KIND,
    title: input.subject,
    description: input.description ?? null,
    ownerUserId: ctx.user.id,
    scheduledStart: input.startTime,
    scheduledEnd: input.endTime ?? null,
    maxAttendees: seatLimit(input.maxAttendees) ?? null,
    aac: aacWith(input.telconf, input.aac),
    tokens: { host: input.organizerToken, assistant: input.panelistToken, student: input.attendeeToken ?? null },
    properties: settingsToProperties(settings),
  });
  return { id: room.public_id, number: room.number, ...joinUrls(ctx, room) };
}

/**
 * 5.5 `/webcast/update`: changes only what is sent (catalog A-11). An absent attendeeToken keeps the
 * current one; `attendeeToken=` (empty) removes it, so attendees join without a token.
 */
export async function updateWebcast(ctx: WithInput<WebcastContext, typeof UPDATE_WEBCAST_INPUT>) {
  const input = ctx.input;
  const changes: Partial<WebcastProperties> = {
    skin: input.skin,
    loginRequired: input.loginRequired,
    opened: input.opened,
    plan: input.plan,
    speakerInfo: input.speakerInfo,
    switchClient: input.switchClient,
    realtime: input.realtime,
  };
  const tokens = { host: input.organizerToken, assistant: input.panelistToken, student: input.attendeeToken };
  const room = await ownedWebcast(ctx, input.id);
  const aac = aacWith(input.telconf ?? webcastSettings(room).telconf, input.aac);
  const scheduledStart = input.startTime ?? room.scheduled_start;
  const scheduledEnd = input.endTime === undefined ? room.scheduled_end : input.endTime;
  checkSchedule(scheduledStart, scheduledEnd);
  await ctx.services.rooms.update(room, {
    title: input.subject, description: input.description, scheduledStart: input.startTime, scheduledEnd: input.endTime,
    maxAttendees: seatLimit(input.maxAttendees), aac, tokens,
    properties: settingsToProperties({ ...changes, telconf: input.telconf }),
  });
  return {};
}

/**
 * 5.6 `/webcast/deleted`. Whoever is still inside leaves and an open session ends first; the
 * recorded history (sessions, activity, recordings, VODs) is kept but no longer reachable through
 * the webcast (catalog A-30).
 */
export async function deleteWebcast(ctx: WithInput<WebcastContext, typeof WEBCAST_ID_INPUT>) {
  const room = await ownedWebcast(ctx, ctx.input.webcastId);
  const now = Date.now();
  await ctx.services.transaction(async (tx) => {
    await tx.ingestion.endSession(room, now);
    await tx.rooms.softDelete(room, now);
  });
  return {};
}

/** 5.7 `/webcast/finish`: terminates for good (the core refuses to start it again). Finishing twice is harmless. */
export async function finishWebcast(ctx: WithInput<WebcastContext, typeof WEBCAST_ID_INPUT>) {
  const room = await ownedWebcast(ctx, ctx.input.webcastId);
  if (room.status !== 'terminated') await ctx.services.ingestion.endSession(room, Date.now(), true);
  return {};
}

/** 5.8 `/webcast/setting/info`. */
export async function webcastSettingInfo(ctx: WithInput<WebcastContext, typeof WEBCAST_ID_INPUT>) {
  const room = await ownedWebcast(ctx, ctx.input.webcastId);
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

/** Attributes with no value are left out of list items (§3.5). */
function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;
}

/** 5.9 `/webcast/page`: 50 per page, `list` only; keys in the order of the document's example (Fig. 3). */
export async function listWebcasts(ctx: WithInput<WebcastContext, typeof PAGE_INPUT>) {
  const { status, expired } = ctx.input;
  const page = { pageNo: ctx.input.pageNo, pageSize: P1_PAGE_SIZE };
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
export async function listOngoingWebcasts(ctx: WithInput<WebcastContext, typeof ONGOING_INPUT>) {
  const page = { pageNo: ctx.input.pageNo, pageSize: Math.min(ctx.input.pageSize, P3_MAX_PAGE_SIZE) };
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
