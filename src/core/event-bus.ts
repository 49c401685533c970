import type { ClassroomEvent, RoomEvent, RoomRef } from './events.js';

/** How a bus reaches the other processes of a deployment (see `src/live/redis-relay.ts`). */
export interface CrossProcessRelay {
  /** Sends a room event this process committed to the processes that serve its room. */
  forward(event: RoomEvent): void;
  /** Starts receiving the room's events from other processes; resolves once they will arrive. */
  watch(room: RoomRef): Promise<void>;
  /** Stops receiving the room's events. */
  unwatch(room: RoomRef): void;
}

type Listener<E> = (event: E) => void;

interface RoomListeners {
  ref: RoomRef;
  listeners: Set<Listener<RoomEvent>>;
  /** Settles once the relay delivers this room's events from other processes. */
  watched: Promise<void>;
}

/**
 * Where committed classroom events are announced. The unit of work publishes here after the
 * outermost commit (never before, never after a rollback). Room subscribers also receive the room's
 * events committed by other processes, through the relay; whole-bus subscribers see only this
 * process's own commits. Delivery is not ordered across processes: subscribers that need the
 * room's sequence use `subscribeInOrder` (`src/live/ordered-room-subscription.ts`).
 */
export class EventBus {
  private readonly local = new Set<Listener<ClassroomEvent>>();
  private readonly rooms = new Map<number, RoomListeners>();
  private relay: CrossProcessRelay | undefined;
  private reportListenerError: (err: unknown) => void = (err) => console.error('classroom event listener failed', err);

  /** Announces events this process committed: to local subscribers, and to other processes. */
  publish(event: ClassroomEvent): void {
    for (const listener of this.local) this.call(listener, event);
    if (event.roomId === null) return;
    this.deliverToRoom(event);
    this.relay?.forward(event);
  }

  /** Hands a room event committed by another process to this process's subscribers of the room. */
  deliverRemote(event: RoomEvent): void {
    this.deliverToRoom(event);
  }

  /** Every event this process commits, of every room (events of other processes are not seen here). */
  subscribe(listener: Listener<ClassroomEvent>): () => void {
    this.local.add(listener);
    return () => this.local.delete(listener);
  }

  /**
   * The room's events, committed here or by another process. Resolves once events of other
   * processes will arrive too; returns the unsubscribe function. The room's channel is watched
   * while the room has at least one subscriber in this process.
   */
  async subscribeRoom(room: RoomRef, listener: Listener<RoomEvent>): Promise<() => void> {
    let entry = this.rooms.get(room.roomId);
    if (!entry) {
      entry = { ref: { tenantId: room.tenantId, roomId: room.roomId }, listeners: new Set(), watched: Promise.resolve() };
      entry.watched = this.relay ? this.relay.watch(entry.ref) : Promise.resolve();
      this.rooms.set(room.roomId, entry);
    }
    const subscribed = entry;
    subscribed.listeners.add(listener);
    let active = true;
    const unsubscribe = () => {
      if (!active) return;
      active = false;
      subscribed.listeners.delete(listener);
      if (subscribed.listeners.size === 0 && this.rooms.get(room.roomId) === subscribed) {
        this.rooms.delete(room.roomId);
        this.relay?.unwatch(subscribed.ref);
      }
    };
    await subscribed.watched;
    return unsubscribe;
  }

  /** Sets (or removes) the relay to other processes; the rooms already subscribed are watched through it. */
  async setRelay(relay: CrossProcessRelay | undefined): Promise<void> {
    this.relay = relay;
    if (!relay) return;
    const watching = [...this.rooms.values()].map((entry) => (entry.watched = relay.watch(entry.ref)));
    await Promise.all(watching);
  }

  /** Where a subscriber's exception goes: it must not fail the write that was already committed. */
  setListenerErrorReporter(report: (err: unknown) => void): void {
    this.reportListenerError = report;
  }

  private deliverToRoom(event: RoomEvent): void {
    const entry = this.rooms.get(event.roomId);
    if (!entry) return;
    for (const listener of entry.listeners) this.call(listener, event);
  }

  private call<E>(listener: Listener<E>, event: E): void {
    try {
      listener(event);
    } catch (err) {
      this.reportListenerError(err);
    }
  }
}
