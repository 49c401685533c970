import { sql, type Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema

/**
 * A covering index for a room's attendance sweeps (peak concurrency, overlap windows): the room,
 * then both ends of the interval, so the sweep reads the index alone and never the table rows.
 * Measured in bench/PEAK.md (500,000 intervals of one room, SQLite).
 */
export async function up(db: AnyDb, postgres: boolean): Promise<void> {
  await db.schema.createIndex('participations_room_interval').on('participations').columns(['room_id', 'joined_at', 'left_at']).execute();
  if (!postgres) await sql`PRAGMA optimize`.execute(db);
}
