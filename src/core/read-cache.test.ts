import { describe, expect, it } from 'vitest';
import { ReadCache } from './read-cache.js';

describe('ReadCache', () => {
  it('serves a value while the data version stays, and reloads once it moves', async () => {
    let version = 1;
    let loads = 0;
    const cache = new ReadCache(() => String(version));
    const load = async () => ({ n: ++loads });
    expect(await cache.get('k', load)).toEqual({ n: 1 });
    expect(await cache.get('k', load)).toEqual({ n: 1 });
    version = 2;
    expect(await cache.get('k', load)).toEqual({ n: 2 });
  });

  it('does not keep a value read while the version moved, nor absent values', async () => {
    let version = 1;
    const cache = new ReadCache(() => String(version));
    await cache.get('k', async () => {
      version++;
      return { stale: true };
    });
    expect(await cache.get('k', async () => ({ stale: false }))).toEqual({ stale: false });
    let loads = 0;
    await cache.get('missing', async () => (loads++, undefined));
    await cache.get('missing', async () => (loads++, undefined));
    expect(loads).toBe(2);
  });

  it('remembers nothing without a version source, and freezes what it keeps', async () => {
    let loads = 0;
    const none = new ReadCache();
    await none.get('k', async () => ++loads);
    await none.get('k', async () => ++loads);
    expect(loads).toBe(2);
    const cache = new ReadCache(() => 'v');
    const value = (await cache.get('k', async () => ({ a: 1 })))!;
    expect(Object.isFrozen(value)).toBe(true);
  });

  it('works with a version asked asynchronously (PostgreSQL), and keeps nothing read under an older version', async () => {
    let version = 1;
    let loads = 0;
    const cache = new ReadCache(async () => String(version));
    const load = async () => ({ n: ++loads });
    expect(await cache.get('k', load)).toEqual({ n: 1 });
    expect(await cache.get('k', load)).toEqual({ n: 1 });
    version = 2;
    // A slow load that began under version 2 finishes after another lookup has seen version 3.
    let finish!: () => void;
    const slow = cache.get('slow', () => new Promise<{ n: number }>((resolve) => (finish = () => resolve({ n: -1 }))));
    await new Promise((r) => setTimeout(r, 0));
    version = 3;
    expect(await cache.get('k', load)).toEqual({ n: 2 });
    finish();
    expect(await slow).toEqual({ n: -1 });
    expect(await cache.get('slow', async () => ({ n: 3 }))).toEqual({ n: 3 });
  });
});
