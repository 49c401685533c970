import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { ClassroomEvent, EventBus } from '../core/events.js';

const CHANNEL = 'lectern:classroom-events';

interface Envelope {
  origin: string;
  event: ClassroomEvent;
}

/**
 * Relays classroom events between Lectern processes through Redis pub/sub, so a room's live
 * participants connected to different processes all see every event. Each process ignores its
 * own messages (it delivered them locally already).
 */
export class RedisEventRelay {
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
    relay.sub.on('message', (_channel: string, message: string) => relay.receive(message));
    await relay.sub.subscribe(CHANNEL);
    bus.setRelay((event) => {
      const envelope: Envelope = { origin: relay.origin, event };
      relay.pub.publish(CHANNEL, JSON.stringify(envelope)).catch(onError);
    });
    return relay;
  }

  private receive(message: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(message) as Envelope;
    } catch (err) {
      this.onError(err);
      return;
    }
    if (envelope.origin !== this.origin) this.bus.deliverRemote(envelope.event);
  }

  async close(): Promise<void> {
    this.bus.setRelay(undefined);
    await Promise.allSettled([this.sub.quit(), this.pub.quit()]);
  }
}
