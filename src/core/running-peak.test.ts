import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, createWebcast, newTenant, type TestEnv } from '../../test/harness.js';
import { seeded } from '../../test/export-data.js';
import type { TenantCredentials } from '../dialects/provision.js';
import type { LiveSessionRow, RoomRow } from '../storage/schema.js';
import { IngestionBatcher } from '../live/ingestion-batcher.js';

const BASE = Date.UTC(2024, 4, 1, 0, 0, 0);
const SEC = 1000;

let env: TestEnv;
let creds: TenantCredentials;

beforeAll(async () => {
  env = await createTestEnv();
  creds = await newTenant(env, 'Running peaks');
}, 60_000);
afterAll(async () => env?.close());

const row = (id: number) => env.storage.db.selectFrom('live_sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** The figure computed by the database from the intervals, as if no running figure existed. */
const computed = (s: LiveSessionRow, now: number) => env.services.attendance.peakConcurrency({ roomId: s.room_id, from: s.started_at, to: s.ended_at ?? now }, now);

/**
 * Random classes through the ingestion service, in time order on a coarse grid (so joins, leaves,
 * re-entries and removals often share an instant), some people already inside when class starts.
 */
async function randomClass(room: RoomRow, rnd: () => number, start: number, checks: (session: LiveSessionRow, now: number) => Promise<void>): Promise<LiveSessionRow> {
  const ing = env.services.ingestion;
  let t = start - 10 * SEC;
  const inside = new Set<number>();
  const people = 3 + Math.floor(rnd() * 12);
  const step = async () => {
    t += Math.floor(rnd() * 3) * SEC;
    const who = Math.floor(rnd() * people);
    const r = rnd();
    if (r < 0.55) {
      const { participantId } = await ing.join({ room, who: { key: `p:${room.id}:${who}`, name: `p${who}` }, role: rnd() < 0.1 ? 'host' : 'student', at: t });
      inside.add(participantId);
    } else if (inside.size) {
      const id = [...inside][Math.floor(rnd() * inside.size)];
      if (r < 0.95) await ing.leave(room, id, t);
      else await ing.remove(room, id, t);
      inside.delete(id);
    }
  };
  for (let i = Math.floor(rnd() * 4); i > 0; i--) await step();
  t = Math.max(t, start);
  let session = await ing.startSession(room, t);
  for (let i = 10 + Math.floor(rnd() * 40); i > 0; i--) {
    await step();
    if (rnd() < 0.15) await checks(session, t + Math.floor(rnd() * 3) * SEC);
  }
  t += Math.floor(rnd() * 3) * SEC;
  session = (await ing.endSession(room, t))!;
  return session;
}

describe('the running peak of a live session (migration 020)', () => {
  it('equals the computed figure at every moment of random classes, live and ended, without reading the intervals', async () => {
    for (let trial = 0; trial < 25; trial++) {
      const rnd = seeded(500 + trial);
      const room = await createWebcast(env, creds, `running ${trial}`, { startTime: BASE });
      for (let c = 0; c < 2; c++) {
        const start = BASE + c * 3_600_000;
        const session = await randomClass(room, rnd, start, async (live, now) => {
          expect((await row(live.id)).run_valid, `trial ${trial} live`).toBe(1);
          const current = await row(live.id);
          expect(await env.services.attendance.sessionPeak(current, now), `trial ${trial} class ${c} live at ${now - BASE}`).toEqual(await computed(current, now));
        });
        const ended = await row(session.id);
        expect(ended.run_valid, `trial ${trial} class ${c}`).toBe(1);
        // No memo was computed: the answer came from the running figure.
        const now = start + 3_000_000;
        expect(await env.services.attendance.sessionPeak(ended, now), `trial ${trial} class ${c} ended`).toEqual(await computed(ended, now));
        expect((await row(session.id)).peak_count).toBeNull();
      }
    }
  }, 300_000);

  it('is kept by the live runtime\'s bulk path too (many joins and leaves per batch, several at one instant)', async () => {
    const batcher = new IngestionBatcher(env.services);
    for (let trial = 0; trial < 8; trial++) {
      const rnd = seeded(900 + trial);
      const room = await createWebcast(env, creds, `bulk running ${trial}`, { startTime: BASE });
      const live = await env.services.ingestion.startSession(room, BASE);
      let t = BASE;
      const inside = new Map<number, number>();
      for (let round = 0; round < 12; round++) {
        // One turn's commands, sent together so the batcher writes them as one batch.
        const sent: Array<Promise<unknown>> = [];
        const leaving = new Set<number>();
        for (let k = 1 + Math.floor(rnd() * 8); k > 0; k--) {
          t += Math.floor(rnd() * 2) * SEC;
          const who = Math.floor(rnd() * 10);
          const at = t;
          if (rnd() < 0.6 && !inside.has(who)) {
            inside.set(who, -1);
            sent.push(batcher.join({ room, who: { key: `bulk:${trial}:${who}`, name: `b${who}` }, role: 'student', at }).then((r) => inside.set(who, r.participantId)));
          } else if (inside.size) {
            const [person, id] = [...inside][Math.floor(rnd() * inside.size)];
            if (id < 0 || leaving.has(person)) continue;
            leaving.add(person);
            inside.delete(person);
            sent.push(batcher.leave({ room, participantId: id, at }));
          }
        }
        await Promise.all(sent);
        const current = await row(live.id);
        expect(current.run_valid, `trial ${trial} round ${round}`).toBe(1);
        expect(await env.services.attendance.sessionPeak(current, t + SEC), `trial ${trial} round ${round}`).toEqual(await computed(current, t + SEC));
      }
      const ended = (await env.services.ingestion.endSession(room, t + 5 * SEC))!;
      const settled = await row(ended.id);
      expect(settled.run_valid).toBe(1);
      expect(await env.services.attendance.sessionPeak(settled, t + 60 * SEC)).toEqual(await computed(settled, t + 60 * SEC));
    }
  }, 120_000);

  it('gives way to the computed figure once a write comes out of time order', async () => {
    const room = await createWebcast(env, creds, 'late write', { startTime: BASE });
    const ing = env.services.ingestion;
    const live = await ing.startSession(room, BASE);
    const a = await ing.join({ room, who: { key: 'late:a', name: 'a' }, role: 'student', at: BASE + 10 * SEC });
    await ing.join({ room, who: { key: 'late:b', name: 'b' }, role: 'student', at: BASE + 20 * SEC });
    expect((await row(live.id)).run_valid).toBe(1);
    // A join recorded for earlier than what was already written (a back-filled entry).
    await ing.join({ room, who: { key: 'late:c', name: 'c' }, role: 'student', at: BASE + 5 * SEC });
    expect((await row(live.id)).run_valid).toBe(0);
    await ing.leave(room, a.participantId, BASE + 30 * SEC);
    const ended = (await ing.endSession(room, BASE + 60 * SEC))!;
    expect(await env.services.attendance.sessionPeak(ended, BASE + 90 * SEC)).toEqual(await computed(ended, BASE + 90 * SEC));
    expect(await env.services.attendance.sessionPeak(ended, BASE + 90 * SEC)).toEqual({ peak: 3, at: BASE + 20 * SEC });
  });

  it('is not started for a session whose room already holds stays beyond its start', async () => {
    const room = await createWebcast(env, creds, 'later stays', { startTime: BASE });
    const ing = env.services.ingestion;
    const a = await ing.join({ room, who: { key: 'ls:a', name: 'a' }, role: 'student', at: BASE + 100 * SEC });
    await ing.leave(room, a.participantId, BASE + 200 * SEC);
    const live = await ing.startSession(room, BASE + 150 * SEC);
    expect((await row(live.id)).run_valid).toBe(0);
    const ended = (await ing.endSession(room, BASE + 300 * SEC))!;
    expect(await env.services.attendance.sessionPeak(ended, BASE + 400 * SEC)).toEqual({ peak: 1, at: BASE + 150 * SEC });
  });
});
