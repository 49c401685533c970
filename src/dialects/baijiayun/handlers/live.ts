import type { ParticipantRole } from '../../../core/ingestion.js';
import type { ParticipantIdentity } from '../../../core/participants.js';
import type { RoomRow } from '../../../storage/schema.js';
import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { ParamProblem } from '../../framework/params.js';
import { SlidingWindowLimit } from '../../framework/rate-limit.js';
import type { BaijiayunContext } from '../context.js';
import { baijiayunError } from '../errors.js';
import { ROOM_ID, roomById } from './room-ref.js';

/** Lectern's bound on announcement and chat text (the vendor documents none). */
const TEXT_MAX = 2000;

export const ROOM_INPUT = In.object({ room_id: ROOM_ID });

/** 15 `/openapi/live/getLiveStatus`: 1 while a class (live session) is open, else 0. */
export async function liveStatus(ctx: WithInput<BaijiayunContext, typeof ROOM_INPUT>) {
  const room = await roomById(ctx, ctx.input.room_id);
  const presence = await ctx.services.presence.ofRoom(room.id);
  return { status: presence.inClass ? 1 : 0 };
}

/** 16 `/openapi/live/getTeacherOnlineStatus`: 1 while someone is in the room as teacher (host), class started or not. */
export async function teacherOnlineStatus(ctx: WithInput<BaijiayunContext, typeof ROOM_INPUT>) {
  const room = await roomById(ctx, ctx.input.room_id);
  const presence = await ctx.services.presence.ofRoom(room.id);
  return { status: presence.roles.has('host') ? 1 : 0 };
}

/**
 * 17 `/openapi/live/getUserCount`: `user_count` is everyone in the room now; `display_user_count`
 * is what the room shows, which leaves out people present invisibly (§5 decision in the compat note).
 */
export async function userCount(ctx: WithInput<BaijiayunContext, typeof ROOM_INPUT>) {
  const room = await roomById(ctx, ctx.input.room_id);
  const presence = await ctx.services.presence.ofRoom(room.id);
  return { user_count: presence.present, display_user_count: presence.shown };
}

export const NOTIFY_INPUT = In.object({
  room_id: ROOM_ID,
  content: In.string({ max: TEXT_MAX, description: 'The announcement' }),
});

/** 19 `/openapi/live/setNotify`: the room's announcement, recorded and announced to the live room. */
export async function setNotify(ctx: WithInput<BaijiayunContext, typeof NOTIFY_INPUT>) {
  const room = await roomById(ctx, ctx.input.room_id);
  await ctx.services.ingestion.announce({ room, content: ctx.input.content });
  return null;
}

// --- 35 sendChatMessage ---------------------------------------------------------------------------

/** Catalog §1.7: at most 600 requests a minute per account, 10 messages a request. */
const CHAT_REQUESTS_PER_MINUTE = 600;
const CHAT_MESSAGES_PER_REQUEST = 10;
const chatLimit = new SlidingWindowLimit(CHAT_REQUESTS_PER_MINUTE, 60_000);

export const CHAT_INPUT = In.object({
  message_list: In.json({ description: `JSON array of at most ${CHAT_MESSAGES_PER_REQUEST} messages: {message_type, content, to, from: {id, number, type, name, avatar, …}, class_id, time}` }),
});

const ROLES: Record<number, ParticipantRole> = { 0: 'student', 1: 'host', 2: 'assistant' };

interface ChatToSend {
  roomId: string;
  content: string;
  sender: ParticipantIdentity;
  role: ParticipantRole;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** A whole number sent as a JSON number or as digits in a string; undefined when absent or blank. */
function wholeNumber(v: unknown, name: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < 0) throw new ParamProblem('message_list', 'malformed', `${name} must be a whole number`);
  return n;
}

function textOf(v: unknown, name: string, required: boolean): string | undefined {
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
    if (required) throw new ParamProblem('message_list', 'missing', `${name} is required`);
    return undefined;
  }
  if (typeof v !== 'string' && typeof v !== 'number') throw new ParamProblem('message_list', 'malformed', `${name} must be text`);
  return String(v);
}

