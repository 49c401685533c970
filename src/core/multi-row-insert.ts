import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

/**
 * Rows per multi-row INSERT: SQLite binds at most 32,766 values per statement and the widest row
 * written this way has 16 columns. A fixed size also keeps the statement text (and SQLite's
 * prepared-statement cache entry) the same for every full chunk.
 */
export const ROWS_PER_INSERT = 1000;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Multi-row inserts, returning the new rows' ids in the order of `rows`. Ids come from one
 * increasing sequence and a statement takes them in row order, so the sorted ids are the rows'.
 * Through Kysely's builder like every write (its plugins observe writes: see write-observer.ts).
 */
export async function insertReturningIds<T extends 'participations' | 'chat_messages' | 'room_events'>(db: Kysely<Database>, table: T, rows: ReadonlyArray<Insertable<Database[T]>>): Promise<number[]> {
  const ids: number[] = [];
  for (const part of chunks(rows, ROWS_PER_INSERT)) {
    // Kysely cannot check a union of tables' rows against one of them: each caller passes its own table's rows.
    const returned = await db.insertInto(table as 'chat_messages').values(part as Array<Insertable<Database['chat_messages']>>).returning('id').execute();
    ids.push(...returned.map((r) => Number(r.id)).sort((a, b) => a - b));
  }
  return ids;
}
