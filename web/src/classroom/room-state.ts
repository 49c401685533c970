import type { ClassroomEventData, EventMessage, PresenceDeltaMessage, PresentPerson, PublishedPollQuestion, WelcomeMessage } from './protocol';

export type Role = WelcomeMessage['role'];

export interface ChatLine { id: number; from: number; fromName: string; to: number | null; content: string; at: number }
export interface Question { id: number; content: string; askerId: number; askerName: string; answered: boolean; published: boolean; answer: string | null; answererName: string | null }
export interface Poll {
  id: number; kind: string; title: string; questions: PublishedPollQuestion[]; closed: boolean;
  /** Who answered (participant ids), in order. */
  answeredBy: number[];
  /** Hosts and assistants: each person's latest answers (question id → option ids or text). */
  answers: Record<number, Record<string, number[] | string>>;
}
export interface Rollcall { id: number; open: boolean; checkedIn: number[] }
export interface Hand { id: number; participantId: number; at: number }
export type Activity =
  | { kind: 'reward'; id: number; rewardKind: string; to: string | null; amount: number; toId: number | null }
  | { kind: 'lottery'; id: number; prize: string; names: string[] }
  | { kind: 'hand'; id: number; name: string }
  | { kind: 'class'; id: number; started: boolean };

/** Everything the classroom shows, folded from the `welcome` and the room's events in `seq` order. */
export interface RoomState {
  /** participantId is null for an observer (an operator watching, never a participant). */
  me: { participantId: number | null; role: Role; name: string };
  title: string;
  /** Who is here, as far as listed: in a large room the server names only the first students (see `presentTotal`). */
  present: PresentPerson[];
  /** How many are here, listed or not. */
  presentTotal: number;
  /** Everyone seen in this room, present or not (names for events that carry only ids). */
  names: Record<number, string>;
  classStarted: boolean;
  classEnded: boolean;
  announcement: { content: string; link: string | null } | null;
  document: { page: number; title: string | null } | null;
  chat: ChatLine[];
  questions: Question[];
  polls: Poll[];
  rollcalls: Rollcall[];
  hands: Hand[];
  muted: number[];
  activity: Activity[];
  lastSeq: number;
}

export function fromWelcome(w: WelcomeMessage, previous?: RoomState): RoomState {
  const base: RoomState = previous ?? {
    me: { participantId: w.participantId, role: w.role, name: w.name }, title: w.room.title, present: [], presentTotal: 0, names: {},
    classStarted: false, classEnded: false, announcement: null, document: null, chat: [], questions: [], polls: [], rollcalls: [],
    hands: [], muted: [], activity: [], lastSeq: 0,
  };
  const names = { ...base.names };
  for (const p of w.room.present) names[p.participantId] = p.name;
  // A reconnect keeps what it learned; events after `lastSeq` follow and are applied on top.
  return {
    ...base, me: { participantId: w.participantId, role: w.role, name: w.name }, title: w.room.title, present: w.room.present, presentTotal: w.room.total, names,
    classStarted: w.room.classStarted, announcement: w.room.announcement,
  };
}

const replace = <T extends { id: number }>(list: T[], id: number, change: (item: T) => T): T[] => list.map((x) => (x.id === id ? change(x) : x));

type Data<K extends keyof ClassroomEventData> = ClassroomEventData[K];

