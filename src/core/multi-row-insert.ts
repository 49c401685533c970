import { CompiledQuery, PostgresAdapter, type Insertable, type Kysely } from 'kysely';
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

const statements = new Map<string, string>();

/** `INSERT … VALUES (…), (…) … RETURNING id` for `rows` rows, with the engine's placeholders. */
function insertText(table: string, columns: readonly string[], rows: number, numbered: boolean): string {
  const key = `${table}|${columns.join(',')}|${rows}|${numbered}`;
  let text = statements.get(key);
  if (text === undefined) {
    let n = 0;
    const tuple = () => `(${columns.map(() => (numbered ? `$${++n}` : '?')).join(', ')})`;
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${Array.from({ length: rows }, tuple).join(', ')} returning "id"`;
    if (statements.size > 100) statements.clear();
    statements.set(key, text);
  }
  return text;
}

/**
 * Multi-row inserts, returning the new rows' ids in the order of `rows` (which all have the same
 * keys). Ids come from one increasing sequence and a statement takes them in row order, so the
 * sorted ids are the rows'. The statement is written directly, not through Kysely's builder:
 * building and compiling a query of thousands of values costs more than SQLite takes to run it.
 */
export async function insertReturningIds<T extends 'participations' | 'chat_messages' | 'room_events'>(db: Kysely<Database>, table: T, rows: ReadonlyArray<Insertable<Database[T]>>): Promise<number[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]);
  const numbered = db.getExecutor().adapter instanceof PostgresAdapter;
  const ids: number[] = [];
  for (const part of chunks(rows, ROWS_PER_INSERT)) {
    const parameters: unknown[] = [];
    for (const row of part) {
      const values = row as Record<string, unknown>;
      for (const column of columns) parameters.push(values[column] ?? null);
    }
    const result = await db.executeQuery<{ id: number | string }>(CompiledQuery.raw(insertText(table, columns, part.length, numbered), parameters));
    ids.push(...result.rows.map((r) => Number(r.id)).sort((a, b) => a - b));
  }
  return ids;
}
