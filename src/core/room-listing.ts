import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database, RoomRow } from '../storage/schema.js';
import { selectPage, type PageRequest } from './paging.js';
import type { RoomKind } from './room-kind.js';

/**
 * Where a room is in its life, as listings filter it:
 * - `idle`: not live, nobody inside (never started, or between sessions);
 * - `occupied`: not live, but someone is inside (a client joined before class started);
 * - `live`: a session is open;
 * - `terminated`: closed for good.
 */
export const ROOM_PHASES = ['idle', 'occupied', 'live', 'terminated'] as const;
export type RoomPhase = (typeof ROOM_PHASES)[number];
export const OPEN_PHASES: readonly RoomPhase[] = ['idle', 'occupied', 'live'];

export interface RoomListingFilter {
  tenantId: string;
  /** Any of these kinds; omitted: every kind. */
  kinds?: readonly RoomKind[];
  ownerUserId?: number;
  /** Any of these phases; omitted: every phase. */
  phases?: readonly RoomPhase[];
  /**
   * true: only rooms past their schedule (the scheduled end, or the start when there is no end, lies
   * before `now`: the rule of `scheduleBounds`) and not live; false: only the others.
   */
  expired?: boolean;
  now?: number;
  /** Only rooms created in [createdFrom, createdBefore). */
  createdFrom?: number;
  createdBefore?: number;
  /** true: only rooms whose last class has ended (or that are closed for good); false: the others. */
  finished?: boolean;
}

export interface RoomListingPage {
  rows: RoomRow[];
  total: number;
}

type Eb = ExpressionBuilder<Database, 'rooms'>;

/** Paged listings of a tenant's rooms by lifecycle phase, in creation order (stable while rooms are added). */
export class RoomListing {
  constructor(private readonly db: Kysely<Database>) {}

  private someoneInside(eb: Eb) {
    return eb.exists(eb.selectFrom('participations').select('participations.id')
      .whereRef('participations.room_id', '=', 'rooms.id').where('participations.left_at', 'is', null));
  }

  private phaseCondition(eb: Eb, phase: RoomPhase) {
    switch (phase) {
      case 'live': return eb('rooms.status', '=', 'live');
      case 'terminated': return eb('rooms.status', '=', 'terminated');
      case 'occupied': return eb.and([eb('rooms.status', 'in', ['scheduled', 'ended']), this.someoneInside(eb)]);
      case 'idle': return eb.and([eb('rooms.status', 'in', ['scheduled', 'ended']), eb.not(this.someoneInside(eb))]);
    }
  }

  private filtered(f: RoomListingFilter) {
    let q = this.db.selectFrom('rooms').where('rooms.tenant_id', '=', f.tenantId).where('rooms.deleted_at', 'is', null);
    if (f.kinds) q = q.where('rooms.kind', 'in', [...f.kinds]);
    if (f.ownerUserId !== undefined) q = q.where('rooms.owner_user_id', '=', f.ownerUserId);
    if (f.createdFrom !== undefined) q = q.where('rooms.created_at', '>=', f.createdFrom);
    if (f.createdBefore !== undefined) q = q.where('rooms.created_at', '<', f.createdBefore);
    // A room is `ended` once a class ended and until the next starts.
    if (f.finished !== undefined) q = q.where('rooms.status', f.finished ? 'in' : 'not in', ['ended', 'terminated']);
    const phases = f.phases;
    if (phases) q = q.where((eb) => eb.or(phases.map((p) => this.phaseCondition(eb, p))));
    if (f.expired !== undefined) {
      const now = f.now ?? Date.now();
      q = q.where((eb) => {
        const scheduleEnd = eb.fn.coalesce('rooms.scheduled_end', 'rooms.scheduled_start');
        // Spelled out for NULL: a room with no schedule at all is never expired.
        const pastSchedule = eb.and([eb('rooms.status', '!=', 'live'), eb(scheduleEnd, 'is not', null), eb(scheduleEnd, '<', now)]);
        return f.expired ? pastSchedule : eb.not(pastSchedule);
      });
    }
    return q;
  }

  /** `newestFirst`: the most recently created rooms first (the operator page), else creation order. */
  page(filter: RoomListingFilter, paging: PageRequest, order: { newestFirst?: boolean } = {}): Promise<RoomListingPage> {
    const base = this.filtered(filter);
    return selectPage(base, base.selectAll('rooms').orderBy('rooms.id', order.newestFirst ? 'desc' : 'asc'), paging);
  }

  /** How many different people are inside each room right now (rooms with nobody are absent from the map). */
  async presence(roomIds: readonly number[]): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    if (roomIds.length === 0) return out;
    const rows = await this.db.selectFrom('participations').where('room_id', 'in', [...roomIds]).where('left_at', 'is', null)
      .select((eb) => ['room_id', eb.fn.count<number>('participant_id').distinct().as('n')]).groupBy('room_id').execute();
    for (const r of rows) out.set(Number(r.room_id), Number(r.n));
    return out;
  }

  /** The phase of one room, given how many people are inside it. */
  static phaseOf(room: RoomRow, inside: number): RoomPhase {
    if (room.status === 'terminated') return 'terminated';
    if (room.status === 'live') return 'live';
    return inside > 0 ? 'occupied' : 'idle';
  }
}
