import type { ParticipantRole } from './participants.js';

/** A poll question as everyone in the room sees it. */
export interface PublishedPollQuestion {
  id: number;
  type: string;
  content: string;
  options: Array<{ id: number; value: string }>;
}

/** What each kind of classroom event says, by type. Ids are the rows the event announces. */
export interface ClassroomEventData {
  'session.started': { sessionPublicId: string };
  'session.ended': { sessionPublicId: string };
  'participant.joined': { participantId: number; name: string; role: ParticipantRole };
  'participant.left': { participantId: number };
  /** A host muted (or unmuted) someone's chat in the live room. */
  'participant.muted': { participantId: number; muted: boolean };
  /** A host removed someone from the live room: their interval ends with this event. */
  'participant.removed': { participantId: number };
  /**
   * A later single-session entry (a per-user code) took this person's place: every process closes
   * the person's connections of other entries. Not sent to clients (the pushed-out one is told).
   */
  'participant.replaced': { participantId: number; entry: string };
  'chat.sent': { id: number; from: number; fromName: string; to: number | null; content: string };
  'question.asked': { id: number; content: string; askerId: number; askerName: string };
  /** `answer` only when the answer is published (an unpublished one is the asker's business). */
  'question.answered': { id: number; published: boolean; answer: string | null; answererName: string };
  /** `questions` as published, without which options are correct (students receive this event too). */
  'poll.published': { id: number; kind: string; title: string; questions: PublishedPollQuestion[] };
  /** `answers` (question id → option ids or text) reach hosts and assistants only: the live gateway strips them for students. */
  'poll.answered': { id: number; participantId: number; answers?: Record<string, number[] | string> };
  'poll.closed': { id: number };
  'rollcall.started': { id: number };
  'rollcall.answered': { id: number; participantId: number };
  'rollcall.ended': { id: number };
  /** `to` is the receiver's participant id (null: the room as a whole). */
  'reward.given': { id: number; kind: string; to: number | null; toName: string | null; amount: number };
  'hand.raised': { id: number; participantId: number };
  'hand.updated': { id: number };
  'announcement.set': { id: number; content: string; link: string | null };
  'client.reported': { participantId: number };
  'vod.viewed': { id: number; vodId: number };
  'lottery.drawn': { id: number; prize: string; winners: number; winnerNames: string[] };
  /** A host showed everyone a page of the class's document (the live room's document view follows it). */
  'document.shown': { page: number; title: string | null };
  'attention.checked': { id: number; results: number };
  'expression.captured': { id: number; participantId: number; expression: string };
  'evaluation.submitted': { templateId: number; participantId: number };
}

export type ClassroomEventType = keyof ClassroomEventData;

/** Every type, for checking values read back from the outbox or from another process. */
const EVENT_TYPES: Record<ClassroomEventType, true> = {
  'session.started': true, 'session.ended': true, 'participant.joined': true, 'participant.left': true,
  'participant.muted': true, 'participant.removed': true, 'participant.replaced': true,
  'chat.sent': true, 'question.asked': true, 'question.answered': true,
  'poll.published': true, 'poll.answered': true, 'poll.closed': true,
  'rollcall.started': true, 'rollcall.answered': true, 'rollcall.ended': true,
  'reward.given': true, 'hand.raised': true, 'hand.updated': true,
  'announcement.set': true, 'client.reported': true, 'vod.viewed': true,
  'lottery.drawn': true, 'document.shown': true, 'attention.checked': true, 'expression.captured': true, 'evaluation.submitted': true,
};

export function isClassroomEventType(value: unknown): value is ClassroomEventType {
  return typeof value === 'string' && Object.hasOwn(EVENT_TYPES, value);
}

interface EventEnvelope<T extends ClassroomEventType> {
  /** The event's outbox row (`room_events.id`). */
  id: number;
  type: T;
  tenantId: string;
  sessionId: number | null;
  /** When it happened (epoch ms); the demo and imports record the past, so this is not commit order. */
  at: number;
  data: ClassroomEventData[T];
}

/** In its room's sequence: `seq` numbers the room's events from 1 in commit order, without gaps. */
interface InRoom {
  roomId: number;
  seq: number;
}

/** Outside every room (a view of an uploaded VOD): stored and announced in this process, in no sequence. */
interface OutsideRooms {
  roomId: null;
  seq: null;
}

/** Types that can happen outside a room; every other type always belongs to one. */
type MayBeOutsideRooms = 'vod.viewed';

/** A fact about a classroom, announced once the transaction that stored it has committed. */
export type ClassroomEvent = {
  [T in ClassroomEventType]: EventEnvelope<T> & (T extends MayBeOutsideRooms ? InRoom | OutsideRooms : InRoom);
}[ClassroomEventType];

/** An event in a room's sequence: what rooms' subscribers and other processes receive. */
export type RoomEvent = Extract<ClassroomEvent, InRoom>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event recorded in a transaction, before the outbox gives it its id and sequence number. */
export type PendingEvent = DistributiveOmit<ClassroomEvent, 'id' | 'seq'>;

/** Which room's events: the tenant is part of the address so that databases sharing a Redis never mix. */
export interface RoomRef {
  tenantId: string;
  roomId: number;
}

/**
 * Checks the envelope of a value that claims to be a room event (from another process). The data
 * is not checked field by field: only Lectern processes of one deployment write it.
 */
export function isRoomEvent(value: unknown): value is RoomEvent {
  if (!value || typeof value !== 'object') return false;
  const e = value as Record<string, unknown>;
  return isClassroomEventType(e.type) && typeof e.tenantId === 'string' && Number.isSafeInteger(e.roomId) && Number.isSafeInteger(e.seq)
    && Number.isSafeInteger(e.id) && (e.sessionId === null || Number.isSafeInteger(e.sessionId)) && typeof e.at === 'number'
    && typeof e.data === 'object' && e.data !== null;
}
