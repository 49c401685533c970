import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '../core/event-bus.js';
import type { ClassroomEvent, RoomEvent, RoomRef } from '../core/events.js';
import { RedisEventRelay, roomChannel } from './redis-relay.js';
import { requires, TEST_REDIS_URL } from '../../test/requirements.js';

const REDIS_URL = TEST_REDIS_URL;

let probe: Redis;

/** How many connections listen on the room's channel, as Redis counts them. */
async function listeners(room: RoomRef): Promise<number> {
  const [, count] = (await probe.pubsub('NUMSUB', roomChannel(room))) as [string, number];
  return Number(count);
}

const chat = (room: RoomRef, seq: number): RoomEvent => ({
  id: seq, seq, type: 'chat.sent', tenantId: room.tenantId, roomId: room.roomId, sessionId: 3, at: 1,
  data: { id: seq, from: 1, fromName: '学生', to: null, content: '你好' },
});

describe.skipIf(!requires(['redis'], 'RedisEventRelay (real Redis)'))('RedisEventRelay (real Redis)', () => {
  beforeAll(() => {
    probe = new Redis(REDIS_URL);
  });
  afterAll(() => probe?.quit());

  it('delivers a room event published in one process to the other process\'s subscribers of the room, once, and not back to the sender', async () => {
    const busA = new EventBus();
    const busB = new EventBus();
    const relayA = await RedisEventRelay.start(REDIS_URL, busA);
    const relayB = await RedisEventRelay.start(REDIS_URL, busB);
    try {
      const room = { tenantId: randomUUID(), roomId: 7 };
      const seenA: ClassroomEvent[] = [];
      const seenB: RoomEvent[] = [];
      const wholeBusB: ClassroomEvent[] = [];
      await busA.subscribeRoom(room, (e) => seenA.push(e));
      await busB.subscribeRoom(room, (e) => seenB.push(e));
      busB.subscribe((e) => wholeBusB.push(e));
      const event = chat(room, 1);
      busA.publish(event);
      await expect.poll(() => seenB.length, { timeout: 20_000 }).toBe(1);
      expect(seenB[0]).toEqual(event);
      await new Promise((r) => setTimeout(r, 100));
      expect(seenA).toEqual([event]);
      expect(seenB).toHaveLength(1);
      // Whole-bus subscribers see only their own process's commits.
      expect(wholeBusB).toEqual([]);
    } finally {
      await relayA.close();
      await relayB.close();
    }
  });

  it('subscribes to a room\'s channel with its first local subscriber and unsubscribes after its last', async () => {
    const bus = new EventBus();
    const other = new EventBus();
    const relay = await RedisEventRelay.start(REDIS_URL, bus);
    const otherRelay = await RedisEventRelay.start(REDIS_URL, other);
    try {
      const served = { tenantId: randomUUID(), roomId: 1 };
      const notServed = { tenantId: served.tenantId, roomId: 2 };
      expect(await listeners(served)).toBe(0);
      const seen: RoomEvent[] = [];
      const first = await bus.subscribeRoom(served, (e) => seen.push(e));
      const second = await bus.subscribeRoom(served, () => {});
      expect(await listeners(served)).toBe(1);
      expect(await listeners(notServed)).toBe(0);

      // The other process publishes to both rooms; only the served room's event arrives here.
      other.publish(chat(notServed, 1));
      other.publish(chat(served, 1));
      await expect.poll(() => seen.length, { timeout: 20_000 }).toBe(1);
      expect(seen[0].roomId).toBe(served.roomId);

      first();
      expect(await listeners(served)).toBe(1);
      second();
      await expect.poll(() => listeners(served), { timeout: 5_000 }).toBe(0);
    } finally {
      await relay.close();
      await otherRelay.close();
    }
  });

  it('watches the rooms already subscribed when the relay starts after them', async () => {
    const bus = new EventBus();
    const room = { tenantId: randomUUID(), roomId: 3 };
    const seen: RoomEvent[] = [];
    await bus.subscribeRoom(room, (e) => seen.push(e));
    const relay = await RedisEventRelay.start(REDIS_URL, bus);
    const other = new EventBus();
    const otherRelay = await RedisEventRelay.start(REDIS_URL, other);
    try {
      expect(await listeners(room)).toBe(1);
      other.publish(chat(room, 1));
      await expect.poll(() => seen.length, { timeout: 20_000 }).toBe(1);
    } finally {
      await relay.close();
      await otherRelay.close();
    }
  });
});
