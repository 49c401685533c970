import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, createWebcast, bjy, cc, gensee, newTenant, TEST_PG_URL, type TestEnv } from './harness.js';
import type { TenantCredentials } from '../src/dialects/provision.js';

/**
 * Round trips to the database per signed call once the data is warm (every query Kysely runs, plus
 * PostgreSQL's data-version reads). Each is a network round trip on PostgreSQL, so these counts
 * are kept low on purpose: a change that adds a query to the hot path shows here.
 */
describe(`database round trips per signed call (${TEST_PG_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
  let env: TestEnv;
  let creds: TenantCredentials;
  const log: string[] = [];
  let roomId: number;
  let webcastId: string;

  beforeAll(async () => {
    env = await createTestEnv({}, { onQuery: (sql) => log.push(sql) });
    creds = await newTenant(env);
    const created = await bjy(env, creds, '/openapi/room/create', { title: 'Counted', start_time: Math.floor(Date.now() / 1000) + 600, end_time: Math.floor(Date.now() / 1000) + 4200 });
    roomId = created.json.data.room_id;
    webcastId = (await createWebcast(env, creds, 'Counted webcast')).public_id;
  });
  afterAll(() => env?.close());

  /** The queries of the second of two identical calls (the first warms the caches). */
  async function queriesOf(call: () => Promise<unknown>): Promise<string[]> {
    await call();
    log.length = 0;
    await call();
    return [...log];
  }

  it('Baijiayun room/info: one data-version read per request (PostgreSQL), nothing else once warm', async () => {
    const queries = await queriesOf(async () => expect((await bjy(env, creds, '/openapi/room/info', { room_id: roomId })).json.code).toBe(0));
    expect(queries.length, queries.join('\n')).toBeLessThanOrEqual(TEST_PG_URL ? 1 : 0);
  });

  it('Gensee webcast setting/info: one data-version read per request (PostgreSQL), nothing else once warm', async () => {
    const queries = await queriesOf(async () => expect((await gensee(env, creds, '/integration/site/webcast/setting/info', { webcastId }, { method: 'GET' })).json.code).toBe('0'));
    expect(queries.length, queries.join('\n')).toBeLessThanOrEqual(TEST_PG_URL ? 1 : 0);
  });

  it('CC live/record over a date range: the lives of the page (a page that is not full needs no count)', async () => {
    const queries = await queriesOf(async () => expect((await cc(env, creds, '/collect/live/record', { start_time: '2024-03-01', end_time: '2024-03-31 12:00' })).json.result).toBe('OK'));
    expect(queries.length, queries.join('\n')).toBeLessThanOrEqual(TEST_PG_URL ? 2 : 1);
  });
});
