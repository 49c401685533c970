import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness.js';
import { EventBus } from '../core/event-bus.js';
import type { RoomEvent, RoomRef } from '../core/events.js';
import { createTenant } from '../dialects/provision.js';
import type { RoomRow } from '../storage/schema.js';
import { subscribeInOrder, type RoomEventSource } from './ordered-room-subscription.js';

let env: TestEnv;
let tenantId: string;
beforeAll(async () => {
  env = await createTestEnv();
  tenantId = (await createTenant(env.services, { name: 'Ordered School', site: `ordered-${randomUUID().slice(0, 8)}.example.test` })).tenant.id;
});
afterAll(() => env?.close());

const newRoom = () => env.services.rooms.create({ tenantId, kind: 'large_class', title: 'Room' });
const ref = (room: RoomRow): RoomRef => ({ tenantId: room.tenant_id, roomId: room.id });
const announce = (room: RoomRow, n: number) => env.services.ingestion.announce({ room, content: `n${n}` });

describe('ordered room subscription', () => {
  it('delivers events that reach it out of order, late or twice in sequence order, reading the missing ones from the outbox', async () => {
    const room = await newRoom();
    // The subscription's bus stands for a process that hears these commits only through pub/sub.
    const bus = new EventBus();
    const seqs: number[] = [];
    const sub = await subscribeInOrder({ bus, log: env.services.roomEvents, room: ref(room), onEvent: (e) => seqs.push(e.seq) });
    try {
      for (let i = 1; i <= 5; i++) await announce(room, i);
      const stored = await env.services.roomEvents.since(ref(room), 0);
      bus.deliverRemote(stored[4]);
      await expect.poll(() => seqs, { timeout: 5_000 }).toEqual([1, 2, 3, 4, 5]);
      bus.deliverRemote(stored[2]);
      bus.deliverRemote(stored[4]);
      await announce(room, 6);
      bus.deliverRemote((await env.services.roomEvents.since(ref(room), 5))[0]);
      await expect.poll(() => seqs, { timeout: 5_000 }).toEqual([1, 2, 3, 4, 5, 6]);
      expect(sub.lastSeq).toBe(6);
    } finally {
      sub.close();
    }
  });

  it('starts after the room\'s last event by default, and resumes after a given sequence number from the outbox', async () => {
    const room = await newRoom();
    for (let i = 1; i <= 3; i++) await announce(room, i);
    const fresh: number[] = [];
    const resumed: string[] = [];
    const live = await subscribeInOrder({ bus: env.services.bus, log: env.services.roomEvents, room: ref(room), onEvent: (e) => fresh.push(e.seq) });
    const resuming = await subscribeInOrder({
      bus: env.services.bus, log: env.services.roomEvents, room: ref(room), afterSeq: 1,
      onEvent: (e) => resumed.push(`${e.seq}:${e.type === 'announcement.set' ? e.data.content : e.type}`),
    });
    try {
      await announce(room, 4);
      await expect.poll(() => resumed, { timeout: 5_000 }).toEqual(['2:n2', '3:n3', '4:n4']);
      expect(fresh).toEqual([4]);
    } finally {
      live.close();
      resuming.close();
    }
    await announce(room, 5);
    await new Promise((r) => setTimeout(r, 50));
    expect(fresh).toEqual([4]);
  });

  it('finds a quiet room\'s last event that never reached it (a process without a relay committed it) by reading the outbox while idle', async () => {
    const room = await newRoom();
    const seqs: number[] = [];
    // This bus hears nothing: the commits below stand for another process whose announcement was lost.
    const sub = await subscribeInOrder({ bus: new EventBus(), log: env.services.roomEvents, room: ref(room), idleCheckMs: 100, onEvent: (e) => seqs.push(e.seq) });
    const deaf = await subscribeInOrder({ bus: new EventBus(), log: env.services.roomEvents, room: ref(room), idleCheckMs: 0, onEvent: (e) => seqs.push(-e.seq) });
    try {
      await announce(room, 1);
      await announce(room, 2);
      await expect.poll(() => seqs, { timeout: 5_000 }).toEqual([1, 2]);
      await new Promise((r) => setTimeout(r, 300));
      expect(seqs).toEqual([1, 2]);
    } finally {
      sub.close();
      deaf.close();
    }
  });

  it('catches up a backlog longer than one outbox read', async () => {
    const room = await newRoom();
    await env.services.transaction(async (tx) => {
      for (let i = 1; i <= 10; i++) await tx.ingestion.announce({ room, content: `n${i}`, at: i });
    });
    const seqs: number[] = [];
    const sub = await subscribeInOrder({ bus: new EventBus(), log: env.services.roomEvents, room: ref(room), afterSeq: 3, pageSize: 3, onEvent: (e) => seqs.push(e.seq) });
    try {
      await expect.poll(() => seqs, { timeout: 5_000 }).toEqual([4, 5, 6, 7, 8, 9, 10]);
    } finally {
      sub.close();
    }
  });

  it('keeps looking for a number the outbox does not show yet, and goes on after failed reads and failing listeners', async () => {
    const room: RoomRef = { tenantId: 't', roomId: 1 };
    const event = (seq: number): RoomEvent => ({ id: seq, seq, type: 'question.answered', tenantId: 't', roomId: 1, sessionId: null, at: seq, data: { id: seq, published: false, answer: null, answererName: 'T' } });
    const visible: RoomEvent[] = [];
    let failNextRead = false;
    const log: RoomEventSource = {
      async since(_room, afterSeq) {
        if (failNextRead) {
          failNextRead = false;
          throw new Error('database unavailable');
        }
        return visible.filter((e) => e.seq > afterSeq);
      },
      async lastSeq() {
        return 0;
      },
    };
    const bus = new EventBus();
    const errors: unknown[] = [];
    const seqs: number[] = [];
    const sub = await subscribeInOrder({
      bus, log, room, onError: (err) => errors.push(err),
      onEvent: (e) => {
        seqs.push(e.seq);
        if (e.seq === 2) throw new Error('listener bug');
      },
    });
    try {
      failNextRead = true;
      bus.deliverRemote(event(3));
      await expect.poll(() => errors.length, { timeout: 5_000 }).toBe(1);
      expect(seqs).toEqual([]);
      visible.push(event(1), event(2));
      // Numbers 1 and 2 become visible: the retry delivers them, then the held 3.
      await expect.poll(() => seqs, { timeout: 5_000 }).toEqual([1, 2, 3]);
      expect(errors.map((e) => (e as Error).message)).toEqual(['database unavailable', 'listener bug']);
    } finally {
      sub.close();
    }
  });
});
