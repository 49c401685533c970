import type { EventBus } from '../core/event-bus.js';
import type { RoomEvent, RoomRef } from '../core/events.js';
import { MAX_EVENTS_PER_READ, type RoomEventLog } from '../core/outbox.js';

/** Where missing events are read from: the outbox (`Services.roomEvents`). */
export type RoomEventSource = Pick<RoomEventLog, 'since' | 'lastSeq'>;

export interface OrderedSubscriptionOptions {
  bus: EventBus;
  log: RoomEventSource;
  room: RoomRef;
  /** Deliver the events after this sequence number (a resuming client's last seen one); by default only new events. */
  afterSeq?: number;
  onEvent: (event: RoomEvent) => void;
  /** Reading the outbox or the listener failed; delivery goes on. */
  onError?: (err: unknown) => void;
  /** Most events one outbox read returns. */
  pageSize?: number;
  /**
   * How often a quiet subscription reads the outbox for events it was never told of (ms; 0: never).
   * Without it, a room's last event lost on its way here (dropped by pub/sub, or committed by a
   * process that has no relay, such as a CLI command) would stay unseen until the room's next one.
   */
  idleCheckMs?: number;
}

/** How long to wait before reading the outbox again when a gap is still open after a read. */
const RETRY_MS = 100;

export const DEFAULT_IDLE_CHECK_MS = 2000;

/**
 * One room's events, delivered to a listener in sequence order with no gap and no duplicate. The
 * bus brings events of several transactions and processes in any order (and pub/sub may drop
 * some): an event ahead of the next expected number is held back, and the numbers in between are
 * read from the outbox, where every number below a committed one is already committed.
 */
export class OrderedRoomSubscription {
  private nextSeq = 1;
  private started = false;
  private closed = false;
  private readonly held = new Map<number, RoomEvent>();
  private reading = false;
  private retry: NodeJS.Timeout | undefined;
  private idleCheck: NodeJS.Timeout | undefined;
  /** Whether an event arrived since the last idle check. */
  private heard = false;
  private unsubscribe: () => void = () => {};

  private readonly pageSize: number;

  private constructor(private readonly opts: OrderedSubscriptionOptions) {
    this.pageSize = opts.pageSize ?? MAX_EVENTS_PER_READ;
  }

  /** Subscribes, then catches up from the outbox; resolves once events of other processes will arrive too. */
  static async start(opts: OrderedSubscriptionOptions): Promise<OrderedRoomSubscription> {
    const subscription = new OrderedRoomSubscription(opts);
    // Listening before reading the outbox: an event committed in between is then either read or heard.
    subscription.unsubscribe = await opts.bus.subscribeRoom(opts.room, (event) => subscription.receive(event));
    try {
      const after = opts.afterSeq ?? await opts.log.lastSeq(opts.room);
      subscription.begin(after, opts.afterSeq !== undefined);
    } catch (err) {
      subscription.close();
      throw err;
    }
    return subscription;
  }

  /** The last sequence number delivered (where a reconnecting client resumes). */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retry);
    clearInterval(this.idleCheck);
    this.held.clear();
    this.unsubscribe();
  }

  private begin(afterSeq: number, catchUp: boolean): void {
    this.nextSeq = afterSeq + 1;
    this.started = true;
    for (const seq of this.held.keys()) if (seq < this.nextSeq) this.held.delete(seq);
    if (catchUp) void this.read();
    else this.drain();
    const idleCheckMs = this.opts.idleCheckMs ?? DEFAULT_IDLE_CHECK_MS;
    if (idleCheckMs > 0) {
      this.idleCheck = setInterval(() => {
        if (!this.heard) void this.read();
        this.heard = false;
      }, idleCheckMs);
      this.idleCheck.unref();
    }
  }

  private receive(event: RoomEvent): void {
    this.heard = true;
    if (this.closed || (this.started && event.seq < this.nextSeq)) return;
    this.held.set(event.seq, event);
    if (this.started) this.drain();
  }

  /** Delivers what is next in line; a gap before held events is read from the outbox. */
  private drain(): void {
    this.deliverInLine();
    if (this.held.size > 0) void this.read();
  }

  private deliverInLine(): void {
    for (let event = this.held.get(this.nextSeq); event && !this.closed; event = this.held.get(this.nextSeq)) {
      this.held.delete(this.nextSeq);
      this.nextSeq++;
      try {
        this.opts.onEvent(event);
      } catch (err) {
        this.report(err);
      }
    }
  }

  /** Reads the outbox from the next expected number until the held events are in line. */
  private async read(): Promise<void> {
    if (this.reading || this.closed) return;
    this.reading = true;
    clearTimeout(this.retry);
    let retryLater = false;
    try {
      for (;;) {
        const before = this.nextSeq;
        const page = await this.opts.log.since(this.opts.room, this.nextSeq - 1, this.pageSize);
        if (this.closed) return;
        for (const event of page) if (event.seq >= this.nextSeq) this.held.set(event.seq, event);
        this.deliverInLine();
        if (page.length === this.pageSize) continue;
        if (this.held.size === 0) break;
        // Still a gap: read again at once if this read made progress, else the missing number is
        // not visible yet (or was lost with a failed read) and is looked for shortly.
        if (this.nextSeq === before) {
          retryLater = true;
          break;
        }
      }
    } catch (err) {
      retryLater = true;
      this.report(err);
    } finally {
      this.reading = false;
    }
    if (retryLater && !this.closed) this.retry = setTimeout(() => void this.read(), RETRY_MS);
  }

  private report(err: unknown): void {
    (this.opts.onError ?? ((e) => console.error('ordered room subscription', e)))(err);
  }
}

/** Subscribes to one room's events in sequence order (see `OrderedRoomSubscription`). */
export function subscribeInOrder(opts: OrderedSubscriptionOptions): Promise<OrderedRoomSubscription> {
  return OrderedRoomSubscription.start(opts);
}
