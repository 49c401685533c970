import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cc, createTestEnv, createWebcast, newTenant, type TestEnv } from '../../test/harness.js';
import { seeded } from '../../test/export-data.js';
import { peakOfIntervals } from './attendance.js';
import type { TenantCredentials } from '../dialects/provision.js';
import type { RoomRow } from '../storage/schema.js';

type Interval = { joined_at: number; left_at: number | null };

/**
 * Peak concurrency by brute force, from the definition: the count at an instant t is the number of
 * intervals (clipped to the window, open ones running to `now`) with start ≤ t < end; the peak is
 * its maximum over the starts, `at` the first start reaching it (null when nobody was ever in).
 */
function bruteForce(rows: readonly Interval[], from: number | undefined, to: number | undefined, now: number) {
  const clipped = rows.map((r) => ({ s: from === undefined ? r.joined_at : Math.max(r.joined_at, from), e: Math.min(r.left_at ?? now, to ?? Infinity) })).filter((r) => r.e >= r.s);
  let peak = 0;
  let at: number | null = null;
  for (const t of clipped.map((r) => r.s).sort((x, y) => x - y)) {
    const count = clipped.filter((r) => r.s <= t && t < r.e).length;
    if (count > peak) {
      peak = count;
      at = t;
    }
  }
  return { peak, at };
}

const BASE = Date.UTC(2024, 4, 1, 0, 0, 0);
const MIN = 60_000;

let env: TestEnv;
let creds: TenantCredentials;

beforeAll(async () => {
  env = await createTestEnv();
  creds = await newTenant(env, 'Peak SQL');
}, 60_000);
afterAll(async () => env?.close());

/** Random intervals on a coarse minute grid (so that joins and leaves often share an instant), some open, some empty. */
function randomIntervals(rnd: () => number, n: number): Interval[] {
  return Array.from({ length: n }, () => {
    const joined = BASE + Math.floor(rnd() * 60) * MIN;
    const r = rnd();
    return { joined_at: joined, left_at: r < 0.1 ? null : r < 0.15 ? joined : joined + Math.floor(rnd() * 30) * MIN };
  });
}

async function insert(room: RoomRow, rows: Interval[]): Promise<void> {
  const participant = await env.storage.db.insertInto('participants').values({
    tenant_id: room.tenant_id, viewer_id: room.public_id, external_key: `peak:${room.id}`, user_id: null, user_number: null, name: 'p', avatar: null, created_at: BASE,
  }).returning('id').executeTakeFirstOrThrow();
  if (rows.length === 0) return;
  await env.storage.db.insertInto('participations').values(rows.map((r) => ({
    tenant_id: room.tenant_id, room_id: room.id, session_id: null, participant_id: participant.id, name: 'p', role: 'student', ip: null, platform: null, user_agent: null,
    area: null, company: null, mobile: null, joined_at: r.joined_at, left_at: r.left_at, properties: '{}',
  }))).execute();
}

