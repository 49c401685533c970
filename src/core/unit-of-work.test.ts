import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness.js';
import type { RoomRow } from '../storage/schema.js';
import { EventBus } from './event-bus.js';
import type { ClassroomEvent, RoomEvent } from './events.js';
import { RedisEventRelay } from '../live/redis-relay.js';
import { createTenant } from '../dialects/provision.js';
import { Services } from './services.js';
import { requires, TEST_REDIS_URL } from '../../test/requirements.js';

const REDIS_URL = TEST_REDIS_URL;
const hasRedis = requires(['redis'], 'unit of work: rolled-back events never reach Redis');

let env: TestEnv;
let tenantId: string;
beforeAll(async () => {
  env = await createTestEnv();
  tenantId = (await createTenant(env.services, { name: 'Outbox School', site: `outbox-${randomUUID().slice(0, 8)}.example.test` })).tenant.id;
});
afterAll(() => env?.close());

const newRoom = (title = 'Room') => env.services.rooms.create({ tenantId, kind: 'large_class', title });
const student = (n: string) => ({ key: `guest:${n}`, name: n });
const ref = (room: RoomRow) => ({ tenantId: room.tenant_id, roomId: room.id });

/** The room's outbox rows, as (seq, type). */
async function outbox(room: RoomRow) {
  return (await env.storage.db.selectFrom('room_events').select(['seq', 'type']).where('room_id', '=', room.id).orderBy('seq').execute());
}

