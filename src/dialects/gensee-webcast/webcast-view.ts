import { randomUUID } from 'node:crypto';
import type { RoomRow } from '../../storage/schema.js';
import { roomProperties } from '../../core/rooms.js';
import type { JsonObject } from '../../core/json.js';
import type { RoleTokens } from '../../core/passes.js';
import { kindsOfFormat, type RoomKind } from '../../core/room-kind.js';
import type { WebcastContext } from './context.js';
import { ownedRoom } from '../shared/gensee-ownership.js';

/** What a webcast created through `/webcast/created` is; `/webcast/page` lists every broadcast-format room. */
export const WEBCAST_KIND: RoomKind = 'large_class';
export const LISTED_KINDS: readonly RoomKind[] = kindsOfFormat('broadcast');

/** Webcast settings kept in the room's properties (what no other dialect reads). */
export interface WebcastProperties {
  loginRequired: boolean;
  opened: boolean;
  plan: string | null;
  speakerInfo: string | null;
  switchClient: boolean;
  skin: string;
  realtime: boolean;
  telconf: string;
  /** Secret part of the organizer's join link. */
  organizerKey: string;
  warmUpId: string | null;
}

/** A webcast's settings: its own properties and the core room's audio setting. */
export interface WebcastSettings extends WebcastProperties {
  aac: boolean;
}

/** Gensee Webcast's names for the room's role tokens: organizer = host, panelist = assistant, attendee = student. */
export function webcastTokens(tokens: RoleTokens) {
  return { organizerToken: tokens.host, panelistToken: tokens.assistant, attendeeToken: tokens.student ?? '' };
}

export function webcastSettings(room: RoomRow): WebcastSettings {
  const p = roomProperties(room) as Partial<Record<keyof WebcastProperties, unknown>>;
  const str = (v: unknown, d: string) => (typeof v === 'string' ? v : d);
  const strOrNull = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    loginRequired: p.loginRequired === true,
    opened: p.opened === true,
    plan: strOrNull(p.plan),
    speakerInfo: strOrNull(p.speakerInfo),
    switchClient: p.switchClient === true,
    skin: str(p.skin, 'default'),
    realtime: p.realtime === true,
    aac: room.audio_aac === 1,
    telconf: str(p.telconf, '0'),
    organizerKey: str(p.organizerKey, room.public_id),
    warmUpId: strOrNull(p.warmUpId),
  };
}

export function newOrganizerKey(): string {
  return randomUUID();
}

export function settingsToProperties(s: Partial<WebcastProperties>): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(s)) if (v !== undefined) out[k] = v;
  return out;
}

/** The three join links (attendee, panelist, organizer), in the URL shapes Gensee hands out. */
export function joinUrls(ctx: WebcastContext, room: RoomRow) {
  const origin = ctx.config.publicUrl ?? ctx.req.origin;
  const s = webcastSettings(room);
  return {
    attendeeJoinUrl: `${origin}/webcast/site/entry/join-${room.public_id}`,
    panelistJoinUrl: `${origin}/webcast/site/entry/live-${room.public_id}`,
    organizerJoinUrl: `${origin}/webcast/site/live/organizer-${room.number}-${s.organizerKey}`,
  };
}

/** The caller's webcast by id: admins reach every webcast of the site, organizers only their own (§2). */
export function ownedWebcast(ctx: WebcastContext, webcastId: string): Promise<RoomRow> {
  return ownedRoom(ctx, webcastId, 'webcast');
}
