import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { CrossProcessRelay, EventBus } from '../core/event-bus.js';
import { isRoomEvent, type RoomEvent, type RoomRef } from '../core/events.js';

/** The Redis channel of one room's events. The tenant id (random) keeps deployments that share a Redis apart. */
export function roomChannel(room: RoomRef): string {
  return `lectern:room:${room.tenantId}:${room.roomId}`;
}

interface Envelope {
  origin: string;
  event: RoomEvent;
}

/**
 * Relays committed room events between Lectern processes through Redis pub/sub, one channel per
 * room: a process publishes each event it commits on the room's channel, and subscribes to a
 * room's channel only while it has local subscribers of that room. Each process ignores its own
 * messages (it delivered them locally already). Pub/sub does not order events of different
 * processes nor guarantee delivery; ordered subscriptions fill gaps from the outbox.
 */
export class RedisEventRelay implements CrossProcessRelay {
  private readonly origin = randomUUID();
  private readonly pub: Redis;
  private readonly sub: Redis;

  private constructor(url: string, private readonly bus: EventBus, private readonly onError: (err: unknown) => void) {
    this.pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    this.sub = new Redis(url, { lazyConnect: true });
    this.pub.on('error', onError);
    this.sub.on('error', onError);
  }

  static async start(url: string, bus: EventBus, onError: (err: unknown) => void = () => {}): Promise<RedisEventRelay> {
    const relay = new RedisEventRelay(url, bus, onError);
    await relay.pub.connect();
    await relay.sub.connect();
    relay.sub.on('message', (channel: string, message: string) => relay.receive(channel, message));
    await bus.setRelay(relay);
    return relay;
  }

  forward(event: RoomEvent): void {
    const envelope: Envelope = { origin: this.origin, event };
    this.pub.publish(roomChannel(event), JSON.stringify(envelope)).catch(this.onError);
  }

  async watch(room: RoomRef): Promise<void> {
    try {
      await this.sub.subscribe(roomChannel(room));
    } catch (err) {
      // Local delivery goes on; other processes' events reach ordered subscribers through the outbox.
      this.onError(err);
    }
  }

  unwatch(room: RoomRef): void {
    this.sub.unsubscribe(roomChannel(room)).catch(this.onError);
  }

  private receive(channel: string, message: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(message) as Envelope;
    } catch (err) {
      this.onError(err);
      return;
    }
    if (envelope.origin === this.origin) return;
    if (!isRoomEvent(envelope.event) || roomChannel(envelope.event) !== channel) {
      this.onError(new Error(`ignored a malformed classroom event on ${channel}`));
      return;
    }
    this.bus.deliverRemote(envelope.event);
  }

  async close(): Promise<void> {
    await this.bus.setRelay(undefined);
    await Promise.allSettled([this.sub.quit(), this.pub.quit()]);
  }
}
