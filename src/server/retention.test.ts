import { describe, expect, it } from 'vitest';
import { HistoryRetention, type Pruned } from './retention.js';

describe('HistoryRetention', () => {
  it('prunes at start and then every interval, reports only what removed something, and reports failures without stopping', async () => {
    const results: Array<Pruned | Error> = [{ events: 0, deliveries: 0 }, { events: 3, deliveries: 1 }, new Error('database gone'), { events: 1, deliveries: 0 }];
    let runs = 0;
    const pruned: Pruned[] = [];
    const failed: unknown[] = [];
    const retention = new HistoryRetention(async () => {
      const next = results[Math.min(runs++, results.length - 1)];
      if (next instanceof Error) throw next;
      return next;
    }, { pruned: (p) => pruned.push(p), failed: (err) => failed.push(err) }, 20);
    retention.start();
    await new Promise((r) => setTimeout(r, 90));
    await retention.stop();
    const after = runs;
    expect(after).toBeGreaterThanOrEqual(4);
    expect(pruned.slice(0, 2)).toEqual([{ events: 3, deliveries: 1 }, { events: 1, deliveries: 0 }]);
    expect(failed).toEqual([results[2]]);
    await new Promise((r) => setTimeout(r, 50));
    expect(runs).toBe(after);
  });

  it('prunes once at start, without waiting for the first interval', async () => {
    let runs = 0;
    const retention = new HistoryRetention(async () => {
      runs++;
      return { events: 0, deliveries: 0 };
    }, { pruned: () => {}, failed: () => {} }, 60_000);
    retention.start();
    await new Promise((r) => setTimeout(r, 20));
    await retention.stop();
    expect(runs).toBe(1);
  });
});