/** Applies one room event; idempotent for presence (joins and leaves may repeat around a welcome). */
export function applyEvent(s: RoomState, m: EventMessage): RoomState {
  if (m.seq <= s.lastSeq) return s;
  const next = { ...s, lastSeq: m.seq };
  const { type, data, at } = m.event;
  switch (type) {
    case 'session.started':
      return { ...next, classStarted: true, classEnded: false, activity: [...s.activity, { kind: 'class', id: m.seq, started: true }] };
    case 'session.ended':
      return { ...next, classStarted: false, classEnded: true, rollcalls: s.rollcalls.map((r) => ({ ...r, open: false })), activity: [...s.activity, { kind: 'class', id: m.seq, started: false }] };
    case 'participant.joined': {
      const d = data as Data<'participant.joined'>;
      const person = { participantId: d.participantId, name: d.name, role: d.role };
      const known = s.present.some((p) => p.participantId === d.participantId);
      const present = known ? s.present.map((p) => (p.participantId === d.participantId ? person : p)) : [...s.present, person];
      return { ...next, present, presentTotal: s.presentTotal + (known ? 0 : 1), names: { ...s.names, [d.participantId]: d.name } };
    }
    case 'participant.left':
    case 'participant.removed': {
      const d = data as Data<'participant.left'>;
      const present = s.present.filter((p) => p.participantId !== d.participantId);
      return { ...next, present, presentTotal: s.presentTotal - (s.present.length - present.length), hands: s.hands.filter((h) => h.participantId !== d.participantId) };
    }
    case 'participant.muted': {
      const d = data as Data<'participant.muted'>;
      const muted = s.muted.filter((id) => id !== d.participantId);
      return { ...next, muted: d.muted ? [...muted, d.participantId] : muted };
    }
    case 'chat.sent': {
      const d = data as Data<'chat.sent'>;
      return { ...next, chat: [...s.chat, { ...d, at }] };
    }
    case 'question.asked': {
      const d = data as Data<'question.asked'>;
      return { ...next, questions: [...s.questions, { id: d.id, content: d.content, askerId: d.askerId, askerName: d.askerName, answered: false, published: false, answer: null, answererName: null }] };
    }
    case 'question.answered': {
      const d = data as Data<'question.answered'>;
      return { ...next, questions: replace(s.questions, d.id, (q) => ({ ...q, answered: true, published: d.published, answer: d.answer, answererName: d.answererName })) };
    }
    case 'poll.published': {
      const d = data as Data<'poll.published'>;
      return { ...next, polls: [...s.polls, { id: d.id, kind: d.kind, title: d.title, questions: d.questions ?? [], closed: false, answeredBy: [], answers: {} }] };
    }
    case 'poll.answered': {
      const d = data as Data<'poll.answered'>;
      return {
        ...next,
        polls: replace(s.polls, d.id, (p) => ({
          ...p,
          answeredBy: p.answeredBy.includes(d.participantId) ? p.answeredBy : [...p.answeredBy, d.participantId],
          answers: d.answers ? { ...p.answers, [d.participantId]: d.answers } : p.answers,
        })),
      };
    }
    case 'poll.closed':
      return { ...next, polls: replace(s.polls, (data as Data<'poll.closed'>).id, (p) => ({ ...p, closed: true })) };
    case 'rollcall.started':
      return { ...next, rollcalls: [...s.rollcalls, { id: (data as Data<'rollcall.started'>).id, open: true, checkedIn: [] }] };
    case 'rollcall.answered': {
      const d = data as Data<'rollcall.answered'>;
      return { ...next, rollcalls: replace(s.rollcalls, d.id, (r) => ({ ...r, checkedIn: r.checkedIn.includes(d.participantId) ? r.checkedIn : [...r.checkedIn, d.participantId] })) };
    }
    case 'rollcall.ended':
      return { ...next, rollcalls: replace(s.rollcalls, (data as Data<'rollcall.ended'>).id, (r) => ({ ...r, open: false })) };
    case 'hand.raised': {
      const d = data as Data<'hand.raised'>;
      return {
        ...next, hands: [...s.hands.filter((h) => h.participantId !== d.participantId), { id: d.id, participantId: d.participantId, at }],
        activity: [...s.activity, { kind: 'hand', id: m.seq, name: s.names[d.participantId] ?? '?' }],
      };
    }
    case 'hand.updated':
      return { ...next, hands: s.hands.filter((h) => h.id !== (data as Data<'hand.updated'>).id) };
    case 'reward.given': {
      const d = data as Data<'reward.given'>;
      return { ...next, activity: [...s.activity, { kind: 'reward', id: m.seq, rewardKind: d.kind, to: d.toName ?? null, toId: d.to ?? null, amount: d.amount ?? 0 }] };
    }
    case 'lottery.drawn': {
      const d = data as Data<'lottery.drawn'>;
      return { ...next, activity: [...s.activity, { kind: 'lottery', id: m.seq, prize: d.prize, names: d.winnerNames ?? [] }] };
    }
    case 'announcement.set': {
      const d = data as Data<'announcement.set'>;
      return { ...next, announcement: { content: d.content, link: d.link } };
    }
    case 'document.shown': {
      const d = data as Data<'document.shown'>;
      return { ...next, document: { page: d.page, title: d.title } };
    }
    default:
      return next;
  }
}

export const isStaff = (role: Role) => role === 'host' || role === 'assistant';

/** Most students and attendees the people list names in a large room. */
const LISTED_AUDIENCE = 200;

/**
 * A large room's presence changes since the last delta (joins and leaves arrive this way instead
 * of as events). It carries no sequence number to resume from, so `lastSeq` stays as it is.
 */
export function applyPresenceDelta(s: RoomState, d: PresenceDeltaMessage): RoomState {
  const left = new Set(d.left);
  const joined = new Map(d.joined.map((p) => [p.participantId, p]));
  const present = s.present.filter((p) => !left.has(p.participantId) && !joined.has(p.participantId));
  // Like the server's welcome: staff always, the audience only up to a few hundred names (the count says the rest).
  const listedAlways = (p: PresentPerson) => p.role === 'host' || p.role === 'assistant' || p.role === 'speaker';
  let audience = present.filter((p) => !listedAlways(p)).length;
  for (const p of d.joined) if (listedAlways(p) || audience++ < LISTED_AUDIENCE) present.push(p);
  const names = { ...s.names };
  for (const p of d.joined) names[p.participantId] = p.name;
  return { ...s, present, presentTotal: d.total, names, hands: s.hands.filter((h) => !left.has(h.participantId)) };
}
