import { sql } from 'kysely';
import type { Services } from '../core/services.js';

interface Item {
  work: (tx: Services) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

export interface BatcherOptions {
  /** Most commands written in one transaction. */
  maxBatch?: number;
}

/**
 * Group commit for the live runtime: the writes of many connections (joins, leaves, chat, answers…)
 * that arrive while a transaction is under way are written together in the next one, so a join
 * storm costs one commit per batch instead of one per person. Each command runs under a savepoint:
 * one that fails is rolled back alone (its events with it) and only its caller sees the error.
 * A caller's promise settles only after its batch has committed, so nothing is acknowledged to a
 * client before it is durable; events are written to the outbox and published as for any unit of
 * work (after commit, numbered per room).
 *
 * Work must use the services it is given (bound to the batch's transaction): on SQLite the one
 * connection is the transaction's until it commits.
 */
export class IngestionBatcher {
  private queue: Item[] = [];
  private running = false;
  private readonly maxBatch: number;
  /** Transactions committed and commands written, for tests and the benchmark. */
  readonly stats = { batches: 0, commands: 0 };

  constructor(private readonly services: Services, opts: BatcherOptions = {}) {
    this.maxBatch = opts.maxBatch ?? 1000;
  }

  /** Runs `work` in the next batch; settles once that batch has committed (or with the work's own error). */
  submit<T>(work: (tx: Services) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.running) {
        this.running = true;
        // Commands that arrive in the same turn of the event loop join the first batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      await this.write(batch);
    }
    this.running = false;
  }

  private async write(batch: Item[]): Promise<void> {
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      await this.services.transaction((tx) => tx.units.run(async (uow) => {
        for (const item of batch) {
          const mark = uow.mark();
          await sql`SAVEPOINT batch_item`.execute(uow.db);
          try {
            const value = await item.work(tx);
            await sql`RELEASE SAVEPOINT batch_item`.execute(uow.db);
            outcomes.push({ ok: true, value });
          } catch (error) {
            await sql`ROLLBACK TO SAVEPOINT batch_item`.execute(uow.db);
            await sql`RELEASE SAVEPOINT batch_item`.execute(uow.db);
            uow.forgetSince(mark);
            outcomes.push({ ok: false, error });
          }
        }
      }));
    } catch {
      // The batch itself failed (its commit, or a savepoint): each command is tried again on its own.
      for (const item of batch) {
        try {
          item.resolve(await this.services.transaction((tx) => item.work(tx)));
        } catch (error) {
          item.reject(error);
        }
      }
      return;
    }
    this.stats.batches++;
    this.stats.commands += batch.length;
    batch.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }
}
