import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bjy, createTestEnv, nowSeconds } from './harness.js';
import { startServerProcess, type ServerProcess } from './processes.js';
import { LiveClient } from './live-client.js';
import type { ServerMessage } from '../src/live/protocol.js';
import { createTenant } from '../src/dialects/provision.js';
import { requires, TEST_REDIS_URL } from './requirements.js';

const REDIS_URL = TEST_REDIS_URL;

async function enter(server: ServerProcess, code: string, name: string): Promise<string> {
  const res = await fetch(`${server.url}/enter`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, name }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { ticket: string }).ticket;
}

describe.skipIf(!requires(['redis'], 'one live room served by two processes'))('one live room served by two processes (Redis between them)', () => {
  it('participants on different processes see each other and every chat, in one order', async () => {
    const env = await createTestEnv();
    const servers: ServerProcess[] = [];
    const clients: LiveClient[] = [];
    try {
      const { tenant } = await createTenant(env.services, { name: 'Two Servers', site: `two-${randomUUID().slice(0, 8)}.example.test` });
      const room = await env.services.rooms.create({ tenantId: tenant.id, kind: 'large_class', title: 'Shared live room' });
      const codes = await env.services.passes.roleCodes(room);
      servers.push(...await Promise.all([startServerProcess({ ...env.dbEnv, REDIS_URL }), startServerProcess({ ...env.dbEnv, REDIS_URL })]));
      const [a, b] = servers;
      // A ticket signed by one process is accepted by the other (the key is shared through the database).
      const join = async (signer: ServerProcess, host: ServerProcess, code: string, name: string) => {
        const c = await LiveClient.connect(host.url, `ticket=${encodeURIComponent(await enter(signer, code, name))}`);
        clients.push(c);
        await c.welcome();
        return c;
      };
      const teacher = await join(a, a, codes.host, 'Teacher A');
      const onB = await join(a, b, codes.student, 'Student B');
      const onA = await join(b, a, codes.student, 'Student A');
      await teacher.waitForEvent('participant.joined', (d) => d.name === 'Student A');
      await onB.waitForEvent('participant.joined', (d) => d.name === 'Student A');
      const senders = [teacher, onB, onA];
      await Promise.all(senders.map(async (c, i) => {
        for (let n = 0; n < 5; n++) await c.ok({ type: 'chat', content: `m${i}-${n}` });
      }));
      const chats = async (c: LiveClient) => {
        await c.waitFor(() => c.events('chat.sent').length === 15, 10_000);
        return c.events('chat.sent').map((m) => `${m.seq}:${(m.event.data as { content: string }).content}`);
      };
      const [t, x, y] = await Promise.all(senders.map(chats));
      expect(x).toEqual(t);
      expect(y).toEqual(t);
      expect(new Set(t.map((s) => s.split(':')[1])).size).toBe(15);
    } finally {
      for (const c of clients) await c.close().catch(() => {});
      for (const s of servers) await s.stop();
      await env.close();
    }
  }, 90_000);

  it('a second entrant with the same per-user code on the other process pushes the first out', async () => {
    const env = await createTestEnv();
    const servers: ServerProcess[] = [];
    const clients: LiveClient[] = [];
    try {
      const { credentials: creds } = await createTenant(env.services, { name: 'Push Out', site: `push-${randomUUID().slice(0, 8)}.example.test` });
      const created = await bjy(env, creds, '/openapi/room/create', { title: 'Personal codes', start_time: nowSeconds() - 60, end_time: nowSeconds() + 3600 });
      const { json } = await bjy(env, creds, '/openapi/room/getcode', { room_id: created.json.data.room_id, user_number: 8001 });
      const code = json.data.student_code as string;
      servers.push(...await Promise.all([startServerProcess({ ...env.dbEnv, REDIS_URL }), startServerProcess({ ...env.dbEnv, REDIS_URL })]));
      const [a, b] = servers;
      const phone = await LiveClient.connect(a.url, `ticket=${encodeURIComponent(await enter(a, code, 'Phone'))}`);
      clients.push(phone);
      const first = await phone.welcome();
      const laptop = await LiveClient.connect(b.url, `ticket=${encodeURIComponent(await enter(b, code, 'Laptop'))}`);
      clients.push(laptop);
      expect((await laptop.welcome()).participantId).toBe(first.participantId);
      const told = await phone.waitFor((m: ServerMessage) => m.type === 'error' && m.code === 'replaced', 10_000);
      expect(told).toMatchObject({ type: 'error', code: 'replaced' });
      await phone.waitFor(() => phone.closeCode !== undefined, 5000).catch(() => undefined);
      expect(phone.closeCode).toBe(4005);
      // The newcomer stays, and nobody else heard of the hand-over.
      expect(laptop.closeCode).toBeUndefined();
      expect(laptop.events('participant.replaced')).toEqual([]);
      await laptop.ok({ type: 'chat', content: 'still here' });
    } finally {
      for (const c of clients) await c.close().catch(() => {});
      for (const s of servers) await s.stop();
      await env.close();
    }
  }, 90_000);
});
