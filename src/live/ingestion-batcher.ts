import { sql } from 'kysely';
import type { Services } from '../core/services.js';
import type { UnitOfWork } from '../core/unit-of-work.js';
import type { JoinInput } from '../core/ingestion.js';
import { conflicts, KnownParticipants, presenceKey, writeBulk, type BulkOp, type ChatInput, type JoinResult, type LeaveInput } from '../core/bulk-ingestion.js';

interface Item {
  /** The command on its own (and the fallback of a bulk op whose bulk write failed). */
  work: (tx: Services) => Promise<unknown>;
  /** Set for joins, leaves and chat: written together with the batch's other ones (`writeBulk`). */
  bulk?: BulkOp;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

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
 *
 * Joins, leaves and chat (`join`, `leave`, `chat`) take the bulk path: a run of them in a batch is
 * written with a few multi-row statements (`writeBulk`) instead of ~5 statements each, in the same
 * order and with the same records and events. If a bulk write fails, its run is rolled back to a
 * savepoint and each of its commands is tried alone, so one bad command still fails alone.
 */
export class IngestionBatcher {
  private queue: Item[] = [];
  private running = false;
  private readonly maxBatch: number;
  /** The people this batcher has written for: a busy room's are looked up once, not once per batch. */
  private readonly known = new KnownParticipants();
  /** Transactions committed and commands written, for tests and the benchmark. */
  readonly stats = { batches: 0, commands: 0, bulk: 0 };

  constructor(private readonly services: Services, opts: BatcherOptions = {}) {
    this.maxBatch = opts.maxBatch ?? 1000;
  }

  /** Runs `work` in the next batch; settles once that batch has committed (or with the work's own error). */
  submit<T>(work: (tx: Services) => Promise<T>): Promise<T> {
    return this.enqueue(work);
  }

  /** `ClassroomIngestion.join`, group-committed on the bulk path. */
  join(input: JoinInput): Promise<JoinResult> {
    const fixed = { ...input, at: input.at ?? Date.now() };
    return this.enqueue((tx) => tx.ingestion.join(fixed), { kind: 'join', input: fixed });
  }

  /** `ClassroomIngestion.leave`, group-committed on the bulk path. */
  leave(input: LeaveInput): Promise<void> {
    return this.enqueue((tx) => tx.ingestion.leave(input.room, input.participantId, input.at, input.participationId), { kind: 'leave', input });
  }

  /** `ClassroomIngestion.chat`, group-committed on the bulk path; resolves to the message id. */
  chat(input: ChatInput): Promise<number> {
    const fixed = { ...input, at: input.at ?? Date.now() };
    return this.enqueue((tx) => tx.ingestion.chat(fixed), { kind: 'chat', input: fixed });
  }

  private enqueue<T>(work: (tx: Services) => Promise<T>, bulk?: BulkOp): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, bulk, resolve: resolve as (value: unknown) => void, reject });
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
    const outcomes: Outcome[] = [];
    try {
      await this.services.transaction((tx) => tx.units.run(async (uow) => {
        for (let i = 0; i < batch.length;) {
          if (!batch[i].bulk) {
            outcomes.push(await this.alone(tx, uow, batch[i]));
            i++;
            continue;
          }
          // The longest run of bulk ops from here in which no person's presence is touched twice.
          const run: Item[] = [];
          const touched = new Set<string>();
          for (; i < batch.length && batch[i].bulk && !conflicts(batch[i].bulk!, touched); i++) {
            const key = presenceKey(batch[i].bulk!);
            if (key !== undefined) touched.add(key);
            run.push(batch[i]);
          }
          outcomes.push(...await this.together(tx, uow, run));
        }
      }));
    } catch {
      this.known.clear();
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
    this.stats.bulk += batch.filter((item) => item.bulk).length;
    this.stats.commands += batch.length;
    batch.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  /** One command under a savepoint: if it fails, only its writes and events are undone. */
  private async alone(tx: Services, uow: UnitOfWork, item: Item): Promise<Outcome> {
    const mark = uow.mark();
    await sql`SAVEPOINT batch_item`.execute(uow.db);
    try {
      const value = await item.work(tx);
      await sql`RELEASE SAVEPOINT batch_item`.execute(uow.db);
      return { ok: true, value };
    } catch (error) {
      await sql`ROLLBACK TO SAVEPOINT batch_item`.execute(uow.db);
      await sql`RELEASE SAVEPOINT batch_item`.execute(uow.db);
      uow.forgetSince(mark);
      return { ok: false, error };
    }
  }

  /** A run of bulk ops in one write; if that fails, rolled back and each op tried alone. */
  private async together(tx: Services, uow: UnitOfWork, run: Item[]): Promise<Outcome[]> {
    const mark = uow.mark();
    await sql`SAVEPOINT batch_bulk`.execute(uow.db);
    try {
      const values = await writeBulk(uow, run.map((item) => item.bulk!), this.known);
      await sql`RELEASE SAVEPOINT batch_bulk`.execute(uow.db);
      return values.map((value) => ({ ok: true, value }));
    } catch {
      // What it knew may be why it failed (a participant deleted since): it is read afresh from now on.
      this.known.clear();
      await sql`ROLLBACK TO SAVEPOINT batch_bulk`.execute(uow.db);
      await sql`RELEASE SAVEPOINT batch_bulk`.execute(uow.db);
      uow.forgetSince(mark);
      const outcomes: Outcome[] = [];
      for (const item of run) outcomes.push(await this.alone(tx, uow, item));
      return outcomes;
    }
  }
}
