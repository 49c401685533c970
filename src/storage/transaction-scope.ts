import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

interface OpenTransaction {
  open: boolean;
}

/**
 * Whether transactions are tracked (see `insideOpenTransaction`). Tracking needs an async context,
 * and on Node 20 an AsyncLocalStorage in use costs every promise of the process (promise hooks),
 * which is a tenth of a signed call's CPU. So it is on where mistakes are looked for — the tests
 * (Vitest sets VITEST), NODE_ENV=test, or LECTERN_TRANSACTION_GUARD=1 — and off in production, where
 * the SQLite connection queue's wait limit turns the same mistake into an error instead of a hang.
 */
export const TRANSACTIONS_TRACKED = process.env.LECTERN_TRANSACTION_GUARD === '1'
  || (process.env.LECTERN_TRANSACTION_GUARD !== '0' && (process.env.VITEST !== undefined || process.env.NODE_ENV === 'test'));

const scope = TRANSACTIONS_TRACKED ? new AsyncLocalStorage<OpenTransaction>() : undefined;

/**
 * Opens a transaction and, where transactions are tracked, marks the code it runs as "inside a
 * transaction" until it settles. On SQLite the transaction holds the one connection, so a query on
 * the outer database from that code would wait for the connection forever; the SQLite driver asks
 * `insideOpenTransaction` and throws instead of hanging.
 */
export function runTransaction<T>(db: Kysely<Database>, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (!scope) return db.transaction().execute(fn);
  return db.transaction().execute((trx) => {
    const state: OpenTransaction = { open: true };
    return scope.run(state, async () => {
      try {
        return await fn(trx);
      } finally {
        // Timers and callbacks started inside keep this context; once the transaction is over they may query freely.
        state.open = false;
      }
    });
  });
}

/** True in code run by `runTransaction` while its transaction is still open (always false where untracked). */
export function insideOpenTransaction(): boolean {
  return scope?.getStore()?.open === true;
}
