import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionQueue, LecternSqliteDialect, SqliteDataVersion } from './sqlite-dialect.js';

interface Db {
  items: { id: number; label: string };
}

const dirs: string[] = [];
function openDb(): Kysely<Db> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-dialect-'));
  dirs.push(dir);
  const handle = new SQLite(path.join(dir, 'x.db'));
  handle.pragma('journal_mode = WAL');
  return new Kysely<Db>({ dialect: new LecternSqliteDialect(handle, new SqliteDataVersion(handle)) });
}

afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('LecternSqliteDialect', () => {
  it('answers many concurrent queries and transactions, each with its own result', async () => {
    const db = openDb();
    await db.schema.createTable('items').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('label', 'text', (c) => c.notNull()).execute();
    await db.insertInto('items').values(Array.from({ length: 50 }, (_, i) => ({ id: i + 1, label: `item ${i + 1}` }))).execute();
    const reads = Array.from({ length: 200 }, (_, i) => db.selectFrom('items').select('label').where('id', '=', (i % 50) + 1).executeTakeFirstOrThrow());
    const writes = Array.from({ length: 20 }, (_, i) => db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ id: 100 + i, label: 'tx' }).execute();
      return trx.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('n')).where('id', '=', 100 + i).executeTakeFirstOrThrow();
    }));
    const failing = db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ id: 999, label: 'rolled back' }).execute();
      throw new Error('refused');
    });
    const [r, w, f] = await Promise.all([Promise.all(reads), Promise.all(writes), failing.catch((e: Error) => e.message)]);
    expect(r.map((x) => x.label)).toEqual(Array.from({ length: 200 }, (_, i) => `item ${(i % 50) + 1}`));
    expect(w.map((x) => Number(x.n))).toEqual(Array(20).fill(1));
    expect(f).toBe('refused');
    expect(await db.selectFrom('items').select('id').where('id', '=', 999).execute()).toEqual([]);
    await db.destroy();
  });

  it('a reused statement sees a column added after it was first prepared', async () => {
    const db = openDb();
    await db.schema.createTable('items').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('label', 'text', (c) => c.notNull()).execute();
    await db.insertInto('items').values({ id: 1, label: 'a' }).execute();
    const all = () => db.selectFrom('items').selectAll().execute();
    expect(await all()).toEqual([{ id: 1, label: 'a' }]);
    await sql`ALTER TABLE items ADD COLUMN extra text DEFAULT 'x'`.execute(db);
    expect(await all()).toEqual([{ id: 1, label: 'a', extra: 'x' }]);
    await db.destroy();
  });

  it('moves its data version on every write (RETURNING and rolled-back writes included) and on commits by other connections, not on reads', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-dialect-'));
    dirs.push(dir);
    const file = path.join(dir, 'v.db');
    const handle = new SQLite(file);
    handle.pragma('journal_mode = WAL');
    const version = new SqliteDataVersion(handle, 0);
    const db = new Kysely<Db>({ dialect: new LecternSqliteDialect(handle, version) });
    await db.schema.createTable('items').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('label', 'text', (c) => c.notNull()).execute();
    let v = version.current();
    const moved = () => {
      const now = version.current();
      const changed = now !== v;
      v = now;
      return changed;
    };
    await db.selectFrom('items').selectAll().execute();
    expect(moved()).toBe(false);
    await db.insertInto('items').values({ id: 1, label: 'a' }).returningAll().executeTakeFirstOrThrow();
    expect(moved()).toBe(true);
    await db.transaction().execute(async (trx) => {
      await trx.selectFrom('items').selectAll().execute();
      throw new Error('abort');
    }).catch(() => undefined);
    expect(moved()).toBe(false);
    // A rolled-back write has moved it on: whatever was read before the write is not served again.
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('items').set({ label: 'b' }).execute();
      throw new Error('abort');
    }).catch(() => undefined);
    expect(moved()).toBe(true);
    const other = new SQLite(file);
    other.prepare("INSERT INTO items (id, label) VALUES (2, 'from another process')").run();
    other.close();
    expect(moved()).toBe(true);
    expect(moved()).toBe(false);
    await db.destroy();
  });
});

describe('the connection queue', () => {
  it('hands the connection over in arrival order', async () => {
    const queue = new ConnectionQueue();
    const order: number[] = [];
    await queue.acquire();
    const waiters = [1, 2, 3].map((n) => queue.acquire().then(() => order.push(n)));
    for (let i = 0; i < 3; i++) {
      queue.release();
      await waiters[i];
    }
    queue.release();
    expect(order).toEqual([1, 2, 3]);
    expect(queue.busy).toBe(false);
  });

  it('refuses a query that waited past the limit instead of letting it wait forever', async () => {
    const queue = new ConnectionQueue(50);
    await queue.acquire();
    await expect(queue.acquire()).rejects.toThrow(/waited .* for the SQLite connection/);
    // The holder still holds it; once released, the next query gets it at once.
    queue.release();
    expect(queue.busy).toBe(false);
    await queue.acquire();
    expect(queue.busy).toBe(true);
    queue.release();
  });
});
