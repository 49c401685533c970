import { describe, expect, it } from 'vitest';
import { CC_ENDPOINTS } from './endpoints.js';

const CATALOG = [
  '/collect/max_parallel', '/collect/live/usercount', '/collect/live/duration', '/collect/live/user/record', '/collect/live/chat/record',
  '/collect/live/record', '/collect/brainstom/record', '/collect/vote/record', '/collect/answercard/record', '/collect/reward/record',
  '/collect/live/gather', '/collect/room/client/info', '/openapi/collect/rollcall/get',
];

const normalise = (p: string) => p.replace(/\/{2,}/g, '/').replace(/\/$/, '');

describe('CC collect endpoint table', () => {
  it('has exactly the 13 endpoints of the catalog', () => {
    expect(CC_ENDPOINTS).toHaveLength(13);
    expect(CC_ENDPOINTS.map((e) => normalise(e.path)).sort()).toEqual([...CATALOG].sort());
  });
});
