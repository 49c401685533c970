import type { PresentPerson } from './protocol.js';

/** Roles listed in full in every `welcome` and `presence.delta`; the audience (students, attendees) is capped. */
const STAFF_ROLES = new Set(['host', 'assistant', 'speaker']);
export const isStaff = (person: PresentPerson): boolean => STAFF_ROLES.has(person.role);

/**
 * Who is in one room, kept in memory from the room's presence events (`participant.joined`,
 * `participant.left`, `participant.removed`, `session.ended`) so that a welcome costs no database
 * read and no O(room size) work. Staff and audience are kept apart: staff are always listed, the
 * audience only up to a cap (a room of 10,000 does not send 10,000 names to everyone who enters).
 * Applying the same change twice changes nothing (events may be replayed around a snapshot).
 */
export class RoomPresence {
  private readonly staff = new Map<number, PresentPerson>();
  private readonly audience = new Map<number, PresentPerson>();
  private readonly byRole: Record<string, number> = {};
  /** Everyone in participant id order, for paging; rebuilt on demand after a change. */
  private sorted: PresentPerson[] | undefined;

  get total(): number {
    return this.staff.size + this.audience.size;
  }

  /** How many are present, by role (roles with nobody are left out). */
  counts(): Record<string, number> {
    return { ...this.byRole };
  }

  has(participantId: number): boolean {
    return this.staff.has(participantId) || this.audience.has(participantId);
  }

  /** Someone is present (again, maybe under a new name or role). */
  join(person: PresentPerson): void {
    this.leave(person.participantId);
    (isStaff(person) ? this.staff : this.audience).set(person.participantId, person);
    this.byRole[person.role] = (this.byRole[person.role] ?? 0) + 1;
    this.sorted = undefined;
  }

  /** Someone is gone; returns whether they were present. */
  leave(participantId: number): boolean {
    const person = this.staff.get(participantId) ?? this.audience.get(participantId);
    if (!person) return false;
    this.staff.delete(participantId);
    this.audience.delete(participantId);
    if (--this.byRole[person.role] === 0) delete this.byRole[person.role];
    this.sorted = undefined;
    return true;
  }

  /** Everyone is gone (class ended: every open interval was closed). */
  clear(): void {
    this.staff.clear();
    this.audience.clear();
    for (const role of Object.keys(this.byRole)) delete this.byRole[role];
    this.sorted = undefined;
  }

  /**
   * Staff, then the first `audienceCap` of the audience in the order they came; `truncated` when
   * someone present is not listed. Costs O(staff + cap), not O(room).
   */
  listed(audienceCap: number): { present: PresentPerson[]; truncated: boolean } {
    const present = [...this.staff.values()];
    let listed = 0;
    for (const person of this.audience.values()) {
      if (listed++ >= audienceCap) break;
      present.push(person);
    }
    return { present, truncated: this.audience.size > audienceCap };
  }

  /** Up to `limit` people with a participant id above `after`, in id order; `next` is the cursor of the page after, null at the end. */
  page(after: number, limit: number): { people: PresentPerson[]; next: number | null } {
    this.sorted ??= [...this.staff.values(), ...this.audience.values()].sort((a, b) => a.participantId - b.participantId);
    const all = this.sorted;
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (all[mid].participantId <= after) lo = mid + 1;
      else hi = mid;
    }
    const people = all.slice(lo, lo + limit);
    const next = lo + limit < all.length ? people[people.length - 1].participantId : null;
    return { people, next };
  }
}

/**
 * Presence changes of one room since the last `presence.delta`: who came (latest state per
 * person) and who went. A person who came and went within one tick is only "left".
 */
export class PresenceChanges {
  private joined = new Map<number, PresentPerson>();
  private left = new Set<number>();
  /** The highest event sequence number folded in. */
  seq = 0;

  get empty(): boolean {
    return this.joined.size === 0 && this.left.size === 0;
  }

  join(person: PresentPerson, seq: number): void {
    this.left.delete(person.participantId);
    this.joined.set(person.participantId, person);
    this.seq = seq;
  }

  leave(participantId: number, seq: number): void {
    this.joined.delete(participantId);
    this.left.add(participantId);
    this.seq = seq;
  }

  /** Takes the changes (staff always, at most `audienceCap` of the audience who came) and starts afresh. */
  take(audienceCap: number): { joined: PresentPerson[]; left: number[]; truncated: boolean; seq: number } {
    const joined: PresentPerson[] = [];
    let audience = 0;
    let truncated = false;
    for (const person of this.joined.values()) {
      if (isStaff(person)) joined.push(person);
      else if (audience++ < audienceCap) joined.push(person);
      else truncated = true;
    }
    const out = { joined, left: [...this.left], truncated, seq: this.seq };
    this.joined = new Map();
    this.left = new Set();
    return out;
  }
}
