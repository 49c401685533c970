/**
 * The live room's WebSocket protocol: every message both ways, and the one parser of what clients
 * send. docs/realtime-protocol.md describes the same messages for client authors.
 */
import { PASS_ROLES, type PassRole } from '../core/pass-roles.js';
import type { ParticipantRole } from '../core/participants.js';
import type { RoomEvent } from '../core/events.js';

/** Largest client frame accepted (bytes); bigger ones get a `too_large` error. */
export const MAX_FRAME_BYTES = 8 * 1024;
export const MAX_TEXT = 2000;
/** Longest display name the entry routes accept. */
export const MAX_NAME = 64;

export type ErrorCode =
  | 'bad_ticket' | 'room_full' | 'room_closed' | 'not_found' | 'removed' | 'replaced' | 'too_early' | 'refused' // refusals at connect (then the socket closes)
  | 'malformed' | 'unknown_type' | 'invalid' | 'too_large' | 'rate_limited' // a bad frame (the socket stays open)
  | 'forbidden' | 'muted' | 'conflict' | 'internal';

/**
 * Roles in a live room: the three pass roles, and `observer` — an operator watching from the admin
 * page. An observer receives every event of the room (private chat included), is never a participant
 * (no participation record, so no attendance figure or export lists them, and nobody sees them in
 * `present`) and may send no command. Only the operator page hands out observer tickets.
 */
export const LIVE_ROLES = [...PASS_ROLES, 'observer'] as const;
export type LiveRole = (typeof LIVE_ROLES)[number];

export interface PresentPerson {
  participantId: number;
  name: string;
  role: ParticipantRole;
}

// ---- server → client ------------------------------------------------------------------------

export interface WelcomeMessage {
  type: 'welcome';
  /** null for an observer, who is not a participant. */
  participantId: number | null;
  role: LiveRole;
  name: string;
  /** A fresh ticket for reconnecting (`/live/ws?ticket=…&resume=<last seq seen>`). */
  ticket: string;
  /** The host has muted this person's chat (kept across reconnects until unmuted). */
  muted: boolean;
  room: {
    id: string;
    title: string;
    /**
     * Who is here: hosts, assistants and speakers always, then at most 200 of the audience
     * (students, attendees) in the order they came. `presentTruncated` says someone is left out;
     * `presence.list` pages through everyone.
     */
    present: PresentPerson[];
    presentTruncated: boolean;
    /** Everyone present, however many `present` lists. */
    total: number;
    counts: Record<string, number>;
    classStarted: boolean;
    /** The open live session's id (the CC `liveid`), null before class starts. */
    sessionId: string | null;
    announcement: { content: string; link: string | null } | null;
    /** The room state above includes every event up to this sequence number (maybe a few later ones). */
    lastSeq: number;
  };
}

/** A room event, as stored in the outbox: `seq` numbers the room's events from 1 without gaps. */
export interface EventMessage {
  type: 'event';
  seq: number;
  event: { type: RoomEvent['type']; at: number; data: RoomEvent['data'] };
}

/** The answer to a client message that carried an `id`: what it created, if anything. */
export interface AckMessage {
  type: 'ack';
  id: string | number;
  result: Record<string, number | string | boolean>;
}

export interface ErrorMessage {
  type: 'error';
  code: ErrorCode;
  message: string;
  /** The `id` of the client message this answers, when it had one. */
  id?: string | number;
}

/**
 * A large room's joins and leaves since the last delta, sent once per tick (every 250 ms; every
 * second from 2,000 present on) instead of one `participant.joined`/`participant.left` event each.
 * `joined` lists staff always and at most 20 of the audience (`truncated`: more came); `counts` and `total` are the room's after
 * these changes. `seq` is the last presence event folded in: informational, not a resume point
 * (events with a higher number may have arrived before this frame).
 */
export interface PresenceDeltaMessage {
  type: 'presence.delta';
  seq: number;
  joined: PresentPerson[];
  left: number[];
  truncated: boolean;
  counts: Record<string, number>;
  total: number;
}

/** One page of `presence.list`: people present in participant id order; `next` is the `after` of the next page (null: the last). */
export interface PresencePageMessage {
  type: 'presence.page';
  id?: string | number;
  people: PresentPerson[];
  next: number | null;
  total: number;
}

export type ServerMessage = WelcomeMessage | EventMessage | AckMessage | ErrorMessage | PresenceDeltaMessage | PresencePageMessage;

