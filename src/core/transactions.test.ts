import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness.js';
import { withUniqueRetry } from './transactions.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env?.close());

const tenantRow = (id: string) => ({ id, name: id, is_demo: 0, settings: '{}', created_at: 0 });

describe('withUniqueRetry', () => {
  it('retries a colliding insert inside a transaction, and the transaction goes on and commits', async () => {
    await env.storage.db.insertInto('tenants').values(tenantRow('taken')).execute();
    const ids = ['taken', 'taken', 'fresh'];
    await env.storage.db.transaction().execute(async (trx) => {
      await trx.insertInto('tenants').values(tenantRow('before')).execute();
      await withUniqueRetry(trx, () => trx.insertInto('tenants').values(tenantRow(ids.shift()!)).execute());
      await trx.insertInto('tenants').values(tenantRow('after')).execute();
    });
    const names = (await env.storage.db.selectFrom('tenants').select('id').execute()).map((r) => r.id).sort();
    expect(names).toEqual(['after', 'before', 'fresh', 'taken']);
  });

  it('gives up after its tries and rethrows other errors at once', async () => {
    let calls = 0;
    await expect(withUniqueRetry(env.storage.db, async () => {
      calls++;
      await env.storage.db.insertInto('tenants').values(tenantRow('taken')).execute();
    }, 3)).rejects.toThrow();
    expect(calls).toBe(3);
    calls = 0;
    await expect(withUniqueRetry(env.storage.db, async () => {
      calls++;
      throw new Error('not a collision');
    })).rejects.toThrow('not a collision');
    expect(calls).toBe(1);
  });
});

describe('the outer services inside a transaction', () => {
  it.skipIf(process.env.LECTERN_TEST_DATABASE_URL)('are refused at once on SQLite, where they would wait for the held connection forever', async () => {
    const services = env.services;
    await services.tenants.create({ name: 'Outer Use School' });
    await expect(services.transaction(async () => {
      await services.db.selectFrom('tenants').select('id').execute();
    })).rejects.toThrow(/outer database inside an open transaction/);
    // The refused transaction rolled back and released the connection: the database goes on.
    expect((await services.db.selectFrom('tenants').select('id').execute()).length).toBeGreaterThan(0);
  });

  it('may be used again once the transaction has ended, from callbacks it started', async () => {
    const services = env.services;
    let later: Promise<number> | undefined;
    await services.transaction(async (tx) => {
      await tx.db.selectFrom('tenants').select('id').execute();
      later = new Promise((resolve) => setTimeout(() => resolve(services.db.selectFrom('tenants').select('id').execute().then((r) => r.length)), 20));
    });
    expect(await later).toBeGreaterThan(0);
  });
});
