import { describe, expect, it } from 'vitest';
import { endOfTurn } from './end-of-turn.js';

describe('endOfTurn', () => {
  it('is one promise for every caller of a turn, settled in its setImmediate phase, and a new one for the next turn', async () => {
    const order: string[] = [];
    const first = endOfTurn();
    const second = endOfTurn();
    expect(second).toBe(first);
    void first.then(() => order.push('answers written'));
    await Promise.resolve();
    order.push('microtasks of the turn');
    await first;
    expect(order).toEqual(['microtasks of the turn', 'answers written']);
    const next = endOfTurn();
    expect(next).not.toBe(first);
    await next;
  });

});
