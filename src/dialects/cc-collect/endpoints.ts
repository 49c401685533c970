import type { CcEndpoint } from './context.js';
import { answerCardRecord, brainstormRecord, voteRecord } from './handlers/interactions.js';
import { liveChatRecord, liveRecord, liveUserRecord, rewardRecord, roomClientInfo } from './handlers/records.js';
import { rollcallGet } from './handlers/rollcall.js';
import { liveDuration, liveGather, liveUserCount, maxParallel } from './handlers/stats.js';

/**
 * CC collect endpoint table (catalog §2), in the document's order; every path takes GET and POST.
 * Routes ignore trailing slashes and collapse `//` (the server is built with Fastify's
 * ignoreTrailingSlash and ignoreDuplicateSlashes), so the documented `/collect/live/usercount/`
 * and `//collect/answercard/record` route, and so do their spellings without the extra slash.
 */
// `satisfies`, not a type annotation: rows keep their literal paths and input types for the typed clients.
export const CC_ENDPOINTS = [
  // --- live statistics (1–3) ---
  { path: '/collect/max_parallel/', accountParam: 'userid', summary: '1 Peak simultaneous viewers of a live, or of the account over a date range', handle: maxParallel },
  { path: '/collect/live/usercount/', accountParam: 'userid', summary: '2 Cumulative viewers of a live', handle: liveUserCount },
  { path: '/collect/live/duration/', accountParam: 'userid', summary: '3 Actual start, end and duration of a live', handle: liveDuration },
  // --- records of a live (4–6) ---
  { path: '/collect/live/user/record/', accountParam: 'userid', summary: '4 Entry and exit records of a live', handle: liveUserRecord },
  { path: '/collect/live/chat/record/', accountParam: 'userid', summary: '5 Chat records of a live', handle: liveChatRecord },
  { path: '/collect/live/record', accountParam: 'userid', summary: "6 The account's lives in a time range (paged)", handle: liveRecord },
  // --- interactions (7–10) ---
  { path: '/collect/brainstom/record', accountParam: 'userid', summary: '7 Brainstorm history of a room or live (paged)', handle: brainstormRecord },
  { path: '/collect/vote/record', accountParam: 'userid', summary: '8 Vote history of a room or live (paged)', handle: voteRecord },
  { path: '//collect/answercard/record', accountParam: 'userid', summary: '9 Answer-card history of a room or live (paged)', handle: answerCardRecord },
  { path: '/collect/reward/record', accountParam: 'userid', summary: '10 Reward records of a live (paged)', handle: rewardRecord },
  // --- summaries (11–13) ---
  { path: '/collect/live/gather', accountParam: 'userid', summary: '11 Summary of a live: locations, platforms, user count', handle: liveGather },
  { path: '/collect/room/client/info', accountParam: 'userid', summary: "12 Viewers' client reports in a room", handle: roomClientInfo },
  { path: '/openapi/collect/rollcall/get', accountParam: 'account_id', summary: '13 Roll-call data of a live (paged; own envelope)', handle: rollcallGet },
] satisfies CcEndpoint[];
