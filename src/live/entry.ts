import type { Services } from '../core/services.js';
import type { PassRole } from '../core/passes.js';
import type { RoomRow } from '../storage/schema.js';
import { randomHex } from '../core/ids.js';
import { FailureLimiter } from './rate-limiter.js';
import type { TicketClaims, TicketSigner } from './tickets.js';
import type { LiveRole } from './protocol.js';
import { MemberStates, type MemberState } from './member-states.js';
import { MAX_NAME } from './protocol.js';

/** How long an entry ticket lets its holder open (or reopen) the room's WebSocket. */
export const TICKET_TTL_MS = 10 * 60_000;

export type EntryRefusal = 'not_found' | 'bad_token' | 'room_closed' | 'room_full' | 'rate_limited' | 'invalid'
  | 'refused' | 'removed' | 'too_early' | 'replaced';

export class EntryError extends Error {
  constructor(readonly reason: EntryRefusal, message: string) {
    super(message);
    this.name = 'EntryError';
  }

  /** The HTTP status an entry route answers for this refusal. */
  get status(): number {
    return { not_found: 404, bad_token: 403, room_closed: 403, room_full: 409, rate_limited: 429, invalid: 400, refused: 403, removed: 403, too_early: 403, replaced: 409 }[this.reason];
  }
}

/** Who is entering: a display name and, when the link or code carries one, the partner's user number. */
export interface Visitor {
  name: string;
  userNumber?: number | null;
  ip: string;
  /** The customer's own token for third-party entry auth (Baijiayun `access_key`), if the link carried one. */
  accessKey?: string | null;
}

/** What else an admission's ticket carries: a fixed identity, a single-session entry, a group. */
export interface AdmitOptions {
  key?: string;
  /** Only one person at a time may hold this identity (a per-user code): this entry takes the place. */
  single?: boolean;
  group?: number | null;
}

export interface Admission {
  room: RoomRow;
  role: LiveRole;
  ticket: string;
  /** The participant identity key the ticket carries. */
  key: string;
  name: string;
}

/** Roles that count against `rooms.max_attendees`: hosts and assistants always get in. */
const COUNTED: readonly PassRole[] = ['student'];

/**
 * Admission to a live room. The rule: nobody enters a deleted room (its links lead nowhere: 404).
 * Hosts and assistants may enter at any time (to prepare before class, or look back after); students
 * may enter a room that is not terminated, from its early-entry window before the scheduled start on
 * (the dialect's window, e.g. Baijiayun's `pre_enter_time`, else DEFAULT_EARLY_ENTRY_MS), at any time
 * once class has started, and at any time in a room without a scheduled start. A room with
 * `max_attendees` admits at most that many students at once. The rule is checked here and again when
 * the WebSocket joins. Nobody enters the rooms of a disabled account. A removed person is refused; then the dialects' entry checks run (Baijiayun's
 * third-party auth).
 */
export class LiveEntry {
  readonly limiter: FailureLimiter;
  readonly members: MemberStates;
  /**
   * How many are present in a room by role, where this process follows the room (the live
   * gateway's hub), so that admission need not count a large room's open intervals per entrant.
   */
  presentCounts: (roomId: number) => Record<string, number> | undefined = () => undefined;

  constructor(private readonly services: Services, private readonly tickets: TicketSigner, limiter?: FailureLimiter) {
    this.limiter = limiter ?? new FailureLimiter();
    this.members = new MemberStates(services.db);
  }

  /** Refuses an address that has guessed wrong too often; call before looking a secret up. */
  checkRate(ip: string): void {
    if (!this.limiter.allowed(ip)) throw new EntryError('rate_limited', 'too many wrong codes or tokens from this address: wait a minute');
  }

  /** A wrong code or token: counted against the address, then refused. */
  wrongSecret(ip: string, reason: 'not_found' | 'bad_token', message: string): EntryError {
    this.limiter.fail(ip);
    return new EntryError(reason, message);
  }

  /** Entry with a code: a role code (Baijiayun's admin/teacher/student codes), a per-user code, a group's code. */
  async byCode(code: string, visitor: Visitor, of?: { numericId: string }): Promise<Admission> {
    this.checkRate(visitor.ip);
    const trimmed = code.trim();
    if (!/^[A-Za-z0-9]{1,32}$/.test(trimmed)) throw this.wrongSecret(visitor.ip, 'not_found', 'no room has this code');
    const pass = await this.services.passes.byCode(trimmed.toLowerCase());
    if (!pass) throw this.wrongSecret(visitor.ip, 'not_found', 'no room has this code');
    const room = await this.services.rooms.find(pass.tenantId, { id: pass.roomId });
    if (!room || (of && room.numeric_id !== of.numericId)) throw this.wrongSecret(visitor.ip, 'not_found', 'no room has this code');
    // A personal code is its user's: they enter under their number, whatever the form says, and
    // only one person at a time holds it (0 is a shared invite code: anyone, any number of them).
    const personal = pass.kind === 'personal_code' && pass.userNumber !== null && pass.userNumber !== 0;
    const userNumber = personal ? pass.userNumber : visitor.userNumber;
    return this.admit(room, pass.role, { ...visitor, userNumber }, { single: personal, group: pass.groupNumber });
  }

