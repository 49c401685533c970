import { sql, type Compilable, type Kysely } from 'kysely';
import { WindowPeakSweep } from './window-peaks.js';
import { runningPeakOf } from './running-peak.js';
import type { Database } from '../storage/schema.js';
import type { RoomKind } from './room-kind.js';

/**
 * Where attendance figures are computed from participation intervals (never from stored counters).
 * `kinds` narrows a tenant scope to rooms of those kinds.
 */
export type AttendanceScope = { sessionId: number } | { roomId: number; from?: number; to?: number } | { tenantId: string; from: number; to: number; kinds?: readonly RoomKind[] };

/** An inclusive window [from, to] in epoch ms. */
export interface PeakWindow {
  from: number;
  to: number;
}

/** Distinct people per room among the entries of a window (see `personTimes`). */
export interface RoomPersonTimes {
  roomId: number;
  roomNumericId: string;
  total: number;
  students: number;
}

/** Intervals per query of the streaming peak sweep. */
const INTERVAL_CHUNK = 5000;

/** Roles that count as students in attendance figures. */
export const STUDENT_ROLES: readonly string[] = ['student', 'attendee'];

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
      if (scope.kinds) {
        const kinds = [...scope.kinds];
        // No kind named matches no room (an `in ()` list is not valid SQL).
        q = q.where('room_id', 'in', (eb) => eb.selectFrom('rooms').select('rooms.id').where('rooms.tenant_id', '=', scope.tenantId)
          .where('rooms.kind', 'in', kinds.length ? kinds : ['' as RoomKind]));
      }
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
   *
   * The database does the sweep (a running sum over the instants, SQLite ≥ 3.25 and PostgreSQL
   * alike) over the covering index of migration 003, so no interval is loaded into JavaScript and
   * memory stays flat however many there are. `peakOfIntervals` is the same rule in JavaScript.
   */
  async peakConcurrency(scope: AttendanceScope, now = Date.now()): Promise<{ peak: number; at: number | null }> {
    const from = 'from' in scope ? scope.from : undefined;
    const to = 'to' in scope ? scope.to : undefined;
    const leave = sql<number>`coalesce(left_at, ${now})`;
    // Each interval clipped to the window; CASE rather than MAX/GREATEST, which the engines spell differently.
    const start = from === undefined ? sql<number>`joined_at` : sql<number>`case when joined_at < ${from} then ${from} else joined_at end`;
    const end = to === undefined ? leave : sql<number>`case when ${leave} > ${to} then ${to} else ${leave} end`;
    return this.sweep(this.scoped(scope).select([start.as('s'), end.as('e')]));
  }

  /**
   * The peak of the intervals `intervals` selects (as `s` and `e`, already clipped and with open
   * ones closed) and the first instant it was reached: the running sum of peakConcurrency's sweep,
   * computed by the database.
   */
  private async sweep(intervals: Compilable): Promise<{ peak: number; at: number | null }> {
    const { rows } = await sql<{ t: number | string; c: number | string }>`
      with iv as ${intervals},
      ev as (select s as t, 1 as d from iv where e >= s union all select e as t, -1 as d from iv where e >= s),
      run as (select t, d, sum(d) over (order by t, d rows unbounded preceding) as c from ev)
      select t, c from run where d = 1 order by c desc, t limit 1`.execute(this.db);
    // Nobody in at any instant (no interval, or only empty ones): no moment reached the peak.
    const peak = rows.length ? Number(rows[0].c) : 0;
    return peak > 0 ? { peak, at: Number(rows[0].t) } : { peak: 0, at: null };
  }

  /**
   * `peakConcurrency` of a live session over its own span in its room (what CC's `max_parallel`
   * and Training's room usage report). A session started and fed by the ingestion service in time
   * order carries its running figure (migration 020, src/core/running-peak.ts): one row read.
   * Otherwise a finished session's figure is computed once and memoised on its row until a
   * participation write that can change it (see migration 018).
   */
  async sessionPeak(session: { id: number; room_id: number; started_at: number; ended_at: number | null }, now = Date.now()): Promise<{ peak: number; at: number | null }> {
    const scope = { roomId: session.room_id, from: session.started_at, to: session.ended_at ?? now };
    const memo = await this.db.selectFrom('live_sessions')
      .select(['peak_count', 'peak_at', 'peak_version', 'ended_at', 'run_valid', 'run_level', 'run_t', 'run_joined', 'run_peak', 'run_peak_at'])
      .where('id', '=', session.id).executeTakeFirst();
    // Ended (or not) since the caller read it differently, or gone: answer for what was asked, unmemoised.
    if (!memo || memo.ended_at !== session.ended_at) return this.peakConcurrency(scope, now);
    // Kept up to date by the ingestion service while every write came in time order (migration 020).
    const running = session.ended_at === null || session.ended_at <= now ? runningPeakOf(memo, now) : undefined;
    if (running) return running;
    // A session still running (or ending in the future) has no final figure yet.
    if (session.ended_at === null || session.ended_at > now) return this.peakConcurrency(scope, now);
    if (memo.peak_count !== null) return { peak: Number(memo.peak_count), at: memo.peak_at === null ? null : Number(memo.peak_at) };
    const figure = await this.peakConcurrency(scope, now);
    // Stored only if no write changed the intervals since the version was read.
    await this.db.updateTable('live_sessions').set({ peak_count: figure.peak, peak_at: figure.at })
      .where('id', '=', session.id).where('peak_version', '=', memo.peak_version).where('peak_count', 'is', null).execute();
    return figure;
  }

  /**
   * Forgets the memoised peaks a participation write in `roomId` at `at` (or later) can change: of
   * the room's sessions that ended at or after `at`. Called in the writing transaction. A session
   * still running has no memo; a write during a class (at ≈ now) matches no ended session.
   */
  static async forgetPeaks(db: Kysely<Database>, roomId: number, at: number): Promise<void> {
    // The write came after the session's end was recorded: its running figure no longer holds either.
    await db.updateTable('live_sessions').set((eb) => ({ peak_count: null, peak_at: null, peak_version: eb('peak_version', '+', 1), run_valid: 0 }))
      .where('room_id', '=', roomId).where('ended_at', '>=', at).execute();
  }

  /** How many times people entered (人次: every join counts, re-entries too). */
  async joins(scope: AttendanceScope): Promise<number> {
    const row = await this.scoped(scope).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * The peak of simultaneous VOD viewings across the tenant within [from, to], by the same sweep
   * as `peakConcurrency`, done by the database over the viewings' (tenant, start) index.
   */
  async peakVodViewing(tenantId: string, from: number, to: number, now = Date.now()): Promise<{ peak: number; at: number | null }> {
    const leave = sql<number>`coalesce(left_at, ${now})`;
    const intervals = this.db.selectFrom('vod_views').where('tenant_id', '=', tenantId)
      .where('started_at', '<=', to).where((eb) => eb.or([eb('left_at', 'is', null), eb('left_at', '>=', from)]))
      .select([
        sql<number>`case when started_at < ${from} then ${from} else started_at end`.as('s'),
        sql<number>`case when ${leave} > ${to} then ${to} else ${leave} end`.as('e'),
      ]);
    return this.sweep(intervals);
  }

  /**
   * `peakConcurrency` for each of several windows, in one pass: the intervals of the windows' span
   * are read in join order, INTERVAL_CHUNK at a time, into a `WindowPeakSweep`, which holds only
   * the intervals open at the current instant. Each window's figure is exactly what
   * `peakConcurrency` answers for that window alone. The scope's own window (if any) is replaced by
   * the span of the windows.
   */
  async peaksByWindows(scope: { roomId: number } | { tenantId: string; kinds?: readonly RoomKind[] }, windows: readonly PeakWindow[], now = Date.now()): Promise<Array<{ peak: number; at: number | null }>> {
    if (windows.length === 0) return [];
    const from = Math.min(...windows.map((w) => w.from));
    const to = Math.max(...windows.map((w) => w.to));
    const span: AttendanceScope = 'roomId' in scope ? { roomId: scope.roomId, from, to } : { ...scope, from, to };
    const sweep = new WindowPeakSweep(windows, now);
    let after: { joined: number; id: number } | undefined;
    for (;;) {
      let q = this.scoped(span).select(['id', 'joined_at', 'left_at']);
      if (after) {
        const { joined, id } = after;
        // Keyset on the (join time, id) order; the plain bound lets the index start the range there.
        q = q.where('joined_at', '>=', joined).where((eb) => eb.or([eb('joined_at', '>', joined), eb('id', '>', id)]));
      }
      const rows = await q.orderBy('joined_at').orderBy('id').limit(INTERVAL_CHUNK).execute();
      sweep.add(rows);
      if (rows.length < INTERVAL_CHUNK) break;
      const last = rows[rows.length - 1];
      after = { joined: last.joined_at, id: last.id };
    }
    return sweep.finish();
  }

  /** The rooms someone was in at any moment of [from, to] (rooms of those `kinds` only, when given), with their numbers. */
  async roomsWithPresence(scope: { tenantId: string; from: number; to: number; kinds?: readonly RoomKind[] }): Promise<Array<{ roomId: number; roomNumericId: string }>> {
    const ids = (await this.scoped(scope).select('room_id').distinct().execute()).map((r) => r.room_id);
    if (ids.length === 0) return [];
    const rooms = await this.db.selectFrom('rooms').select(['id', 'numeric_id']).where('tenant_id', '=', scope.tenantId).where('id', 'in', ids).orderBy('id').execute();
    return rooms.map((r) => ({ roomId: r.id, roomNumericId: r.numeric_id }));
  }

  /**
   * Person-times (人次) per room among the entries that began in [from, to]: each person counts once
   * per live session (re-entries during one class count once; entries outside any class count once
   * per room). Rooms without entries are absent.
   */
  async personTimes(scope: { tenantId: string; from: number; to: number; kinds?: readonly RoomKind[] }): Promise<RoomPersonTimes[]> {
    const visit = sql<string>`cast(participations.participant_id as text) || ':' || coalesce(cast(participations.session_id as text), '')`;
    let q = this.db.selectFrom('participations').innerJoin('rooms', 'rooms.id', 'participations.room_id')
      .where('participations.tenant_id', '=', scope.tenantId)
      .where('participations.joined_at', '>=', scope.from).where('participations.joined_at', '<=', scope.to);
    if (scope.kinds) q = q.where('rooms.kind', 'in', scope.kinds.length ? [...scope.kinds] : ['' as RoomKind]);
    const rows = await q.select([
      'participations.room_id as room_id',
      'rooms.numeric_id as numeric_id',
      sql<number>`count(distinct ${visit})`.as('total'),
      sql<number>`count(distinct case when participations.role in (${sql.join(STUDENT_ROLES)}) then ${visit} end)`.as('students'),
    ]).groupBy(['participations.room_id', 'rooms.numeric_id']).orderBy('participations.room_id').execute();
    return rows.map((r) => ({ roomId: r.room_id, roomNumericId: r.numeric_id, total: Number(r.total), students: Number(r.students) }));
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

/**
 * The peak of overlapping intervals in each window, by the rules of `peakConcurrency`: intervals
 * are clipped to the window, open ones run to `now`, and at equal instants leaves count before
 * joins. Under those rules the count at an instant t of [from, to) is the number of intervals with
 * join ≤ t < leave, and the peak is that count's maximum over `from` and the joins inside the
 * window; `at` is the first instant reaching it. One sort of all instants serves every window.
 */
export function peaksOver(rows: ReadonlyArray<{ joined_at: number; left_at: number | null }>, windows: readonly PeakWindow[], now: number): Array<{ peak: number; at: number | null }> {
  const events = new Float64Array(rows.length * 2);
  let n = 0;
  for (const r of rows) {
    const end = r.left_at ?? now;
    if (end < r.joined_at) continue;
    events[n++] = r.joined_at * 2 + 1;
    events[n++] = end * 2;
  }
  const sorted = events.subarray(0, n).sort();
  // The count after all events of each distinct instant, and whether someone joined then.
  const instants: number[] = [];
  const levels: number[] = [];
  const joins: boolean[] = [];
  let current = 0;
  for (let i = 0; i < sorted.length;) {
    const instant = Math.floor(sorted[i] / 2);
    let joined = false;
    for (; i < sorted.length && Math.floor(sorted[i] / 2) === instant; i++) {
      if (sorted[i] % 2 === 1) {
        current++;
        joined = true;
      } else current--;
    }
    instants.push(instant);
    levels.push(current);
    joins.push(joined);
  }
  return windows.map(({ from, to }) => {
    if (to <= from) return { peak: 0, at: null };
    // The last instant at or before `from`: its level is the count at `from`.
    let lo = 0;
    let hi = instants.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (instants[mid] <= from) lo = mid + 1;
      else hi = mid;
    }
    let peak = lo > 0 ? levels[lo - 1] : 0;
    let at: number | null = peak > 0 ? from : null;
    for (let j = lo; j < instants.length && instants[j] < to; j++) {
      if (joins[j] && levels[j] > peak) {
        peak = levels[j];
        at = instants[j];
      }
    }
    return { peak, at };
  });
}
