import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from './database.js';
import { watchWrites } from './write-observer.js';

let storage: Storage;
let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-writes-'));
  storage = await openStorage({ dataDir: dir });
});
afterAll(async () => {
  await storage?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('watchWrites', () => {
  it('sees a write of the work it watches, and no write in a read', async () => {
    const db = storage.db;
    expect((await watchWrites(() => db.selectFrom('tenants').selectAll().execute())).wrote).toBe(false);
    const wrote = await watchWrites(() => db.insertInto('tenants').values({ id: 't-writes', name: 'W', is_demo: 0, settings: '{}', created_at: 1 }).execute());
    expect(wrote.wrote).toBe(true);
    expect((await watchWrites(() => db.deleteFrom('tenants').where('id', '=', 't-writes').execute())).wrote).toBe(true);
  });

  it('leaves out background bookkeeping: lease renewals, and the workers\' progress on deliveries and jobs', async () => {
    const db = storage.db;
    const lease = await watchWrites(async () => {
      await db.insertInto('live_nodes').values({ node_id: 'n1', started_at: 1, expires_at: 2 }).execute();
      await db.updateTable('live_nodes').set({ expires_at: 3 }).where('node_id', '=', 'n1').execute();
      await db.deleteFrom('live_nodes').where('node_id', '=', 'n1').execute();
      await db.updateTable('jobs').set({ state: 'pending' }).where('id', '=', -1).execute();
      await db.updateTable('deliveries').set({ state: 'pending' }).where('id', '=', -1).execute();
    });
    expect(lease.wrote).toBe(false);
  });

  it('counts a write made by other work while it ran (it errs towards "wrote", never away from it)', async () => {
    const db = storage.db;
    const watched = watchWrites(async () => {
      await new Promise((r) => setTimeout(r, 20));
      return db.selectFrom('tenants').selectAll().execute();
    });
    await db.insertInto('tenants').values({ id: 't-other', name: 'O', is_demo: 0, settings: '{}', created_at: 1 }).execute();
    expect((await watched).wrote).toBe(true);
  });
});
