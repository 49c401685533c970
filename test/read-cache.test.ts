import { afterEach, describe, expect, it } from 'vitest';
import { Services } from '../src/core/services.js';
import { openStorage, type Storage } from '../src/storage/database.js';
import { buildApp } from '../src/server/app.js';
import { BaijiayunClient } from '../src/client/index.js';
import { createTestEnv, injectTransport, newTenant, TEST_PG_URL, type TestEnv } from './harness.js';
import { startServerProcess, type ServerProcess } from './processes.js';

/**
 * Read caches on both engines, with a second reader on the same database: a write committed by one
 * process is seen by the other's very next read. Each round writes through one and reads through
 * the other straight after the write's answer, so a stale cache would show at once.
 */
describe(`read cache across processes (${TEST_PG_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
  let env: TestEnv | undefined;
  let other: Storage | undefined;
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.stop();
    await other?.close();
    await env?.close();
    server = other = env = undefined;
  });

  it('a second Services on the same database sees each committed write at its next read, and serves repeated reads from cache', async () => {
    const first = (env = await createTestEnv());
    const creds = await newTenant(first);
    let queries = 0;
    other = await openStorage({ dataDir: env.config.dataDir, databaseUrl: env.config.databaseUrl, databaseSchema: env.config.databaseSchema, poolSize: 2, onQuery: () => queries++ });
    const otherApp = await buildApp({ config: env.config, services: Services.forStorage(other), logger: false });
    const client = (app: typeof first.app) => new BaijiayunClient({ partnerId: creds.baijiayun.partner_id, partnerKey: creds.baijiayun.partner_key, transport: injectTransport(app) });
    const writer = client(first.app);
    const reader = client(otherApp);
    try {
      const created = await writer.raw('/openapi/room/create', { title: 'v0', start_time: Math.floor(Date.now() / 1000) + 600, end_time: Math.floor(Date.now() / 1000) + 4200 });
      const roomId = (created.body as { data: { room_id: number } }).data.room_id;
      const title = async () => ((await reader.raw('/openapi/room/info', { room_id: roomId })).body as { data: { title: string } }).data.title;
      for (let round = 1; round <= 15; round++) {
        expect(await title(), `round ${round}, before the write`).toBe(`v${round - 1}`);
        const updated = await writer.raw('/openapi/room/update', { room_id: roomId, title: `v${round}` });
        expect((updated.body as { code: number }).code).toBe(0);
        expect(await title(), `round ${round}, right after the write`).toBe(`v${round}`);
      }
      // Unchanged data: the reader's lookups come from its cache, not the database.
      await title();
      const before = queries;
      await title();
      const uncached = queries - before;
      expect(uncached, 'queries of a room/info served from cache').toBeLessThanOrEqual(1);
    } finally {
      await otherApp.close();
    }
  }, 120_000);

  it('a server in another process sees a write committed here at its next request', async () => {
    env = await createTestEnv();
    const creds = await newTenant(env);
    server = await startServerProcess(env.dbEnv);
    const writer = new BaijiayunClient({ partnerId: creds.baijiayun.partner_id, partnerKey: creds.baijiayun.partner_key, transport: injectTransport(env.app) });
    const reader = new BaijiayunClient({ partnerId: creds.baijiayun.partner_id, partnerKey: creds.baijiayun.partner_key, baseUrl: server.url });
    const created = await writer.raw('/openapi/room/create', { title: 'v0', start_time: Math.floor(Date.now() / 1000) + 600, end_time: Math.floor(Date.now() / 1000) + 4200 });
    const roomId = (created.body as { data: { room_id: number } }).data.room_id;
    const title = async () => ((await reader.raw('/openapi/room/info', { room_id: roomId })).body as { data: { title: string } }).data.title;
    for (let round = 1; round <= 10; round++) {
      expect(await title()).toBe(`v${round - 1}`);
      await title(); // twice, so the other process has it cached
      await writer.raw('/openapi/room/update', { room_id: roomId, title: `v${round}` });
      expect(await title(), `round ${round}, right after the write`).toBe(`v${round}`);
    }
    // A write outside any Lectern service (hand-written SQL) moves the version too.
    await env.storage.db.updateTable('rooms').set({ title: 'by hand' }).where('numeric_id', '=', String(roomId)).execute();
    expect(await title()).toBe('by hand');
  }, 180_000);
});