/** One message of `message_list`, checked; `at` names it in errors (`message_list[2]`). */
function messageOf(m: unknown, at: string): ChatToSend {
  if (!isObj(m)) throw new ParamProblem('message_list', 'malformed', `${at} must be an object`);
  const type = textOf(m.message_type, `${at}.message_type`, false);
  if (type !== undefined && type !== 'message_send') throw new ParamProblem('message_list', 'out_of_range', `${at}.message_type must be "message_send"`);
  const to = textOf(m.to, `${at}.to`, false);
  if (to !== undefined && to !== '-1') throw new ParamProblem('message_list', 'out_of_range', `${at}.to must be "-1" (everyone in the room)`);
  const content = textOf(m.content, `${at}.content`, true)!;
  if ([...content].length > TEXT_MAX) throw new ParamProblem('message_list', 'too_long', `${at}.content must be at most ${TEXT_MAX} characters`);
  const classId = wholeNumber(m.class_id, `${at}.class_id`);
  if (classId === undefined) throw new ParamProblem('message_list', 'missing', `${at}.class_id (the room id) is required`);
  if (!isObj(m.from)) throw new ParamProblem('message_list', 'missing', `${at}.from (the sender) is required`);
  const from = m.from;
  const name = textOf(from.name, `${at}.from.name`, true)!;
  const number = wholeNumber(from.number, `${at}.from.number`) ?? wholeNumber(from.id, `${at}.from.id`);
  if (number === undefined) throw new ParamProblem('message_list', 'missing', `${at}.from.number (the sender's user number) is required`);
  // Clients that drop falsy values leave out type 0 (student): absent means student.
  const type0 = wholeNumber(from.type, `${at}.from.type`) ?? 0;
  const role = ROLES[type0];
  if (!role) throw new ParamProblem('message_list', 'out_of_range', `${at}.from.type must be 0 (student), 1 (teacher) or 2 (assistant)`);
  const avatar = textOf(from.avatar, `${at}.from.avatar`, false) ?? null;
  return { roomId: String(classId), content, role, sender: { key: `number:${number}`, name, userNumber: number, avatar } };
}

/**
 * 35 `/openapi/live/sendChatMessage`: messages into live rooms (each names its room as `class_id`),
 * through the ingestion service, so they are in the chat exports and reach the room. Every message
 * is checked before any is stored, and they are stored together or not at all.
 */
export async function sendChatMessage(ctx: WithInput<BaijiayunContext, typeof CHAT_INPUT>) {
  if (!chatLimit.take(ctx.tenant.id)) throw baijiayunError('GENERIC', `sendChatMessage takes at most ${CHAT_REQUESTS_PER_MINUTE} requests a minute; try again shortly`);
  const list = ctx.input.message_list;
  if (!Array.isArray(list)) throw new ParamProblem('message_list', 'malformed', 'message_list must be a JSON array of messages');
  if (list.length === 0) throw new ParamProblem('message_list', 'missing', 'message_list holds no message');
  if (list.length > CHAT_MESSAGES_PER_REQUEST) throw new ParamProblem('message_list', 'out_of_range', `message_list holds at most ${CHAT_MESSAGES_PER_REQUEST} messages, got ${list.length}`);
  const messages = list.map((m, i) => messageOf(m, `message_list[${i}]`));
  const rooms = new Map<string, RoomRow>();
  for (const m of messages) if (!rooms.has(m.roomId)) rooms.set(m.roomId, await roomById(ctx, m.roomId));
  await ctx.services.transaction(async (tx) => {
    for (const m of messages) await tx.ingestion.chat({ room: rooms.get(m.roomId)!, sender: m.sender, senderRole: m.role, content: m.content });
  });
  return null;
}

// --- 44, 45 cloud recording -----------------------------------------------------------------------

/** 44 `/openapi/live/stopCloudRecord`: what the class in progress recorded so far becomes its recording. */
export async function stopCloudRecord(ctx: WithInput<BaijiayunContext, typeof ROOM_INPUT>) {
  const room = await roomById(ctx, ctx.input.room_id);
  await ctx.services.cloudRecording.stop(room);
  return null;
}

/**
 * 45 `/openapi/live/transCloudRecord`: playbacks of the room's finished recordings. They are made
 * at once and stay "processing" (Lectern produces no media yet); the vendor reports completion by
 * its playback callback, which Lectern does not send until it has media.
 */
export async function transCloudRecord(ctx: WithInput<BaijiayunContext, typeof ROOM_INPUT>) {
  const room = await roomById(ctx, ctx.input.room_id);
  await ctx.services.cloudRecording.toPlayback(room);
  return null;
}
