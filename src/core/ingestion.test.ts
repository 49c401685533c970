import { randomUUID } from 'node:crypto';
import { InsertQueryNode, sql, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness.js';
import type { Database, RoomRow } from '../storage/schema.js';
import { createTenant } from '../dialects/provision.js';
import { EventBus } from './event-bus.js';
import type { ClassroomEvent } from './events.js';
import { Services } from './services.js';

/** Makes every insert into one table fail, as a full disk or a lost connection would half-way through a call. */
class FailingInsert implements KyselyPlugin {
  constructor(private readonly table: keyof Database) {}

  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    if (InsertQueryNode.is(node) && node.into?.table.identifier.name === this.table) throw new Error(`injected failure: insert into ${this.table}`);
    return node;
  }

  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}

/** Every table classroom activity writes to, the outbox included. */
const WRITTEN: Array<keyof Database> = [
  'rooms', 'live_sessions', 'participants', 'participations', 'chat_messages', 'questions', 'polls', 'poll_responses', 'rollcalls',
  'rollcall_responses', 'rewards', 'hand_raises', 'announcements', 'client_reports', 'vod_views', 'room_events', 'room_event_counters',
];

let env: TestEnv;
let tenantId: string;
beforeAll(async () => {
  env = await createTestEnv();
  tenantId = (await createTenant(env.services, { name: 'Atomic School', site: `atomic-${randomUUID().slice(0, 8)}.example.test` })).tenant.id;
});
afterAll(() => env?.close());

