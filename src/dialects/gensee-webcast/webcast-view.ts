import { randomUUID } from 'node:crypto';
import type { RoomRow } from '../../storage/schema.js';
import { roomProperties } from '../../core/rooms.js';
import type { JsonObject } from '../../core/json.js';
import type { WebcastContext } from './context.js';
import { ownedRoom } from '../shared/gensee-ownership.js';

/** Webcast settings kept in the room's properties (everything Gensee has that the core room does not). */
export interface WebcastSettings {
  loginRequired: boolean;
  opened: boolean;
  plan: string | null;
  speakerInfo: string | null;
  switchClient: boolean;
  skin: string;
  organizerToken: string;
  panelistToken: string;
  attendeeToken: string;
  realtime: boolean;
  aac: boolean;
  telconf: string;
  /** Secret part of the organizer's join link. */
  organizerKey: string;
  warmUpId: string | null;
}

export function webcastSettings(room: RoomRow): WebcastSettings {
  const p = roomProperties(room) as Partial<Record<keyof WebcastSettings, unknown>>;
  const str = (v: unknown, d: string) => (typeof v === 'string' ? v : d);
  const strOrNull = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    loginRequired: p.loginRequired === true,
    opened: p.opened === true,
    plan: strOrNull(p.plan),
    speakerInfo: strOrNull(p.speakerInfo),
    switchClient: p.switchClient === true,
    skin: str(p.skin, 'default'),
    organizerToken: str(p.organizerToken, ''),
    panelistToken: str(p.panelistToken, ''),
    attendeeToken: str(p.attendeeToken, ''),
    realtime: p.realtime === true,
    aac: p.aac === true,
    telconf: str(p.telconf, '0'),
    organizerKey: str(p.organizerKey, room.public_id),
    warmUpId: strOrNull(p.warmUpId),
  };
}

export function newOrganizerKey(): string {
  return randomUUID();
}

export function settingsToProperties(s: Partial<WebcastSettings>): JsonObject {
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