describe('unit of work', () => {
  it.skipIf(!hasRedis)('never publishes an event of a rolled-back transaction, locally or through Redis, and leaves no outbox row', async () => {
    const room = await newRoom();
    const local: ClassroomEvent[] = [];
    env.services.bus.subscribe((e) => local.push(e));
    const relay = await RedisEventRelay.start(REDIS_URL, env.services.bus);
    const otherProcess = new EventBus();
    const otherRelay = await RedisEventRelay.start(REDIS_URL, otherProcess);
    try {
      const remote: RoomEvent[] = [];
      await otherProcess.subscribeRoom(ref(room), (e) => remote.push(e));

      await expect(env.services.transaction(async (tx) => {
        await tx.ingestion.startSession(room);
        await tx.ingestion.chat({ room, sender: student('amy'), senderRole: 'student', content: 'lost' });
        throw new Error('rolled back on purpose');
      })).rejects.toThrow('rolled back on purpose');
      expect(local).toEqual([]);
      expect(await env.storage.db.selectFrom('live_sessions').select('id').where('room_id', '=', room.id).execute()).toEqual([]);
      expect(await outbox(room)).toEqual([]);

      // A later commit goes through the same Redis connection; had the rolled-back events been
      // sent, they would arrive before it. The rollback also gave back its sequence numbers.
      await env.services.ingestion.chat({ room, sender: student('amy'), senderRole: 'student', content: 'kept' });
      await expect.poll(() => remote.length, { timeout: 20_000 }).toBe(1);
      expect(remote[0]).toMatchObject({ type: 'chat.sent', seq: 1, data: { content: 'kept' } });
      expect(local.map((e) => e.type)).toEqual(['chat.sent']);
      expect(await outbox(room)).toEqual([{ seq: 1, type: 'chat.sent' }]);
    } finally {
      await relay.close();
      await otherRelay.close();
    }
  });

  it('publishes the events of a committed transaction only after the outermost commit, in sequence order', async () => {
    const room = await newRoom();
    const seen: ClassroomEvent[] = [];
    const unsubscribe = env.services.bus.subscribe((e) => {
      if (e.roomId === room.id) seen.push(e);
    });
    const seenBeforeCommit: number[] = [];
    await env.services.transaction(async (tx) => {
      await tx.ingestion.join({ room, who: student('ann'), role: 'student' });
      seenBeforeCommit.push(seen.length);
      await tx.ingestion.startSession(room);
      seenBeforeCommit.push(seen.length);
      // A nested transaction joins the outer one: its events wait for the outermost commit too.
      await tx.transaction(async (inner) => {
        await inner.ingestion.chat({ room, sender: student('ann'), senderRole: 'student', content: 'hi' });
        await inner.ingestion.ask({ room, asker: student('ann'), content: 'why?' });
      });
      seenBeforeCommit.push(seen.length);
      await tx.ingestion.endSession(room);
      seenBeforeCommit.push(seen.length);
    });
    unsubscribe();
    expect(seenBeforeCommit).toEqual([0, 0, 0, 0]);
    expect(seen.map((e) => [e.seq, e.type])).toEqual([
      [1, 'participant.joined'], [2, 'session.started'], [3, 'chat.sent'], [4, 'question.asked'], [5, 'session.ended'],
    ]);
    // What was published is what the outbox holds, row ids included.
    expect(await env.services.roomEvents.since(ref(room), 0)).toEqual(seen);
    expect(await env.services.roomEvents.lastSeq(ref(room))).toBe(5);
  });

  it('numbers each room on its own, continues a room\'s sequence across transactions, and keeps roomless events out of every sequence', async () => {
    const a = await newRoom('A');
    const b = await newRoom('B');
    const seen: ClassroomEvent[] = [];
    const unsubscribe = env.services.bus.subscribe((e) => seen.push(e));
    await env.services.transaction(async (tx) => {
      await tx.ingestion.announce({ room: b, content: 'b1' });
      await tx.ingestion.announce({ room: a, content: 'a1' });
      await tx.ingestion.announce({ room: b, content: 'b2' });
      await tx.ingestion.vodView({ tenantId, vodId: 99, roomId: null, who: student('vic'), startedAt: 1, leftAt: 2 });
    });
    await env.services.ingestion.announce({ room: a, content: 'a2' });
    unsubscribe();
    expect(seen.map((e) => [e.roomId, e.seq, e.type])).toEqual([
      [b.id, 1, 'announcement.set'], [a.id, 1, 'announcement.set'], [b.id, 2, 'announcement.set'], [null, null, 'vod.viewed'], [a.id, 2, 'announcement.set'],
    ]);
    const roomless = await env.storage.db.selectFrom('room_events').selectAll().where('room_id', 'is', null).where('tenant_id', '=', tenantId).execute();
    expect(roomless).toHaveLength(1);
    expect(roomless[0]).toMatchObject({ type: 'vod.viewed', seq: null, id: seen[3].id });
    expect((await env.services.roomEvents.since(ref(a), 0)).map((e) => e.data)).toMatchObject([{ content: 'a1' }, { content: 'a2' }]);
  });

  it('reads a room\'s events after a sequence number, a page at a time', async () => {
    const room = await newRoom();
    for (let i = 1; i <= 5; i++) await env.services.ingestion.announce({ room, content: `n${i}` });
    const page = await env.services.roomEvents.since(ref(room), 1, 2);
    expect(page.map((e) => e.seq)).toEqual([2, 3]);
    expect((await env.services.roomEvents.since(ref(room), 3)).map((e) => e.seq)).toEqual([4, 5]);
    expect(await env.services.roomEvents.since(ref(room), 5)).toEqual([]);
    // Another tenant's address of the same room id reads nothing.
    expect(await env.services.roomEvents.since({ tenantId: 'someone-else', roomId: room.id }, 0)).toEqual([]);
    expect(await env.services.roomEvents.lastSeq({ tenantId: 'someone-else', roomId: room.id })).toBe(0);
    await expect(env.services.roomEvents.since(ref(room), -1)).rejects.toMatchObject({ kind: 'invalid' });
  });

  it('a subscriber that throws neither fails the committed write nor keeps the event from other subscribers', async () => {
    const room = await newRoom();
    const reported: unknown[] = [];
    env.services.bus.setListenerErrorReporter((err) => reported.push(err));
    const received: string[] = [];
    const off1 = env.services.bus.subscribe(() => {
      throw new Error('listener bug');
    });
    const off2 = env.services.bus.subscribe((e) => received.push(e.type));
    try {
      await expect(env.services.ingestion.announce({ room, content: 'still stored' })).resolves.toBeGreaterThan(0);
    } finally {
      off1();
      off2();
    }
    expect(received).toEqual(['announcement.set']);
    expect(reported).toHaveLength(1);
    expect(await outbox(room)).toEqual([{ seq: 1, type: 'announcement.set' }]);
  });

  it('refuses classroom writes from services built on a bare transaction, whose commit it could not see', async () => {
    const room = await newRoom();
    await expect(env.storage.db.transaction().execute((trx) => new Services(trx, env.storage.engine).ingestion.announce({ room, content: 'x' })))
      .rejects.toThrow(/Services.transaction/);
    expect(await outbox(room)).toEqual([]);
  });
});
