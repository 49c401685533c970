import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestEnv, TEST_PG_URL } from './harness.js';
import { startServerProcess, type ServerProcess } from './processes.js';
import { LiveClient } from './live-client.js';
import { createTenant } from '../src/dialects/provision.js';
import type { WelcomeMessage } from '../src/live/protocol.js';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
/** Shortened live timings for both processes: a dead process's lease expires 2 s after its last renewal. */
const TIMINGS = { LECTERN_LIVE_LEASE_MS: '2000', LECTERN_LIVE_HEARTBEAT_MS: '1000', LECTERN_LIVE_GRACE_MS: '1000' };

async function enter(server: ServerProcess, code: string, name: string, userNumber: number): Promise<string> {
  const res = await fetch(`${server.url}/enter`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, name, user_number: userNumber }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { ticket: string }).ticket;
}

/** One person's connections over the test: the first, and the one after failing over. */
interface Person {
  name: string;
  sockets: LiveClient[];
  welcome: WelcomeMessage;
}

const lastSeq = (p: Person) => Math.max(p.welcome.room.lastSeq, ...p.sockets.flatMap((c) => c.received.flatMap((m) => (m.type === 'event' ? [m.seq] : []))));
const chatsSeen = (p: Person) => p.sockets.flatMap((c) => c.events('chat.sent')).map((m) => ({ seq: m.seq, content: (m.event.data as { content: string }).content }));
const current = (p: Person) => p.sockets[p.sockets.length - 1];

describe.skipIf(!TEST_PG_URL)('a live process killed mid-class (PostgreSQL + Redis, two real processes)', () => {
  it('its people reconnect to the other within 5 s and resume; no acknowledged chat lost or doubled; its leases close the rest', async () => {
    const env = await createTestEnv();
    const servers: ServerProcess[] = [];
    const people: Person[] = [];
    try {
      const { tenant } = await createTenant(env.services, { name: 'Failover', site: `failover-${randomUUID().slice(0, 8)}.example.test` });
      const room = await env.services.rooms.create({ tenantId: tenant.id, kind: 'large_class', title: 'Failover room' });
      const codes = await env.services.passes.roleCodes(room);
      const [doomed, survivor] = await Promise.all([
        startServerProcess({ ...env.dbEnv, REDIS_URL, ...TIMINGS }), startServerProcess({ ...env.dbEnv, REDIS_URL, ...TIMINGS }),
      ]);
      servers.push(doomed, survivor);
      const join = async (server: ServerProcess, code: string, name: string, n: number): Promise<Person> => {
        const c = await LiveClient.connect(server.url, `ticket=${encodeURIComponent(await enter(server, code, name, n))}`);
        const p = { name, sockets: [c], welcome: await c.welcome() };
        people.push(p);
        return p;
      };
      const teacher = await join(survivor, codes.host, 'Teacher', 1);
      const onSurvivor = await join(survivor, codes.student, 'Stays', 2);
      const movers = [await join(doomed, codes.student, 'Mover 1', 3), await join(doomed, codes.student, 'Mover 2', 4)];
      const ghost = await join(doomed, codes.student, 'Ghost', 5);
      await current(teacher).ok({ type: 'class.start' });
      await current(teacher).waitForEvent('participant.joined', (d) => d.name === 'Ghost');

      const acked: string[] = [];
      const say = async (p: Person, content: string) => {
        await current(p).ok({ type: 'chat', content });
        acked.push(content);
      };
      for (let i = 0; i < 3; i++) for (const p of [teacher, onSurvivor, ...movers, ghost]) await say(p, `${p.name} before ${i}`);

      const doomedNode = (await env.services.db.selectFrom('participations').select('node_id').where('name', '=', 'Ghost').executeTakeFirstOrThrow()).node_id!;
      const killedAt = Date.now();
      await doomed.stop('SIGKILL');
      // The movers notice the socket is gone and reconnect to the survivor with their latest ticket and resume.
      const reconnectTimes = await Promise.all(movers.map(async (p) => {
        await current(p).waitFor(() => current(p).closeCode !== undefined, 5000).catch(() => undefined);
        const ticket = p.sockets.flatMap((c) => c.received).filter((m): m is WelcomeMessage => m.type === 'welcome').at(-1)!.ticket;
        const c = await LiveClient.connect(survivor.url, `ticket=${encodeURIComponent(ticket)}&resume=${lastSeq(p)}`);
        p.sockets.push(c);
        await c.welcome();
        return Date.now() - killedAt;
      }));
      for (const ms of reconnectTimes) expect(ms).toBeLessThan(5000);
      for (let i = 0; i < 3; i++) for (const p of [teacher, onSurvivor, ...movers]) await say(p, `${p.name} after ${i}`);

      // Every acknowledged chat reaches everyone still here exactly once, in one order.
      for (const p of [teacher, onSurvivor, ...movers]) {
        await current(p).waitFor(() => chatsSeen(p).length >= acked.length, 10_000).catch(() => undefined);
        const seen = chatsSeen(p);
        expect(seen.map((m) => m.content).sort()).toEqual([...acked].sort());
        expect(new Set(seen.map((m) => m.seq)).size).toBe(seen.length);
      }
      expect(chatsSeen(movers[0]).map((m) => m.content)).toEqual(chatsSeen(teacher).map((m) => m.content));

      // Presence is right again within 30 s: the ghost (who never came back) left at the dead process's lease expiry.
      const open = async () => (await env.services.db.selectFrom('participations').select(['name', 'node_id']).where('room_id', '=', room.id)
        .where('left_at', 'is', null).orderBy('name').execute());
      const deadline = Date.now() + 30_000;
      while ((await open()).some((r) => r.node_id === doomedNode) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect((await open()).map((r) => r.name)).toEqual(['Mover 1', 'Mover 2', 'Stays', 'Teacher']);
      expect(Date.now() - killedAt).toBeLessThan(30_000);
      const ghostRow = await env.services.db.selectFrom('participations').select(['left_at']).where('name', '=', 'Ghost').executeTakeFirstOrThrow();
      expect(Number(ghostRow.left_at)).toBeGreaterThan(killedAt - 1000);
      expect(Number(ghostRow.left_at)).toBeLessThanOrEqual(killedAt + 2000);
      await current(teacher).waitForEvent('participant.left', (d) => d.participantId === ghost.welcome.participantId);
      // One join record per connection: each mover has the interval before the kill (closed) and one after.
      for (const p of movers) {
        const rows = await env.services.db.selectFrom('participations').select(['left_at', 'node_id']).where('name', '=', p.name).orderBy('id').execute();
        expect(rows.map((r) => [r.node_id === doomedNode, r.left_at !== null])).toEqual([[true, true], [false, false]]);
      }
      expect(await env.services.db.selectFrom('live_nodes').select('node_id').where('node_id', '=', doomedNode).execute()).toEqual([]);
    } finally {
      for (const p of people) for (const c of p.sockets) await c.close().catch(() => {});
      for (const s of servers) await s.stop();
      await env.close();
    }
  }, 300_000); // Starting two server processes from source takes minutes on a loaded 2-core machine.
});
