import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestEnv } from './harness.js';
import { startServerProcess, type ServerProcess } from './processes.js';
import { LiveClient } from './live-client.js';
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
});