// ---- client → server ------------------------------------------------------------------------

export interface PollQuestionInput {
  type: 'single' | 'multi' | 'text' | 'judge';
  content: string;
  options: Array<{ value: string; correct?: boolean }>;
}

export type ClientCommand =
  | { type: 'chat'; content: string; to?: number }
  | { type: 'ask'; content: string }
  | { type: 'answer'; questionId: number; content: string; publish?: boolean }
  | { type: 'class.start' }
  | { type: 'class.end' }
  | { type: 'announce'; content: string; link?: string }
  | { type: 'poll.publish'; title: string; kind?: 'vote' | 'quiz'; questions: PollQuestionInput[] }
  | { type: 'poll.answer'; pollId: number; answers: Record<string, number[] | string> }
  | { type: 'poll.close'; pollId: number }
  | { type: 'rollcall.start' }
  | { type: 'rollcall.answer'; rollcallId: number }
  | { type: 'rollcall.end'; rollcallId: number }
  | { type: 'hand.raise' }
  | { type: 'reward'; to: number; kind?: string; amount?: number }
  | { type: 'lottery.draw'; prize: string; winners: number }
  | { type: 'document.show'; page: number; title?: string }
  | { type: 'mute'; participantId: number; muted?: boolean }
  | { type: 'remove'; participantId: number };

/** Questions about the room, answered from memory by the connection's process (no command, no event). */
export type ClientQuery = { type: 'presence.list'; after?: number; limit?: number };

/** Most people one `presence.list` page holds (and its default). */
export const MAX_PRESENCE_PAGE = 500;
export const DEFAULT_PRESENCE_PAGE = 200;

export type ClientMessage = (ClientCommand | ClientQuery) & { id?: string | number };
export type CommandType = ClientCommand['type'];

/** Who may send what: anything not listed for a role is refused with `forbidden` (an observer sends nothing). */
export const ALLOWED: Record<CommandType, readonly PassRole[]> = {
  'chat': ['host', 'assistant', 'student'],
  'ask': ['host', 'assistant', 'student'],
  'answer': ['host', 'assistant'],
  'class.start': ['host'],
  'class.end': ['host'],
  'announce': ['host', 'assistant'],
  'poll.publish': ['host', 'assistant'],
  'poll.answer': ['host', 'assistant', 'student'],
  'poll.close': ['host', 'assistant'],
  'rollcall.start': ['host', 'assistant'],
  'rollcall.answer': ['student', 'assistant', 'host'],
  'rollcall.end': ['host', 'assistant'],
  'hand.raise': ['student'],
  'reward': ['host', 'assistant'],
  'lottery.draw': ['host', 'assistant'],
  'document.show': ['host', 'assistant'],
  'mute': ['host'],
  'remove': ['host'],
};

export type ParseResult = { ok: true; message: ClientMessage } | { ok: false; code: ErrorCode; message: string; id?: string | number };

class Invalid extends Error {}

const text = (o: Record<string, unknown>, field: string, required = true): string | undefined => {
  const v = o[field];
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || !v.trim()) throw new Invalid(`"${field}" must be a non-empty string`);
  if (v.length > MAX_TEXT) throw new Invalid(`"${field}" is longer than ${MAX_TEXT} characters`);
  return v;
};
const int = (o: Record<string, unknown>, field: string, required = true): number | undefined => {
  const v = o[field];
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new Invalid(`"${field}" must be a non-negative integer`);
  return v;
};
const bool = (o: Record<string, unknown>, field: string): boolean | undefined => {
  const v = o[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') throw new Invalid(`"${field}" must be true or false`);
  return v;
};

function pollQuestions(v: unknown): PollQuestionInput[] {
  if (!Array.isArray(v) || v.length === 0 || v.length > 50) throw new Invalid('"questions" must be a list of 1…50 questions');
  return v.map((q: unknown, i) => {
    if (!q || typeof q !== 'object') throw new Invalid(`questions[${i}] must be an object`);
    const o = q as Record<string, unknown>;
    const type = o.type ?? 'single';
    if (type !== 'single' && type !== 'multi' && type !== 'text' && type !== 'judge') throw new Invalid(`questions[${i}].type must be single, multi, text or judge`);
    const content = text(o, 'content')!;
    const options = o.options ?? [];
    if (!Array.isArray(options) || options.length > 26) throw new Invalid(`questions[${i}].options must be a list of at most 26 options`);
    if (type !== 'text' && options.length < 2) throw new Invalid(`questions[${i}] needs at least two options`);
    return {
      type, content,
      options: options.map((opt: unknown, j) => {
        if (!opt || typeof opt !== 'object') throw new Invalid(`questions[${i}].options[${j}] must be an object`);
        const oo = opt as Record<string, unknown>;
        return { value: text(oo, 'value')!, correct: bool(oo, 'correct') };
      }),
    };
  });
}

function pollAnswers(v: unknown): Record<string, number[] | string> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Invalid('"answers" must be an object: question id → option ids or text');
  const out: Record<string, number[] | string> = {};
  for (const [k, a] of Object.entries(v as Record<string, unknown>)) {
    if (!/^\d+$/.test(k)) throw new Invalid('"answers" keys must be question ids');
    if (typeof a === 'string' && a.length <= MAX_TEXT) out[k] = a;
    else if (Array.isArray(a) && a.length <= 26 && a.every((x) => Number.isSafeInteger(x))) out[k] = a as number[];
    else throw new Invalid(`answers["${k}"] must be a list of option ids or a text`);
  }
  return out;
}

