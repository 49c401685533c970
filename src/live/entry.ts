import type { Services } from '../core/services.js';
import type { PassRole } from '../core/passes.js';
import type { RoomRow } from '../storage/schema.js';
import { randomHex } from '../core/ids.js';
import { FailureLimiter } from './rate-limiter.js';
import type { TicketSigner } from './tickets.js';
import { MAX_NAME } from './protocol.js';

/** How long an entry ticket lets its holder open (or reopen) the room's WebSocket. */
export const TICKET_TTL_MS = 10 * 60_000;

export type EntryRefusal = 'not_found' | 'bad_token' | 'room_closed' | 'room_full' | 'rate_limited' | 'invalid';

export class EntryError extends Error {
  constructor(readonly reason: EntryRefusal, message: string) {
    super(message);
    this.name = 'EntryError';
  }

  /** The HTTP status an entry route answers for this refusal. */
  get status(): number {
    return { not_found: 404, bad_token: 403, room_closed: 403, room_full: 409, rate_limited: 429, invalid: 400 }[this.reason];
  }
}

/** Who is entering: a display name and, when the link or code carries one, the partner's user number. */
export interface Visitor {
  name: string;
  userNumber?: number | null;
  ip: string;
}

export interface Admission {
  room: RoomRow;
  role: PassRole;
  ticket: string;
  /** The participant identity key the ticket carries. */
  key: string;
  name: string;
}

/** Roles that count against `rooms.max_attendees`: hosts and assistants always get in. */
const COUNTED: readonly PassRole[] = ['student'];

/**
 * Admission to a live room. The rule: hosts and assistants may enter a room at any time (to prepare
 * before class, or look back after); students may enter any room that is neither terminated nor
 * deleted, before class starts too (they wait in the room). A room with `max_attendees` admits at most
 * that many students at once, checked here and again when the WebSocket joins.
 */
export class LiveEntry {
  readonly limiter: FailureLimiter;

  constructor(private readonly services: Services, private readonly tickets: TicketSigner, limiter?: FailureLimiter) {
    this.limiter = limiter ?? new FailureLimiter();
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

  /** Entry with a role code (Baijiayun's admin/teacher/student codes, or any room's role code). */
  async byCode(code: string, visitor: Visitor): Promise<Admission> {
    this.checkRate(visitor.ip);
    const trimmed = code.trim();
    if (!/^[A-Za-z0-9]{1,32}$/.test(trimmed)) throw this.wrongSecret(visitor.ip, 'not_found', 'no room has this code');
    const pass = await this.services.passes.byCode(trimmed.toLowerCase());
    if (!pass) throw this.wrongSecret(visitor.ip, 'not_found', 'no room has this code');
    const room = await this.services.rooms.find(pass.tenantId, { id: pass.roomId });
    if (!room) throw this.wrongSecret(visitor.ip, 'not_found', 'no room has this code');
    // A personal code is its user's: they enter under their number, whatever the form says.
    const userNumber = pass.userNumber ? pass.userNumber : visitor.userNumber;
    return this.admit(room, pass.role, { ...visitor, userNumber });
  }

  /** Lets `visitor` into `room` as `role` if the admission rule allows, with a signed ticket. */
  async admit(room: RoomRow, role: PassRole, visitor: Visitor, key?: string): Promise<Admission> {
    const name = visitor.name.trim();
    if (!name) throw new EntryError('invalid', 'a name is needed to enter (parameter "name")');
    if (name.length > MAX_NAME) throw new EntryError('invalid', `the name is longer than ${MAX_NAME} characters`);
    await this.checkAdmission(room, role);
    const identity = key ?? (visitor.userNumber != null ? `number:${visitor.userNumber}` : `guest:${randomHex(16)}`);
    const ticket = this.tickets.sign({ tenantId: room.tenant_id, roomId: room.id, role, key: identity, name, exp: Date.now() + TICKET_TTL_MS });
    return { room, role, ticket, key: identity, name };
  }

  /** The admission rule (see the class comment); `except` is a person already counted (a reconnect). */
  async checkAdmission(room: RoomRow, role: PassRole, except?: string): Promise<void> {
    if (role !== 'student') return;
    if (room.deleted_at !== null) throw new EntryError('room_closed', 'this room has been deleted');
    if (room.status === 'terminated') throw new EntryError('room_closed', 'this room has been closed for good');
    if (room.max_attendees === null || room.max_attendees <= 0) return;
    let q = this.services.db.selectFrom('participations').innerJoin('participants', 'participants.id', 'participations.participant_id')
      .select((eb) => eb.fn.count<number>('participations.participant_id').distinct().as('n'))
      .where('participations.room_id', '=', room.id).where('participations.left_at', 'is', null)
      .where('participations.role', 'in', [...COUNTED]);
    if (except) q = q.where('participants.external_key', '!=', except);
    const { n } = await q.executeTakeFirstOrThrow();
    if (Number(n) >= room.max_attendees) throw new EntryError('room_full', `this room is full: at most ${room.max_attendees} students at once`);
  }
}
