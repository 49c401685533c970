import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

/** Where attendance figures are computed from participation intervals (never from stored counters). */
export type AttendanceScope = { sessionId: number } | { roomId: number; from?: number; to?: number } | { tenantId: string; from: number; to: number };

export class AttendanceQueries {
  constructor(private readonly db: Kysely<Database>) {}

  private scoped(scope: AttendanceScope) {
    let q = this.db.selectFrom('participations');
    if ('sessionId' in scope) q = q.where('session_id', '=', scope.sessionId);
    else if ('roomId' in scope) {
      q = q.where('room_id', '=', scope.roomId);
      if (scope.to !== undefined) q = q.where('joined_at', '<=', scope.to);
      if (scope.from !== undefined) q = q.where((eb) => eb.or([eb('left_at', 'is', null), eb('left_at', '>=', scope.from!)]));
    } else {
      q = q.where('tenant_id', '=', scope.tenantId).where('joined_at', '<=', scope.to)
        .where((eb) => eb.or([eb('left_at', 'is', null), eb('left_at', '>=', scope.from)]));
    }
    return q;
  }

  /** How many different people entered (re-entries by the same person count once). */
  async distinctParticipants(scope: AttendanceScope): Promise<number> {
    const row = await this.scoped(scope).select((eb) => eb.fn.count<number>('participant_id').distinct().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * The true maximum of overlapping participation intervals, and the first moment it was reached.
   * A sweep over join (+1) and leave (−1) instants; at equal instants leaves count first, so a
   * reconnect does not count one person twice. Open intervals run to `now`.
   */
  async peakConcurrency(scope: AttendanceScope, now = Date.now()): Promise<{ peak: number; at: number | null }> {
    const rows = await this.scoped(scope).select(['joined_at', 'left_at']).execute();
    return peakOfIntervals(rows, (r) => r.joined_at, (r) => r.left_at, 'from' in scope ? scope.from : undefined, 'to' in scope ? scope.to : undefined, now);
  }

  /** How many times people entered (人次: every join counts, re-entries too). */
  async joins(scope: AttendanceScope): Promise<number> {
    const row = await this.scoped(scope).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The peak of simultaneous VOD viewings across the tenant within [from, to], by the same sweep. */
  async peakVodViewing(tenantId: string, from: number, to: number, now = Date.now()): Promise<{ peak: number; at: number | null }> {
    const rows = await this.db.selectFrom('vod_views').select(['started_at', 'left_at']).where('tenant_id', '=', tenantId)
      .where('started_at', '<=', to).where((eb) => eb.or([eb('left_at', 'is', null), eb('left_at', '>=', from)])).execute();
    return peakOfIntervals(rows, (r) => r.started_at, (r) => r.left_at, from, to, now);
  }
}

/**
 * The true maximum of overlapping intervals, clipped to [from, to], and the first moment it was
 * reached. A sweep over start (+1) and end (−1) instants; at equal instants ends count first, so a
 * reconnect does not count one person twice. Open intervals run to `now`.
 */
export function peakOfIntervals<T>(
  rows: readonly T[], startOf: (r: T) => number, endOf: (r: T) => number | null, from: number | undefined, to: number | undefined, now: number,
): { peak: number; at: number | null } {
  const events = new Float64Array(rows.length * 2);
  let n = 0;
  for (const r of rows) {
    const joined = startOf(r);
    const start = from !== undefined ? Math.max(joined, from) : joined;
    const end = Math.min(endOf(r) ?? now, to ?? Number.MAX_SAFE_INTEGER);
    if (end < start) continue;
    // Encode the kind in the low bit so one numeric sort orders ends (0) before starts (1).
    events[n++] = start * 2 + 1;
    events[n++] = end * 2;
  }
  const sorted = events.subarray(0, n).sort();
  let current = 0;
  let peak = 0;
  let at: number | null = null;
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i];
    if (e % 2 === 1) {
      current++;
      if (current > peak) {
        peak = current;
        at = (e - 1) / 2;
      }
    } else current--;
  }
  return { peak, at };
}
