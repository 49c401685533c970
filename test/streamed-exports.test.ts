import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cc, createTestEnv, createWebcast, gensee, newTenant, type TestEnv } from './harness.js';
import { expectGolden } from './golden.js';
import { streamGenseeExport } from './streaming-probe.js';
import { seedClass, SEED_START, type SeededClass } from './export-data.js';
import type { TenantCredentials } from '../src/dialects/provision.js';
import type { RoomRow } from '../src/storage/schema.js';

/**
 * Golden comparison: the answers of the export endpoints for a seeded class of 2,100 records per
 * table (three read chunks), captured from the implementation that loaded every row at once
 * (before exports streamed), must stay exactly the same: rows, order, fields and envelope.
 * Random ids (room, live, account) are replaced by placeholders so that the fixture fits any run.
 * `LECTERN_WRITE_GOLDEN=1` rewrites the fixture (only ever done on the unstreamed implementation).
 */
const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'exports-golden.json');

let env: TestEnv;
let a: TenantCredentials;
let room: RoomRow;
let seed: SeededClass;

beforeAll(async () => {
  env = await createTestEnv();
  a = await newTenant(env, 'Golden');
  room = await createWebcast(env, a, '大课', { startTime: SEED_START });
  seed = await seedClass(env.storage.db, room, 2100);
}, 120_000);
afterAll(async () => env?.close());

type Call = { name: string; run: () => Promise<unknown> };

function calls(): Call[] {
  const W = '/integration/site/webcast';
  const window = { startTime: '2024-03-01 10:30:00', endTime: '2024-03-01 11:29:00' };
  const g = (p: string, params: Record<string, string | number>) => async () => (await gensee(env, a, `${W}${p}`, { webcastId: room.public_id, ...params })).json;
  const c = (p: string, params: Record<string, string | number>) => async () => (await cc(env, a, p, { roomid: room.public_id, liveid: seed.session.public_id, ...params })).json;
  const out: Call[] = [];
  for (const p of ['/export/history', '/export/chat', '/export/qa']) {
    out.push({ name: `gensee ${p}`, run: g(p, {}) });
    out.push({ name: `gensee ${p} window`, run: g(p, window) });
  }
  out.push({ name: 'cc user record', run: c('/collect/live/user/record/', {}) });
  out.push({ name: 'cc user record of one viewer', run: c('/collect/live/user/record/', { viewerid: seed.viewers[3] }) });
  out.push({ name: 'cc user record of nobody', run: c('/collect/live/user/record/', { viewerid: 'f'.repeat(32) }) });
  out.push({ name: 'cc chat record', run: c('/collect/live/chat/record/', {}) });
  for (const page of [1, 2, 3, 4]) out.push({ name: `cc reward record page ${page}`, run: c('/collect/reward/record', { page_size: page, page_length: 25 }) });
  out.push({ name: 'cc max_parallel by liveid', run: async () => (await cc(env, a, '/collect/max_parallel/', { liveid: seed.session.public_id })).json });
  out.push({ name: 'cc live gather', run: c('/collect/live/gather', {}) });
  return out;
}

/** The answer as stored in the fixture: random ids replaced, the per-answer clock left out. */
function normalized(body: unknown): unknown {
  let text = JSON.stringify(body);
  for (const [id, name] of [[room.public_id, 'ROOM'], [seed.session.public_id, 'LIVE'], [a.cc.userid, 'ACCOUNT']] as const) {
    text = text.split(id).join(`<${name}>`).split(id.toUpperCase()).join(`<${name}>`).split(id.toLowerCase()).join(`<${name}>`);
  }
  return JSON.parse(text);
}

describe('streamed exports answer exactly what the unstreamed ones did', () => {
  it('every export of the seeded class matches the captured answer', async () => {
    const answers: Record<string, unknown> = {};
    for (const call of calls()) answers[call.name] = normalized(await call.run());
    expectGolden(FIXTURE, answers);
    // The seed is large enough to span several read chunks, and the exports are not empty.
    const history = answers['gensee /export/history'] as { list: unknown[] };
    expect(history.list.length).toBeGreaterThan(2000);
    expect((answers['cc user record of one viewer'] as { data: unknown[] }).data.length).toBeGreaterThan(10);
  }, 120_000);
});

describe('a large export streams while other requests are answered', () => {
  it('answers a signed call between the chunks of a 20,000-row export, which arrives whole and in order', async () => {
    const big = await createWebcast(env, a, '超大课', { startTime: SEED_START });
    const bigSeed = await seedClass(env.storage.db, big, 20_000);
    const address = await env.app.listen({ port: 0, host: '127.0.0.1' });
    try {
      // The export over a real socket, read as it arrives (Gensee names the site by the Host header).
      const form = new URLSearchParams({ loginName: a.gensee.loginName, password: a.gensee.password, webcastId: big.public_id }).toString();
      // While it streams: a signed call of another dialect is answered before the export ends.
      const received = await streamGenseeExport(address, a.gensee.site, '/integration/site/webcast/export/history', form, async () => {
        const small = await cc(env, a, '/collect/live/duration/', { liveid: bigSeed.session.public_id });
        expect(small.json.result).toBe('OK');
      });
      const body = JSON.parse(received) as { code: string; list: Array<{ joinTime: number }> };
      expect(body.code).toBe('0');
      expect(body.list).toHaveLength(20_000);
      for (let i = 1; i < body.list.length; i++) expect(body.list[i].joinTime).toBeGreaterThanOrEqual(body.list[i - 1].joinTime);
    } finally {
      await env.app.close();
    }
  }, 180_000);
});
