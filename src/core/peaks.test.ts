import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, newTenant, type TestEnv } from '../../test/harness.js';
import { Seeded } from '../demo/activity.js';
import { peaksOver } from './attendance.js';

type Interval = { joined_at: number; left_at: number | null };

/** The sweep of `AttendanceQueries.peakConcurrency`, verbatim, over rows already read. */
function referenceSweep(rows: Interval[], from: number | undefined, to: number | undefined, now: number) {
  const events: number[] = [];
  for (const r of rows) {
    const start = from !== undefined ? Math.max(r.joined_at, from) : r.joined_at;
    const end = Math.min(r.left_at ?? now, to ?? Number.MAX_SAFE_INTEGER);
    if (end < start) continue;
    events.push(start * 2 + 1, end * 2);
  }
  events.sort((a, b) => a - b);
  let current = 0;
  let peak = 0;
  let at: number | null = null;
  for (const e of events) {
    if (e % 2 === 1) {
      current++;
      if (current > peak) {
        peak = current;
        at = (e - 1) / 2;
      }
    } else current--;
  }
  return { peak, at };
}

describe('peaksOver', () => {
  it('answers, for every window, what the peakConcurrency sweep answers for that window alone', () => {
    const rnd = new Seeded(42);
    for (let round = 0; round < 200; round++) {
      const now = 1_000;
      const rows: Interval[] = [];
      for (let i = rnd.int(0, 30); i > 0; i--) {
        const joined = rnd.int(0, 900);
        // Coarse times make ties (equal joins and leaves, zero-length stays) common.
        rows.push({ joined_at: joined, left_at: rnd.next() < 0.15 ? null : joined + rnd.int(0, 200) });
      }
      const windows = [];
      for (let i = 0; i < 12; i++) {
        const from = rnd.int(-50, 1_000);
        windows.push({ from, to: from + rnd.int(0, 300) });
      }
      const got = peaksOver(rows, windows, now);
      windows.forEach((w, i) => expect(got[i], `round ${round} window ${JSON.stringify(w)} rows ${JSON.stringify(rows)}`).toEqual(referenceSweep(rows, w.from, w.to, now)));
    }
  });
});

describe('AttendanceQueries.peaksByWindows', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(() => env?.close());

  it('agrees with peakConcurrency per room and per product-filtered tenant', async () => {
    const t = await newTenant(env, 'Peaks');
    const base = Date.UTC(2024, 0, 10, 2, 0, 0);
    const edu = await env.services.rooms.create({ tenantId: t.tenant.id, kind: 'large_class', title: 'edu' }, base - 86_400_000);
    const other = await env.services.rooms.create({ tenantId: t.tenant.id, kind: 'interactive_class', title: 'web' }, base - 86_400_000);
    const rnd = new Seeded(9);
    for (const room of [edu, other]) {
      for (let i = 0; i < 25; i++) {
        const who = { key: `p:${room.id}:${i}`, name: `p${i}`, userNumber: 100 + i };
        const { participantId } = await env.services.ingestion.join({ room, who, role: 'student', at: base + rnd.int(0, 120) * 60_000 });
        if (rnd.next() < 0.8) {
          const p = await env.services.participants.byId(t.tenant.id, participantId);
          const joined = (await env.services.activity.participations({ tenantId: t.tenant.id, roomId: room.id })).filter((r) => r.participant_id === p!.id).pop()!;
          await env.services.ingestion.leave(room, participantId, joined.joined_at + rnd.int(1, 90) * 60_000);
        }
      }
    }
    const now = base + 5 * 3_600_000;
    const windows = Array.from({ length: 30 }, (_, i) => ({ from: base + i * 600_000, to: base + (i + 1) * 600_000 - 1 }));
    const perRoom = await env.services.attendance.peaksByWindows({ roomId: edu.id }, windows, now);
    for (const [i, w] of windows.entries()) expect(perRoom[i]).toEqual(await env.services.attendance.peakConcurrency({ roomId: edu.id, ...w }, now));
    const all = await env.services.attendance.peaksByWindows({ tenantId: t.tenant.id }, windows, now);
    for (const [i, w] of windows.entries()) expect(all[i]).toEqual(await env.services.attendance.peakConcurrency({ tenantId: t.tenant.id, ...w }, now));
    const eduOnly = await env.services.attendance.peaksByWindows({ tenantId: t.tenant.id, kinds: ['large_class'] }, windows, now);
    expect(eduOnly).toEqual(perRoom);
    expect(Math.max(...all.map((p) => p.peak))).toBeGreaterThan(Math.max(...perRoom.map((p) => p.peak)));
  });
});