describe('peak concurrency computed by the database', () => {
  it('equals a brute-force computation on random intervals, for windows, open intervals and the whole tenant', async () => {
    for (let trial = 0; trial < 12; trial++) {
      const rnd = seeded(1000 + trial);
      const room = await createWebcast(env, creds, `peaks ${trial}`, { startTime: BASE });
      const rows = randomIntervals(rnd, trial === 0 ? 0 : 1 + Math.floor(rnd() * 120));
      await insert(room, rows);
      const now = BASE + Math.floor(rnd() * 100) * MIN;
      const windows: Array<{ from?: number; to?: number }> = [{}];
      for (let i = 0; i < 6; i++) {
        const from = BASE + Math.floor(rnd() * 80 - 10) * MIN;
        windows.push({ from, to: from + Math.floor(rnd() * 40) * MIN + (rnd() < 0.5 ? 0 : -1) });
      }
      for (const w of windows) {
        const got = await env.services.attendance.peakConcurrency({ roomId: room.id, ...w }, now);
        // The scope filter keeps intervals that touch the window; the brute force sees them all, clipped.
        expect(got, `trial ${trial} window ${JSON.stringify(w)}`).toEqual(bruteForce(rows, w.from, w.to, now));
        expect(got).toEqual(peakOfIntervals(rows, (r) => r.joined_at, (r) => r.left_at, w.from, w.to, now));
      }
    }
    // The tenant scope sums every room of the tenant (all the trials above together).
    const all = await env.storage.db.selectFrom('participations').select(['joined_at', 'left_at']).where('tenant_id', '=', creds.tenant.id).execute();
    const window = { from: BASE + 10 * MIN, to: BASE + 50 * MIN };
    expect(await env.services.attendance.peakConcurrency({ tenantId: creds.tenant.id, ...window }, BASE + 90 * MIN)).toEqual(bruteForce(all, window.from, window.to, BASE + 90 * MIN));
  }, 120_000);

  it('computes the VOD viewing peak in the database, equal to the brute force on random viewings', async () => {
    const other = await newTenant(env, 'Peak SQL vod');
    const vod = await env.storage.db.insertInto('vods').values({
      tenant_id: other.tenant.id, public_id: 'peakvod', number: '1', room_id: null, recording_id: null, subject: 'v', description: null, password: null, published: 1,
      owner_user_id: null, source: 'upload', duration_ms: 0, size: 0, properties: '{}', created_at: BASE, updated_at: BASE, deleted_at: null, conversion_job_id: null,
    }).returning('id').executeTakeFirstOrThrow();
    const rnd = seeded(4242);
    const rows = randomIntervals(rnd, 300);
    await env.storage.db.insertInto('vod_views').values(rows.map((r, i) => ({
      tenant_id: other.tenant.id, vod_id: vod.id, participant_id: i, name: 'v', ip: null, platform: null, started_at: r.joined_at, left_at: r.left_at,
    }))).execute();
    for (let i = 0; i < 10; i++) {
      const from = BASE + Math.floor(rnd() * 80 - 10) * MIN;
      const to = from + Math.floor(rnd() * 40) * MIN + (rnd() < 0.5 ? 0 : -1);
      const now = BASE + Math.floor(rnd() * 100) * MIN;
      const got = await env.services.attendance.peakVodViewing(other.tenant.id, from, to, now);
      expect(got, `window ${from}–${to}`).toEqual(bruteForce(rows, from, to, now));
      expect(got).toEqual(peakOfIntervals(rows, (r) => r.joined_at, (r) => r.left_at, from, to, now));
    }
  });

  it("memoises a finished session's peak and forgets it when a write can change it", async () => {
    const room = await createWebcast(env, creds, 'memo', { startTime: BASE });
    const ing = env.services.ingestion;
    await ing.startSession(room, BASE);
    const who = (i: number) => ({ key: `memo:${i}`, name: `m${i}` });
    for (let i = 0; i < 3; i++) await ing.join({ room, who: who(i), role: 'attendee', at: BASE + (i + 1) * MIN });
    const ended = (await ing.endSession(room, BASE + 30 * MIN))!;
    const maxParallel = async () => (await cc(env, creds, '/collect/max_parallel/', { liveid: ended.public_id })).json.data as { max_parallel: number };
    // Fed in time order, the session carries its running figure (migration 020); the memo is for
    // sessions without one (imported data): this one is made such a session.
    expect((await maxParallel()).max_parallel).toBe(3);
    await env.storage.db.updateTable('live_sessions').set({ run_valid: 0 }).where('id', '=', ended.id).execute();
    expect((await maxParallel()).max_parallel).toBe(3);
    const memo = () => env.storage.db.selectFrom('live_sessions').select(['peak_count', 'peak_at']).where('id', '=', ended.id).executeTakeFirstOrThrow();
    expect(await memo()).toEqual({ peak_count: 3, peak_at: BASE + 3 * MIN });
    // The figure is served from the row: a planted value shows (proof that nothing was recomputed).
    await env.storage.db.updateTable('live_sessions').set({ peak_count: 7 }).where('id', '=', ended.id).execute();
    expect((await maxParallel()).max_parallel).toBe(7);
    // A late (backdated) join inside the session changes the figure: the memo is forgotten and recomputed.
    await ing.join({ room, who: who(9), role: 'attendee', at: BASE + 10 * MIN });
    expect(await memo()).toEqual({ peak_count: null, peak_at: null });
    expect((await maxParallel()).max_parallel).toBe(4);
    // A write after the session ended leaves its memo alone.
    await ing.join({ room, who: who(10), role: 'attendee', at: BASE + 40 * MIN });
    expect((await memo()).peak_count).toBe(4);
  });
});
