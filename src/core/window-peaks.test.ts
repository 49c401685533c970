import { describe, expect, it } from 'vitest';
import { Seeded } from '../demo/activity.js';
import { peaksOver } from './attendance.js';
import { WindowPeakSweep } from './window-peaks.js';

type Interval = { joined_at: number; left_at: number | null };

describe('WindowPeakSweep', () => {
  it('answers what peaksOver answers, for any windows and any chunking of the intervals', () => {
    const rnd = new Seeded(7);
    for (let round = 0; round < 400; round++) {
      const now = 1_000;
      const rows: Interval[] = [];
      for (let i = rnd.int(0, 60); i > 0; i--) {
        const joined = rnd.int(0, 900);
        // Coarse times make ties (equal joins and leaves, zero-length stays) common; a few end before they start.
        rows.push({ joined_at: joined, left_at: rnd.next() < 0.15 ? null : joined + rnd.int(-5, 200) });
      }
      rows.sort((a, b) => a.joined_at - b.joined_at);
      const windows = [];
      for (let i = rnd.int(1, 15); i > 0; i--) {
        const from = rnd.int(-50, 1_000);
        windows.push({ from, to: from + rnd.int(-10, 300) });
      }
      const sweep = new WindowPeakSweep(windows, now);
      for (let i = 0; i < rows.length;) {
        const n = rnd.int(1, 7);
        sweep.add(rows.slice(i, i + n));
        i += n;
      }
      expect(sweep.finish(), `round ${round} windows ${JSON.stringify(windows)} rows ${JSON.stringify(rows)}`).toEqual(peaksOver(rows, windows, now));
    }
  });

  it('holds only the intervals open at the current instant', () => {
    const sweep = new WindowPeakSweep([{ from: 0, to: 10_000_000 }], 0);
    // 200,000 short stays, at most three at once.
    for (let c = 0; c < 200; c++) sweep.add(Array.from({ length: 1000 }, (_, i) => ({ joined_at: (c * 1000 + i) * 10, left_at: (c * 1000 + i) * 10 + 25 })));
    expect(sweep.finish()).toEqual([{ peak: 3, at: 20 }]);
  });
});
