import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../storage/schema.js';

/**
 * Runs `fn` in a transaction: a new one, or the caller's when `db` already is one, so services
 * built on a transaction (`new Services(trx, …)`) compose into one atomic unit.
 */
export function inTransaction<T>(db: Kysely<Database>, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute((trx: Transaction<Database>) => fn(trx));
}
