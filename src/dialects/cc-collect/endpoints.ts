import type { CcEndpoint } from './context.js';
import { liveUserCount } from './handlers/live.js';

/**
 * CC collect endpoint table (catalog §2). Routes ignore trailing slashes and collapse `//`
 * (the server is built with Fastify's ignoreTrailingSlash and ignoreDuplicateSlashes), so the
 * documented `/collect/live/usercount/` and `//collect/answercard/record` both route.
 */
export const CC_ENDPOINTS: CcEndpoint[] = [
  { path: '/collect/live/usercount/', accountParam: 'userid', summary: '2 Cumulative viewers of a live', handle: liveUserCount },
];
