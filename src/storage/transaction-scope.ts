import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

interface OpenTransaction {
  open: boolean;
}

const scope = new AsyncLocalStorage<OpenTransaction>();

/**
 * Opens a transaction and marks the code it runs as "inside a transaction" until it settles. On
 * SQLite the transaction holds the one connection, so a query on the outer database from that code
 * would wait for the connection forever; the SQLite driver asks `insideOpenTransaction` and throws
 * instead of hanging.
 */
export function runTransaction<T>(db: Kysely<Database>, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
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

/** True in code run by `runTransaction` while its transaction is still open. */
export function insideOpenTransaction(): boolean {
  return scope.getStore()?.open === true;
}
