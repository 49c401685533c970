import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../storage/schema.js';
import { runTransaction } from '../storage/transaction-scope.js';
import type { EventBus } from './event-bus.js';
import type { ClassroomEvent, PendingEvent } from './events.js';
import { writeOutbox } from './outbox.js';
import { runOutboxHooks } from './outbox-hooks.js';

/** Runs work atomically: in a transaction of its own, or as part of one already under way. */
export interface UnitOfWorkRunner {
  run<T>(work: (uow: UnitOfWork) => Promise<T>): Promise<T>;
}

/**
 * One transaction and the classroom events it announces. Work records its events here; they are
 * written to the outbox inside the transaction just before it commits, and published on the bus
 * only after the outermost commit. A rollback discards them with everything else.
 * Running work on a unit joins it: the work is part of the same transaction.
 */
export class UnitOfWork implements UnitOfWorkRunner {
  private readonly pending: PendingEvent[] = [];
  private closed = false;

  /** @param db the transaction */
  constructor(readonly db: Kysely<Database>) {}

  record(event: PendingEvent): void {
    // Work that outlives its transaction (an un-awaited call) must fail loudly, not lose its event.
    if (this.closed) throw new Error(`${event.type} recorded after its transaction ended`);
    this.pending.push(event);
  }

  run<T>(work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
    return work(this);
  }

  /** How many events are recorded so far: pass it to `forgetSince` when work after it is rolled back to a savepoint. */
  mark(): number {
    return this.pending.length;
  }

  /** Drops the events recorded after `mark`: their work was rolled back to a savepoint taken there. */
  forgetSince(mark: number): void {
    this.pending.length = Math.min(this.pending.length, mark);
  }

  /** Writes the recorded events to the outbox; the last thing the transaction does. */
  async flush(): Promise<ClassroomEvent[]> {
    this.closed = true;
    if (this.pending.length === 0) return [];
    const now = Date.now();
    const written = await writeOutbox(this.db, this.pending, now);
    await runOutboxHooks(this.db, written, now);
    return written;
  }

  /** Drops the recorded events: the transaction rolls back. */
  discard(): void {
    this.closed = true;
    this.pending.length = 0;
  }
}

/** Opens a transaction per unit of work and publishes the unit's events once it has committed. */
export class TransactionRunner implements UnitOfWorkRunner {
  constructor(private readonly db: Kysely<Database>, private readonly bus: EventBus) {}

  async run<T>(work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) {
      // Nobody would know when this transaction commits, so its events could not be published.
      throw new Error('services built on a bare transaction cannot write classroom activity; use Services.transaction');
    }
    let committed: ClassroomEvent[] = [];
    const result = await runTransaction(this.db, async (trx: Transaction<Database>) => {
      const uow = new UnitOfWork(trx);
      try {
        const value = await work(uow);
        committed = await uow.flush();
        return value;
      } catch (err) {
        uow.discard();
        throw err;
      }
    });
    for (const event of committed) this.bus.publish(event);
    return result;
  }
}
