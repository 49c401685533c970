import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestEnv, newTenant, type TestEnv } from '../../test/harness.js';
import { LiveClient } from '../../test/live-client.js';
import { buildApp } from '../server/app.js';
import { openStorage, type Storage } from '../storage/database.js';
import type { ClassroomEvent } from '../core/events.js';
import type { RoomRow } from '../storage/schema.js';
import { DomainError } from '../core/errors.js';
import { IngestionBatcher } from './ingestion-batcher.js';

let env: TestEnv;
let other: Storage;
let tenantId: string;

beforeAll(async () => {
  env = await createTestEnv();
  // A second connection to the same database: what it sees is committed.
  other = await openStorage({ dataDir: env.config.dataDir, databaseUrl: env.config.databaseUrl, databaseSchema: env.config.databaseSchema, poolSize: 2 });
  tenantId = (await newTenant(env, 'Batch School')).tenant.id;
});
afterAll(async () => {
  await other.close();
  await env.close();
});

const newRoom = (title: string) => env.services.rooms.create({ tenantId, kind: 'large_class', title });
const person = (i: number) => ({ key: `guest:batch${i}`, name: `Student ${i}` });
const committedJoins = async (room: RoomRow) => Number((await other.db.selectFrom('participations')
  .select((eb) => eb.fn.countAll<number>().as('n')).where('room_id', '=', room.id).executeTakeFirstOrThrow()).n);

function published(room: RoomRow): ClassroomEvent[] {
  const seen: ClassroomEvent[] = [];
  env.services.bus.subscribe((e) => {
    if (e.roomId === room.id) seen.push(e);
  });
  return seen;
}

