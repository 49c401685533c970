import { describe, expect, it } from 'vitest';
import { EventBus, type ClassroomEvent } from '../core/events.js';
import { RedisEventRelay } from './redis-relay.js';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

describe('RedisEventRelay (real Redis)', () => {
  it('delivers events published in one process to the other, once, and not back to the sender', async () => {
    const busA = new EventBus();
    const busB = new EventBus();
    const relayA = await RedisEventRelay.start(REDIS_URL, busA);
    const relayB = await RedisEventRelay.start(REDIS_URL, busB);
    try {
      const seenA: ClassroomEvent[] = [];
      const seenB: ClassroomEvent[] = [];
      busA.subscribe((e) => seenA.push(e));
      busB.subscribe((e) => seenB.push(e));
      const event: ClassroomEvent = { type: 'chat.sent', tenantId: 't', roomId: 7, sessionId: 3, at: 1, data: { content: '你好' } };
      busA.publish(event);
      await expect.poll(() => seenB.length, { timeout: 20_000 }).toBe(1);
      expect(seenB[0]).toEqual(event);
      await new Promise((r) => setTimeout(r, 100));
      expect(seenA).toHaveLength(1);
    } finally {
      await relayA.close();
      await relayB.close();
    }
  });
});