async function snapshot(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of WRITTEN) out[table] = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} ORDER BY 1`.execute(env.storage.db)).rows;
  return out;
}

const someone = (n: string) => ({ key: `guest:${n}-${randomUUID().slice(0, 6)}`, name: n });

/** A live room with someone inside and one of everything that later calls act on. */
async function liveClassroom() {
  const ing = env.services.ingestion;
  const room = await env.services.rooms.create({ tenantId, kind: 'large_class', title: 'Atomic' });
  const teacher = someone('teacher');
  const { participantId } = await ing.join({ room, who: teacher, role: 'host' });
  await ing.startSession(room);
  const live: RoomRow = await env.services.rooms.get(tenantId, { id: room.id });
  const questionId = await ing.ask({ room: live, asker: teacher, content: 'q' });
  const pollId = await ing.publishPoll({ room: live, kind: 'vote', title: 'v', definition: { questions: [] } });
  const rollcallId = await ing.startRollcall({ room: live });
  const handId = await ing.raiseHand({ room: live, who: teacher });
  return { room: live, participantId, questionId, pollId, rollcallId, handId };
}

type Classroom = Awaited<ReturnType<typeof liveClassroom>>;

/** A classroom whose class has ended (for starting the next one). */
async function endedClassroom(): Promise<Classroom> {
  const c = await liveClassroom();
  await env.services.ingestion.endSession(c.room);
  return { ...c, room: await env.services.rooms.get(tenantId, { id: c.room.id }) };
}

/** Each ingestion call, made by new people where it resolves participants (so it creates one first). */
const CALLS: Array<[string, (s: Services, c: Classroom) => Promise<unknown>, (() => Promise<Classroom>)?]> = [
  ['startSession', (s, c) => s.ingestion.startSession(c.room), endedClassroom],
  ['endSession', (s, c) => s.ingestion.endSession(c.room)],
  ['join', (s, c) => s.ingestion.join({ room: c.room, who: someone('new'), role: 'student' })],
  ['leave', (s, c) => s.ingestion.leave(c.room, c.participantId)],
  ['chat', (s, c) => s.ingestion.chat({ room: c.room, sender: someone('new'), senderRole: 'student', receiver: someone('other'), content: 'hi' })],
  ['ask', (s, c) => s.ingestion.ask({ room: c.room, asker: someone('new'), content: 'why?' })],
  ['answer', (s, c) => s.ingestion.answer({ room: c.room, questionId: c.questionId, answer: 'because', answerer: someone('new'), publish: true })],
  ['publishPoll', (s, c) => s.ingestion.publishPoll({ room: c.room, kind: 'vote', title: 't', definition: { questions: [] }, publisher: someone('new') })],
  ['respondPoll', (s, c) => s.ingestion.respondPoll({ room: c.room, pollId: c.pollId, who: someone('new'), answers: { 1: [1] } })],
  ['closePoll', (s, c) => s.ingestion.closePoll(c.room, c.pollId)],
  ['startRollcall', (s, c) => s.ingestion.startRollcall({ room: c.room, initiatorName: 'teacher' })],
  ['answerRollcall', (s, c) => s.ingestion.answerRollcall({ room: c.room, rollcallId: c.rollcallId, who: someone('new') })],
  ['endRollcall', (s, c) => s.ingestion.endRollcall(c.room, c.rollcallId)],
  ['reward', (s, c) => s.ingestion.reward({ room: c.room, kind: 'cup', giver: someone('new'), receiver: someone('other') })],
  ['raiseHand', (s, c) => s.ingestion.raiseHand({ room: c.room, who: someone('new') })],
  ['updateHand', (s, c) => s.ingestion.updateHand(c.room, c.handId, { acceptedAt: Date.now(), endedAt: Date.now() + 1 })],
  ['announce', (s, c) => s.ingestion.announce({ room: c.room, content: 'notice' })],
  ['clientReport', (s, c) => s.ingestion.clientReport({ room: c.room, who: someone('new'), report: { browser: 'Chrome' } })],
  ['vodView of a room', (s, c) => s.ingestion.vodView({ tenantId, vodId: 1, roomId: c.room.id, who: someone('new'), startedAt: 1, leftAt: 2 })],
  ['vodView outside rooms', (s) => s.ingestion.vodView({ tenantId, vodId: 1, roomId: null, who: someone('new'), startedAt: 1, leftAt: 2 })],
];

describe('ClassroomIngestion is atomic', () => {
  it.each(CALLS)('%s: when its event cannot be stored, none of its writes remain and nothing is published', async (_name, call, prepare = liveClassroom) => {
    const classroom = await prepare();
    const bus = new EventBus();
    const published: ClassroomEvent[] = [];
    bus.subscribe((e) => published.push(e));
    const failing = new Services(env.storage.db.withPlugin(new FailingInsert('room_events')), env.storage.engine, bus);
    const before = await snapshot();
    await expect(call(failing, classroom)).rejects.toThrow('injected failure');
    expect(await snapshot()).toEqual(before);
    expect(published).toEqual([]);
    // The same call does write when nothing fails, so the comparison above had something to catch.
    await call(env.services, classroom);
    expect(await snapshot()).not.toEqual(before);
  });

  it('chat that fails half-way (after creating its sender) leaves no participant behind', async () => {
    const { room } = await liveClassroom();
    const failing = new Services(env.storage.db.withPlugin(new FailingInsert('chat_messages')), env.storage.engine);
    const sender = someone('newcomer');
    await expect(failing.ingestion.chat({ room, sender, senderRole: 'student', content: 'hi' })).rejects.toThrow('injected failure');
    expect(await env.services.participants.byKey(tenantId, sender.key)).toBeUndefined();
  });

  it('a call that fails inside a caller\'s transaction rolls back the caller\'s earlier writes and events too', async () => {
    const { room } = await liveClassroom();
    const before = await snapshot();
    const published: ClassroomEvent[] = [];
    const off = env.services.bus.subscribe((e) => published.push(e));
    try {
      await expect(env.services.transaction(async (tx) => {
        await tx.ingestion.chat({ room, sender: someone('a'), senderRole: 'student', content: 'first' });
        await tx.ingestion.answer({ room, questionId: 999_999, answer: 'no such question', answerer: someone('b') });
      })).rejects.toMatchObject({ kind: 'not_found' });
    } finally {
      off();
    }
    expect(await snapshot()).toEqual(before);
    expect(published).toEqual([]);
  });

  it('announces only facts it stored: closing a poll twice or answering a roll-call twice announces once', async () => {
    const c = await liveClassroom();
    const types: string[] = [];
    const off = env.services.bus.subscribe((e) => types.push(e.type));
    try {
      const who = someone('twice');
      await env.services.ingestion.answerRollcall({ room: c.room, rollcallId: c.rollcallId, who });
      await env.services.ingestion.answerRollcall({ room: c.room, rollcallId: c.rollcallId, who });
      await env.services.ingestion.closePoll(c.room, c.pollId);
      await env.services.ingestion.closePoll(c.room, c.pollId);
      await expect(env.services.ingestion.closePoll(c.room, 999_999)).rejects.toMatchObject({ kind: 'not_found' });
      await expect(env.services.ingestion.updateHand(c.room, 999_999, { endedAt: Date.now() })).rejects.toMatchObject({ kind: 'not_found' });
    } finally {
      off();
    }
    expect(types).toEqual(['rollcall.answered', 'poll.closed']);
  });
});
