import { randomDigits } from '../../core/ids.js';
import { roomProperties } from '../../core/rooms.js';
import type { JsonObject } from '../../core/json.js';
import type { RoleCodes, RoleTokens } from '../../core/passes.js';
import type { RoomKind } from '../../core/room-kind.js';
import type { RoomRow } from '../../storage/schema.js';
import { In } from '../framework/input.js';
import { ownedRoom } from '../shared/gensee-ownership.js';
import type { TrainingContext } from './context.js';
import { trainingError } from './errors.js';
import { joinUrl } from './join-links.js';

/** Kinds Training creates: 5.1 (by `scene`), 5.44 and 5.55. Training's listings (5.54) show these. */
export const STANDARD_KIND: RoomKind = 'interactive_class';
export const SMALL_CLASS_KIND: RoomKind = 'small_class';
export const DUAL_TEACHER_KIND: RoomKind = 'dual_teacher';
export const MINI_KIND: RoomKind = 'mini_class';
export const TRAINING_KINDS: readonly RoomKind[] = [STANDARD_KIND, SMALL_CLASS_KIND, DUAL_TEACHER_KIND, MINI_KIND];

/** The input of endpoints that name one room. */
export const ROOM_ID_INPUT = In.object({ roomId: In.string() });

/** 263 telephone-conference parameters of a room (5.30). */
export interface TelephoneConference {
  siteName: string;
  sitePassword: string;
  callinSupport: boolean;
  callinNum: string | null;
  hostPasscode: string | null;
  guestPasscode: string | null;
}

/** Player settings of 5.1/5.2: written, never read back through the API (T-49), kept for the live runtime. */
export interface TrainingUi {
  mode?: number;
  color?: string;
  window?: boolean;
  video?: boolean;
  mobileMode?: number;
  theme?: string;
  fullScreenMode?: number;
  upgrade?: boolean;
}

/** Training settings kept in the room's properties (what no other dialect reads). */
export interface TrainingProperties {
  /** The desktop-client student password (the core student token is the web one), where a room has both. */
  studentClientToken: string | null;
  webJoin: boolean;
  clientJoin: boolean;
  /** 自动上坐席: students are put on stage as they join. */
  action: boolean;
  speakerInfo: string | null;
  scheduleInfo: string | null;
  realtime: boolean;
  /** The class length in minutes when it was given (else derived from the schedule). */
  duration: number | null;
  ui: TrainingUi;
  telephoneConference: TelephoneConference | null;
}

const TEL = 'telephoneConference';

export function trainingProperties(room: RoomRow): TrainingProperties {
  const p = roomProperties(room) as Partial<Record<keyof TrainingProperties, unknown>>;
  const strOrNull = (v: unknown) => (typeof v === 'string' ? v : null);
  const tel = p[TEL];
  return {
    studentClientToken: strOrNull(p.studentClientToken),
    webJoin: p.webJoin !== false,
    clientJoin: p.clientJoin !== false,
    action: p.action === true,
    speakerInfo: strOrNull(p.speakerInfo),
    scheduleInfo: strOrNull(p.scheduleInfo),
    realtime: p.realtime === true,
    duration: typeof p.duration === 'number' ? p.duration : null,
    ui: p.ui && typeof p.ui === 'object' && !Array.isArray(p.ui) ? (p.ui as TrainingUi) : {},
    telephoneConference: tel && typeof tel === 'object' && !Array.isArray(tel) ? (tel as unknown as TelephoneConference) : null,
  };
}

/** The properties to merge: undefined is left as stored, null removes the key. */
export function propertiesPatch(s: { [K in keyof TrainingProperties]?: TrainingProperties[K] | null }): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(s)) if (v !== undefined) out[k] = v as JsonObject[string];
  return out;
}

/** The class length 5.4 and 5.54 show: as given, else the schedule's span; 0 when open-ended. */
export function durationOf(room: RoomRow, props: TrainingProperties): number {
  if (props.duration !== null) return props.duration;
  return room.scheduled_start !== null && room.scheduled_end !== null ? Math.round((room.scheduled_end - room.scheduled_start) / 60_000) : 0;
}

/**
 * The web and desktop-client student passwords. The web one is the room's student token, as every
 * dialect reads it. The client one is a Training property where set; mini and dual-teacher rooms,
 * whose students all join by client, have only the student token, which is then the client one too.
 */
export function studentTokensOf(room: RoomRow, props: TrainingProperties, tokens: RoleTokens): { web: string; client: string } {
  const clientOnly = room.kind === MINI_KIND || room.kind === DUAL_TEACHER_KIND;
  return { web: tokens.student ?? '', client: props.studentClientToken ?? (clientOnly ? tokens.student ?? '' : '') };
}

/** Join links, one per role, from a room's role codes (issued with every room). */
export function linksOf(ctx: TrainingContext, codes: RoleCodes) {
  return { teacher: joinUrl(ctx, codes.host), assistant: joinUrl(ctx, codes.assistant), student: joinUrl(ctx, codes.student) };
}

/** The room's join links, one per role. */
export async function roleLinks(ctx: TrainingContext, room: RoomRow) {
  return linksOf(ctx, await ctx.services.passes.roleCodes(room));
}

/** Tokens a request sets must differ from each other and from the room's other tokens (5.1 补充说明): 502. */
export function checkDistinctTokens(tokens: Record<string, string | null | undefined>): void {
  const seen = new Map<string, string>();
  for (const [name, value] of Object.entries(tokens)) {
    if (!value) continue;
    const other = seen.get(value);
    if (other) throw trainingError('DUPLICATE', `${name} must differ from ${other}`);
    seen.set(value, name);
  }
}

/**
 * "Same subject conflicts" (5.1 补充说明, T-12): no two rooms of the site that Training lists may
 * share a subject (deleted rooms do not count); 502.
 */
export async function checkSubjectFree(ctx: TrainingContext, subject: string, except?: RoomRow): Promise<void> {
  let q = ctx.services.db.selectFrom('rooms').select('id').where('tenant_id', '=', ctx.tenant.id).where('title', '=', subject)
    .where('deleted_at', 'is', null).where('kind', 'in', [...TRAINING_KINDS]);
  if (except) q = q.where('id', '!=', except.id);
  if (await q.executeTakeFirst()) throw trainingError('DUPLICATE', `a room with subject "${subject}" exists already`);
}

/** The caller's room by id (any kind: every room of the site is a Training room too). */
export const ownedTrainingRoom = (ctx: TrainingContext, id: string) => ownedRoom(ctx, id, 'room');

/** The caller's room of one kind; others answer 501 like unknown ids. */
export async function ownedRoomOfKind(ctx: TrainingContext, id: string, kind: RoomKind, noun: string): Promise<RoomRow> {
  const room = await ownedRoom(ctx, id, noun);
  if (room.kind !== kind) throw trainingError('NOT_FOUND', `${noun} "${id}" does not exist`);
  return room;
}

/** A generated password: six digits, unlike the ones in `taken` (as the core generates them). */
export function freshToken(taken: Set<string>): string {
  let t: string;
  do t = randomDigits(6); while (taken.has(t));
  taken.add(t);
  return t;
}
