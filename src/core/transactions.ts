import { sql, type Kysely } from 'kysely';
import { isUniqueViolation } from './ids.js';
import type { Database } from '../storage/schema.js';
import { runTransaction } from '../storage/transaction-scope.js';

/**
 * Runs `fn` in a transaction: a new one, or the caller's when `db` already is one, so services
 * bound to a transaction (`Services.transaction`) compose into one atomic unit. Classroom activity
 * goes through the unit of work instead (`unit-of-work.ts`), which also publishes its events.
 */
export function inTransaction<T>(db: Kysely<Database>, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : runTransaction(db, fn);
}

/**
 * Runs `attempt` (an insert with random identifiers) until it does not hit a unique-constraint
 * violation. Inside a transaction each attempt runs under a savepoint: on PostgreSQL a failed
 * statement aborts the whole transaction, and rolling back to the savepoint is what lets the next
 * attempt, and the rest of the transaction, go on.
 */
export async function withUniqueRetry<T>(db: Kysely<Database>, attempt: () => Promise<T>, tries = 8): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      if (!db.isTransaction) return await attempt();
      await sql`SAVEPOINT unique_retry`.execute(db);
      try {
        const result = await attempt();
        await sql`RELEASE SAVEPOINT unique_retry`.execute(db);
        return result;
      } catch (err) {
        await sql`ROLLBACK TO SAVEPOINT unique_retry`.execute(db);
        await sql`RELEASE SAVEPOINT unique_retry`.execute(db);
        throw err;
      }
    } catch (err) {
      if (i + 1 >= tries || !isUniqueViolation(err)) throw err;
    }
  }
}
