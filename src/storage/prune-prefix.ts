/** How a table's oldest rows are found and removed (see `prunePrefix`). */
export interface PrefixPruning<R extends { id: number }> {
  /** The table's first `limit` rows in id order. */
  read(limit: number): Promise<R[]>;
  /** Whether a row may go. */
  isOld(row: R): boolean;
  /** Removes every row with an id up to `lastId` (the caller's rows of that batch, all old). */
  remove(lastId: number, rows: readonly R[]): Promise<void>;
}

const BATCH = 1000;

/**
 * Removes a table's rows from its start, in id order, up to the first one that must stay, a batch
 * at a time, and returns how many went. Ids grow with time, so this is history oldest first; a row
 * that must stay keeps the ones after it too (they go once it has). Each batch is its own short
 * statement, so a large backlog never holds SQLite's one connection for long, and the work is
 * proportional to what is removed, not to the table.
 */
export async function prunePrefix<R extends { id: number }>(pruning: PrefixPruning<R>, batch = BATCH): Promise<number> {
  let removed = 0;
  for (;;) {
    const rows = await pruning.read(batch);
    let old = 0;
    while (old < rows.length && pruning.isOld(rows[old])) old++;
    if (old === 0) return removed;
    const gone = rows.slice(0, old);
    await pruning.remove(gone[gone.length - 1].id, gone);
    removed += old;
    if (old < rows.length || rows.length < batch) return removed;
  }
}