  /** Lets `visitor` into `room` as `role` if the admission rule allows, with a signed ticket. */
  async admit(room: RoomRow, role: PassRole, visitor: Visitor, opts: AdmitOptions = {}): Promise<Admission> {
    const name = visitor.name.trim();
    if (!name) throw new EntryError('invalid', 'a name is needed to enter (parameter "name")');
    if (name.length > MAX_NAME) throw new EntryError('invalid', `the name is longer than ${MAX_NAME} characters`);
    const identity = opts.key ?? (visitor.userNumber != null ? `number:${visitor.userNumber}` : `guest:${randomHex(16)}`);
    await this.checkAdmission(room, role, identity);
    const decision = await this.services.entryChecks.check({ tenantId: room.tenant_id, room, accessKey: visitor.accessKey ?? null, kind: 'live', sessionId: null, role });
    if (!decision.admitted) throw new EntryError('refused', `entry refused: ${decision.message ?? decision.reason}`);
    const now = Date.now();
    const claims: TicketClaims = { tenantId: room.tenant_id, roomId: room.id, role, key: identity, name, exp: now + TICKET_TTL_MS };
    if (opts.single) claims.entry = `${now}.${randomHex(6)}`;
    if (opts.group != null) claims.group = opts.group;
    return { room, role, ticket: this.tickets.sign(claims), key: identity, name };
  }

  /**
   * An operator watching `room` (the operator page's observer link): admitted whatever the room's
   * state, counted nowhere, under an `observer:` identity that is never recorded as a participant.
   * The caller has authenticated the operator; no code or token is involved.
   */
  observe(room: RoomRow, name: string): Admission {
    const trimmed = name.trim() || 'Observer';
    if (trimmed.length > 64) throw new EntryError('invalid', 'the name is longer than 64 characters');
    const key = `observer:${randomHex(16)}`;
    const ticket = this.tickets.sign({ tenantId: room.tenant_id, roomId: room.id, role: 'observer', key, name: trimmed, exp: Date.now() + TICKET_TTL_MS });
    return { room, role: 'observer', ticket, key, name: trimmed };
  }

  /**
   * The admission rule (see the class comment) for the person `key`, who is not counted against the
   * capacity (a reconnect). Returns what the hosts decided about them (mute), read on the way.
   */
  async checkAdmission(room: RoomRow, role: LiveRole, key: string, now = Date.now()): Promise<MemberState> {
    if (room.deleted_at !== null) throw new EntryError('not_found', 'this room has been deleted');
    // A disabled account (`lectern tenant disable`) is refused here as its API calls are.
    // Read as of now (one data-version check on PostgreSQL), not from a cache that may lag another process's change.
    if ((await this.services.forOneRequest().tenants.get(room.tenant_id)).settings.disabled === true) {
      throw new EntryError('refused', 'this account is disabled: its live rooms cannot be entered until it is enabled again');
    }
    const state = await this.members.of(room.tenant_id, room.id, key);
    if (state.removed) throw new EntryError('removed', 'the host removed you from this room: you cannot enter it again');
    if (role !== 'student') return state;
    if (room.status === 'terminated') throw new EntryError('room_closed', 'this room has been closed for good');
    await this.checkEarlyEntry(room, now);
    if (room.max_attendees === null || room.max_attendees <= 0) return state;
    // Far from full (by the live count, which includes this person if present): no need to count.
    const students = this.presentCounts(room.id)?.student;
    if (students !== undefined && students + 1 < room.max_attendees) return state;
    const { n } = await this.services.db.selectFrom('participations').innerJoin('participants', 'participants.id', 'participations.participant_id')
      .select((eb) => eb.fn.count<number>('participations.participant_id').distinct().as('n'))
      .where('participations.room_id', '=', room.id).where('participations.left_at', 'is', null)
      .where('participations.role', 'in', [...COUNTED]).where('participants.external_key', '!=', key)
      .executeTakeFirstOrThrow();
    if (Number(n) >= room.max_attendees) throw new EntryError('room_full', `this room is full: at most ${room.max_attendees} students at once`);
    return state;
  }

  /** Students wait for the early-entry window before a scheduled class, unless class has started already. */
  private async checkEarlyEntry(room: RoomRow, now: number): Promise<void> {
    if (room.scheduled_start === null) return;
    const opensAt = room.scheduled_start - this.services.entryChecks.earlyEntryMs(room);
    if (now >= opensAt) return;
    if (await this.services.ingestion.openSession(room)) return;
    const minutes = Math.ceil((opensAt - now) / 60_000);
    throw new EntryError('too_early', `students may enter from ${new Date(opensAt).toISOString()} on (in ${minutes} minute${minutes === 1 ? '' : 's'}): class starts at ${new Date(room.scheduled_start).toISOString()}`);
  }
}