describe('group-committed ingestion', () => {
  it('records every one of many concurrent joins, in far fewer transactions, with gapless room sequence numbers', async () => {
    const room = await newRoom('Join storm');
    const batcher = new IngestionBatcher(env.services, { maxBatch: 100 });
    const events = published(room);
    const joins = await Promise.all(Array.from({ length: 300 }, (_, i) =>
      batcher.submit((tx) => tx.ingestion.join({ room, who: person(i), role: 'student' }))));
    expect(new Set(joins.map((j) => j.participantId)).size).toBe(300);
    expect(await committedJoins(room)).toBe(300);
    expect(batcher.stats.commands).toBe(300);
    expect(batcher.stats.batches).toBeGreaterThanOrEqual(3);
    expect(batcher.stats.batches).toBeLessThan(30);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect((await env.services.roomEvents.since({ tenantId, roomId: room.id }, 0, 1000)).length).toBe(300);
  });

  it('a failing command fails alone: the others of its batch commit, its writes and events are gone', async () => {
    const room = await newRoom('One bad command');
    const batcher = new IngestionBatcher(env.services);
    const events = published(room);
    const outcomes = await Promise.allSettled([
      batcher.submit((tx) => tx.ingestion.chat({ room, sender: person(1), senderRole: 'student', content: 'first' })),
      // Writes, then fails: its message and its event must not survive.
      batcher.submit(async (tx) => {
        await tx.ingestion.chat({ room, sender: person(2), senderRole: 'student', content: 'rolled back' });
        throw new DomainError('invalid', 'this command is refused after writing', 'chat');
      }),
      // A database error (a poll that does not exist) in the middle of the batch.
      batcher.submit((tx) => tx.ingestion.respondPoll({ room, pollId: 999_999, who: person(3), answers: { 1: [1] } })),
      batcher.submit((tx) => tx.ingestion.chat({ room, sender: person(4), senderRole: 'student', content: 'last' })),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(DomainError);
    expect(batcher.stats.batches).toBe(1);
    const chat = await other.db.selectFrom('chat_messages').select('content').where('room_id', '=', room.id).orderBy('id').execute();
    expect(chat.map((c) => c.content)).toEqual(['first', 'last']);
    expect(events.map((e) => [e.seq, e.type])).toEqual([[1, 'chat.sent'], [2, 'chat.sent']]);
  });

  it('settles a command only once its batch is committed (visible to another connection)', async () => {
    const room = await newRoom('Durable first');
    const batcher = new IngestionBatcher(env.services);
    const seenAtAck: number[] = [];
    await Promise.all(Array.from({ length: 40 }, (_, i) => batcher.submit((tx) => tx.ingestion.join({ room, who: person(100 + i), role: 'student' }))
      .then(async () => { seenAtAck.push(await committedJoins(room)); })));
    expect(seenAtAck.every((n) => n === 40)).toBe(true);
  });
});

describe('the bulk path (joins, leaves, chat)', () => {
  it('writes the same records and events as one by one: in submission order, mixed with other commands, ids matching rows', async () => {
    const room = await newRoom('Bulk chat');
    const batcher = new IngestionBatcher(env.services, { maxBatch: 5000 });
    const events = published(room);
    // 2,500 messages in one batch: more rows than one multi-row insert takes (SQLite's variable limit).
    const sent = Array.from({ length: 2500 }, (_, i) => i === 1200
      ? batcher.submit((tx) => tx.ingestion.announce({ room, content: 'in the middle' }))
      : batcher.chat({ room, sender: person(i % 300), senderRole: 'student', content: `m${i}`, receiver: i === 7 ? person(8) : null }));
    const ids = await Promise.all(sent);
    expect(batcher.stats).toMatchObject({ batches: 1, commands: 2500, bulk: 2499 });
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 2500 }, (_, i) => i + 1));
    expect(events[1200].type).toBe('announcement.set');
    const rows = await other.db.selectFrom('chat_messages').select(['id', 'content', 'sender_name', 'receiver_name', 'is_private']).where('room_id', '=', room.id).orderBy('id').execute();
    expect(rows).toHaveLength(2499);
    const byId = new Map(rows.map((r) => [r.id, r]));
    ids.forEach((id, i) => {
      if (i === 1200) return;
      expect(byId.get(id as number)?.content).toBe(`m${i}`);
      const event = events[i];
      expect(event.type === 'chat.sent' && event.data.id === id && event.data.content === `m${i}`).toBe(true);
    });
    expect(byId.get(ids[7] as number)).toMatchObject({ is_private: 1, receiver_name: 'Student 8' });
    const outbox = await env.services.roomEvents.since({ tenantId, roomId: room.id }, 0, 1000);
    expect(outbox.map((e) => e.id)).toEqual(events.slice(0, 1000).map((e) => e.id));
    const senders = await other.db.selectFrom('participants').select('external_key').where('tenant_id', '=', tenantId).where('external_key', 'like', 'guest:batch%').execute();
    expect(new Set(senders.map((p) => p.external_key)).size).toBe(senders.length);
  });

  it('a person joining twice in one batch has two intervals, the first closed by the second; leaves close only their own', async () => {
    const room = await newRoom('Bulk joins');
    const batcher = new IngestionBatcher(env.services);
    const events = published(room);
    const [first, second, other1] = await Promise.all([
      batcher.join({ room, who: person(500), role: 'student', at: 1_000 }),
      batcher.join({ room, who: person(500), role: 'student', at: 2_000 }),
      batcher.join({ room, who: person(501), role: 'student', at: 2_500 }),
    ]);
    expect(first.participantId).toBe(second.participantId);
    await Promise.all([
      batcher.leave({ room, participantId: first.participantId, at: 3_000, participationId: first.participationId }),
      batcher.leave({ room, participantId: other1.participantId, at: 4_000 }),
    ]);
    const rows = await other.db.selectFrom('participations').select(['id', 'joined_at', 'left_at']).where('room_id', '=', room.id).orderBy('id').execute();
    expect(rows).toEqual([
      { id: first.participationId, joined_at: 1_000, left_at: 2_000 },
      { id: second.participationId, joined_at: 2_000, left_at: null },
      { id: other1.participationId, joined_at: 2_500, left_at: 4_000 },
    ]);
    // The first leave found its interval closed already: no event for it.
    expect(events.map((e) => e.type)).toEqual(['participant.joined', 'participant.joined', 'participant.joined', 'participant.left']);
  });

  it('people already written for are not looked up again, and a new display name still reaches the participant', async () => {
    const room = await newRoom('Bulk names');
    const batcher = new IngestionBatcher(env.services);
    const key = 'guest:renamed';
    await batcher.chat({ room, sender: { key, name: 'Old name' }, senderRole: 'student', content: 'one' });
    await batcher.chat({ room, sender: { key, name: 'New name' }, senderRole: 'student', content: 'two' });
    await batcher.chat({ room, sender: { key, name: 'New name' }, senderRole: 'student', content: 'three' });
    const participant = await other.db.selectFrom('participants').select(['id', 'name']).where('tenant_id', '=', tenantId).where('external_key', '=', key).execute();
    expect(participant.map((p) => p.name)).toEqual(['New name']);
    const chat = await other.db.selectFrom('chat_messages').select(['sender_participant_id', 'sender_name']).where('room_id', '=', room.id).orderBy('id').execute();
    expect(chat).toEqual(['Old name', 'New name', 'New name'].map((name) => ({ sender_participant_id: participant[0].id, sender_name: name })));
    expect(batcher.stats.batches).toBe(3);
  });

  it('a bad op in a bulk run fails alone: the run is retried one by one', async () => {
    const room = await newRoom('Bulk failure');
    const batcher = new IngestionBatcher(env.services);
    const events = published(room);
    const outcomes = await Promise.allSettled([
      batcher.chat({ room, sender: person(1), senderRole: 'student', content: 'before' }),
      // NOT NULL violated: the multi-row insert fails as a whole.
      batcher.chat({ room, sender: person(2), senderRole: 'student', content: null as unknown as string }),
      batcher.join({ room, who: person(3), role: 'student' }),
      batcher.chat({ room, sender: person(4), senderRole: 'student', content: 'after' }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(batcher.stats.batches).toBe(1);
    const chat = await other.db.selectFrom('chat_messages').select('content').where('room_id', '=', room.id).orderBy('id').execute();
    expect(chat.map((c) => c.content)).toEqual(['before', 'after']);
    expect(events.map((e) => [e.seq, e.type])).toEqual([[1, 'chat.sent'], [2, 'participant.joined'], [3, 'chat.sent']]);
  });
});

describe('the live gateway group-commits', () => {
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    app = await buildApp({ config: env.config, services: env.services, logger: false });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('150 students connecting at once are all recorded, each welcomed after their join committed, and chat from all of them is acknowledged', async () => {
    const room = await newRoom('WebSocket storm');
    const codes = await env.services.passes.roleCodes(room);
    const tickets = await Promise.all(Array.from({ length: 150 }, async (_, i) => {
      const res = await app.inject({ method: 'POST', url: '/enter', payload: { code: codes.student, name: `S${i}` } });
      return res.json().ticket as string;
    }));
    const clients = await Promise.all(tickets.map((t) => LiveClient.connect(base, `ticket=${encodeURIComponent(t)}`)));
    try {
      // Generous waits: the machine running the suite may be heavily loaded.
      await Promise.all(clients.map((c) => c.waitFor((m) => m.type === 'welcome', 60_000)));
      expect(await committedJoins(room)).toBe(150);
      const acks = await Promise.all(clients.map(async (c, i) => {
        c.ws.send(JSON.stringify({ type: 'chat', content: `hello ${i}`, id: 'chat' }));
        const answer = await c.waitFor((m) => (m.type === 'ack' || m.type === 'error') && m.id === 'chat', 60_000);
        if (answer.type !== 'ack') throw new Error(JSON.stringify(answer));
        return answer.result;
      }));
      const chat = await other.db.selectFrom('chat_messages').select('id').where('room_id', '=', room.id).execute();
      expect(new Set(acks.map((a) => a.chatId))).toEqual(new Set(chat.map((c) => c.id)));
      expect(chat).toHaveLength(150);
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
  }, 180_000);
});