function command(type: string, o: Record<string, unknown>): ClientCommand | ClientQuery | undefined {
  switch (type) {
    case 'presence.list': {
      const limit = int(o, 'limit', false);
      if (limit !== undefined && (limit < 1 || limit > MAX_PRESENCE_PAGE)) throw new Invalid(`"limit" must be 1…${MAX_PRESENCE_PAGE}`);
      return { type, after: int(o, 'after', false), limit };
    }
    case 'chat': return { type, content: text(o, 'content')!, to: int(o, 'to', false) };
    case 'ask': return { type, content: text(o, 'content')! };
    case 'answer': return { type, questionId: int(o, 'questionId')!, content: text(o, 'content')!, publish: bool(o, 'publish') };
    case 'class.start': case 'class.end': case 'rollcall.start': case 'hand.raise': return { type };
    case 'announce': return { type, content: text(o, 'content')!, link: text(o, 'link', false) };
    case 'poll.publish': {
      const kind = o.kind ?? 'vote';
      if (kind !== 'vote' && kind !== 'quiz') throw new Invalid('"kind" must be vote or quiz');
      return { type, title: text(o, 'title')!, kind, questions: pollQuestions(o.questions) };
    }
    case 'poll.answer': return { type, pollId: int(o, 'pollId')!, answers: pollAnswers(o.answers) };
    case 'poll.close': return { type, pollId: int(o, 'pollId')! };
    case 'rollcall.answer': case 'rollcall.end': return { type, rollcallId: int(o, 'rollcallId')! };
    case 'reward': {
      const kind = text(o, 'kind', false) ?? 'praise';
      return { type, to: int(o, 'to')!, kind, amount: int(o, 'amount', false) };
    }
    case 'lottery.draw': {
      const winners = int(o, 'winners')!;
      if (winners < 1 || winners > 100) throw new Invalid('"winners" must be 1…100');
      return { type, prize: text(o, 'prize')!, winners };
    }
    case 'document.show': {
      const page = int(o, 'page')!;
      if (page < 1) throw new Invalid('"page" must be 1 or more');
      return { type, page, title: text(o, 'title', false) };
    }
    case 'mute': return { type, participantId: int(o, 'participantId')!, muted: bool(o, 'muted') };
    case 'remove': return { type, participantId: int(o, 'participantId')! };
    default: return undefined;
  }
}

/** Parses one client frame; never throws. */
export function parseClientFrame(raw: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, code: 'malformed', message: 'a frame must be one JSON object' };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, code: 'malformed', message: 'a frame must be one JSON object' };
  const o = value as Record<string, unknown>;
  const id = (typeof o.id === 'string' && o.id.length <= 64) || (typeof o.id === 'number' && Number.isFinite(o.id)) ? o.id as string | number : undefined;
  if (typeof o.type !== 'string') return { ok: false, code: 'malformed', message: 'a frame needs a "type"', id };
  try {
    const cmd = command(o.type, o);
    if (!cmd) return { ok: false, code: 'unknown_type', message: `unknown message type "${o.type.slice(0, 40)}"`, id };
    return { ok: true, message: id === undefined ? cmd : { ...cmd, id } };
  } catch (err) {
    if (err instanceof Invalid) return { ok: false, code: 'invalid', message: `${o.type}: ${err.message}`, id };
    throw err;
  }
}
