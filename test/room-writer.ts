/**
 * A Lectern process for test/room-sequence.test.ts: follows one room with an ordered subscription,
 * waits for "go" on stdin, writes chat messages to the room from several concurrent callers, and
 * prints every sequence number it was delivered once it has seen EXPECTED events.
 */
import readline from 'node:readline';
import { once } from 'node:events';
import { Services } from '../src/core/services.js';
import { RedisEventRelay } from '../src/live/redis-relay.js';
import { subscribeInOrder } from '../src/live/ordered-room-subscription.js';
import { openStorage } from '../src/storage/database.js';

const env = process.env;
const room = { tenantId: env.ROOM_TENANT!, roomId: Number(env.ROOM_ID) };
const name = env.WRITER_NAME!;
const writes = Number(env.WRITES);
const expected = Number(env.EXPECTED);
const callers = 3;

const storage = await openStorage({ dataDir: env.LECTERN_DATA!, databaseUrl: env.DATABASE_URL, databaseSchema: env.DATABASE_SCHEMA, poolSize: callers + 1 });
const services = Services.forStorage(storage);
const relay = await RedisEventRelay.start(env.REDIS_URL!, services.bus, (err) => console.error('relay', err));

const seqs: number[] = [];
let seenAll!: () => void;
const allSeen = new Promise<void>((resolve) => (seenAll = resolve));
const subscription = await subscribeInOrder({
  bus: services.bus, log: services.roomEvents, room, afterSeq: 0,
  onError: (err) => console.error('subscription', err),
  onEvent: (event) => {
    seqs.push(event.seq);
    if (seqs.length === expected) seenAll();
  },
});

const input = readline.createInterface({ input: process.stdin });
process.stdout.write('ready\n');
await once(input, 'line');

const row = await services.rooms.get(room.tenantId, { id: room.roomId });
await Promise.all(Array.from({ length: callers }, async (_, caller) => {
  for (let i = caller; i < writes; i += callers) {
    await services.ingestion.chat({ room: row, sender: { key: `${name}:${i % 5}`, name: `${name} ${i % 5}` }, senderRole: 'student', content: `${name} #${i}` });
  }
}));
const timeout = setTimeout(() => {
  process.stdout.write(`result ${JSON.stringify({ seqs, timedOut: true })}\n`);
  process.exit(1);
}, 30_000);
await allSeen;
clearTimeout(timeout);
// Anything delivered after the expected count would be a duplicate or a stranger: give it a moment to show.
await new Promise((resolve) => setTimeout(resolve, 200));
process.stdout.write(`result ${JSON.stringify({ seqs })}\n`);
input.close();
subscription.close();
await relay.close();
await storage.close();
