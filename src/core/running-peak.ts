import { sql, type Kysely } from 'kysely';
import type { Database, LiveSessionRow } from '../storage/schema.js';

/**
 * The running peak of a live session (migration 020): the figure `AttendanceQueries.peakConcurrency`
 * computes over the session's span in its room, kept up to date by the ingestion service in the
 * transaction of every participation write, so that the answer is one row read however many
 * intervals the class has (CC's max_parallel of a live).
 *
 * It follows the sweep's rules exactly as long as the room's writes come in time order, which the
 * ingestion service does for live data: the count at an instant is taken after all of that instant's
 * events (leaves count before joins), and only instants where someone joined can be the peak. So the
 * row keeps the count after the events of the latest instant seen (`run_level`), whether someone
 * joined then (`run_joined`), and the peak over the instants before (`run_peak`, `run_peak_at`); an
 * event at a later instant first settles the previous one. A write earlier than the latest instant
 * (back-filled or imported data, a clock going back) marks the figure invalid for good, and the
 * figure is computed by the database instead (migration 018's memo for ended sessions).
 */

/**
 * Starts the running figure of a session started at `at`: the count is everyone in the room then
 * (their stays are clipped to start at `at`). Valid only if no recorded stay of the room begins or
 * ends after `at` (everything before came in time order as far as this session can tell).
 */
export async function startRunningPeak(db: Kysely<Database>, session: { id: number; room_id: number }, at: number): Promise<void> {
  const row = await db.selectFrom('participations')
    .select([
      sql<number | string>`count(case when left_at is null then 1 end)`.as('open'),
      sql<number | string>`count(case when left_at > ${at} then 1 end)`.as('later_leaves'),
    ])
    .where('room_id', '=', session.room_id).where('joined_at', '<=', at)
    .where((eb) => eb.or([eb('left_at', 'is', null), eb('left_at', '>', at)]))
    .executeTakeFirstOrThrow();
  const laterJoin = await db.selectFrom('participations').select('id').where('room_id', '=', session.room_id).where('joined_at', '>', at).limit(1).executeTakeFirst();
  const level = Number(row.open);
  const valid = Number(row.later_leaves) === 0 && laterJoin === undefined;
  await db.updateTable('live_sessions').set({ run_valid: valid ? 1 : 0, run_level: level, run_t: at, run_joined: level > 0 ? 1 : 0, run_peak: 0, run_peak_at: null })
    .where('id', '=', session.id).execute();
}

/**
 * Records participation events at `at` in the room's open session: `delta` (joins minus the stays
 * closed) and whether someone joined. One UPDATE whose expressions all read the row as it was, so
 * concurrent writers serialise on the row and none is lost; an event earlier than the row's latest
 * instant invalidates the figure.
 */
export async function runningPeakEvent(db: Kysely<Database>, roomId: number, at: number, delta: number, joined: boolean): Promise<void> {
  if (delta === 0 && !joined) return;
  const later = sql<boolean>`${at} > run_t`;
  const settles = sql<boolean>`${at} > run_t and run_joined = 1 and run_level > run_peak`;
  await db.updateTable('live_sessions')
    .set({
      run_valid: sql<number>`case when ${at} < run_t then 0 else 1 end`,
      run_peak: sql<number>`case when ${settles} then run_level else run_peak end`,
      run_peak_at: sql<number | null>`case when ${settles} then run_t else run_peak_at end`,
      run_joined: sql<number>`case when ${later} then ${joined ? 1 : 0} when ${joined ? 1 : 0} = 1 then 1 else run_joined end`,
      run_level: sql<number>`run_level + ${delta}`,
      run_t: sql<number>`case when ${later} then ${at} else run_t end`,
    })
    .where('room_id', '=', roomId).where('ended_at', 'is', null).where('run_valid', '=', 1)
    .execute();
}

/** The running figure of a session row, or undefined when it does not hold (then it is computed). */
export function runningPeakOf(row: Pick<LiveSessionRow, 'run_valid' | 'run_level' | 'run_t' | 'run_joined' | 'run_peak' | 'run_peak_at' | 'ended_at'>, now: number): { peak: number; at: number | null } | undefined {
  if (Number(row.run_valid) !== 1 || row.run_t === null) return undefined;
  const t = Number(row.run_t);
  // A live session's figure runs to now: events recorded for later than now are not counted yet.
  if (row.ended_at === null && t > now) return undefined;
  let peak = Number(row.run_peak);
  let at = row.run_peak_at === null ? null : Number(row.run_peak_at);
  // The latest instant is settled as the next event would settle it, if it lies inside the span:
  // the sweep clips every stay at the span's end, so nobody counts at that very instant.
  const end = row.ended_at === null ? now : Number(row.ended_at);
  if (t < end && Number(row.run_joined) === 1 && Number(row.run_level) > peak) {
    peak = Number(row.run_level);
    at = t;
  }
  return peak > 0 ? { peak, at } : { peak: 0, at: null };
}
