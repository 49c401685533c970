import { ccEndpoint, type CcEndpoint } from './context.js';
import { answerCardRecord, brainstormRecord, POLL_HISTORY_INPUT, voteRecord } from './handlers/interactions.js';
import {
  CLIENT_INFO_INPUT, LIVE_CHAT_INPUT, LIVE_RECORD_INPUT, LIVE_USERS_INPUT, liveChatRecord, liveRecord, liveUserRecord, REWARD_INPUT, rewardRecord, roomClientInfo,
} from './handlers/records.js';
import { ROLLCALL_INPUT, rollcallGet } from './handlers/rollcall.js';
import { GATHER_INPUT, LIVE_INPUT, liveDuration, liveGather, liveUserCount, MAX_PARALLEL_INPUT, maxParallel } from './handlers/stats.js';

/**
 * CC collect endpoint table (catalog §2), in the document's order; every path takes GET and POST.
 * Routes ignore trailing slashes and collapse `//` (the server is built with Fastify's
 * ignoreTrailingSlash and ignoreDuplicateSlashes), so the documented `/collect/live/usercount/`
 * and `//collect/answercard/record` route, and so do their spellings without the extra slash.
 * The account parameter (`userid`, `account_id`) is part of THQS auth, not of an endpoint's input.
 */
// `satisfies`, not a type annotation: rows keep their literal paths and input types for the typed clients.
export const CC_ENDPOINTS = [
  // --- live statistics (1–3) ---
  ccEndpoint({ path: '/collect/max_parallel/', accountParam: 'userid', summary: '1 Peak simultaneous viewers of a live, or of the account over a date range', input: MAX_PARALLEL_INPUT, handle: maxParallel }),
  ccEndpoint({ path: '/collect/live/usercount/', accountParam: 'userid', summary: '2 Cumulative viewers of a live', input: LIVE_INPUT, handle: liveUserCount }),
  ccEndpoint({ path: '/collect/live/duration/', accountParam: 'userid', summary: '3 Actual start, end and duration of a live', input: LIVE_INPUT, handle: liveDuration }),
  // --- records of a live (4–6) ---
  ccEndpoint({ path: '/collect/live/user/record/', accountParam: 'userid', summary: '4 Entry and exit records of a live', input: LIVE_USERS_INPUT, handle: liveUserRecord }),
  ccEndpoint({ path: '/collect/live/chat/record/', accountParam: 'userid', summary: '5 Chat records of a live', input: LIVE_CHAT_INPUT, handle: liveChatRecord }),
  ccEndpoint({ path: '/collect/live/record', accountParam: 'userid', summary: "6 The account's lives in a time range (paged)", input: LIVE_RECORD_INPUT, handle: liveRecord }),
  // --- interactions (7–10) ---
  ccEndpoint({ path: '/collect/brainstom/record', accountParam: 'userid', summary: '7 Brainstorm history of a room or live (paged)', input: POLL_HISTORY_INPUT, handle: brainstormRecord }),
  ccEndpoint({ path: '/collect/vote/record', accountParam: 'userid', summary: '8 Vote history of a room or live (paged)', input: POLL_HISTORY_INPUT, handle: voteRecord }),
  ccEndpoint({ path: '//collect/answercard/record', accountParam: 'userid', summary: '9 Answer-card history of a room or live (paged)', input: POLL_HISTORY_INPUT, handle: answerCardRecord }),
  ccEndpoint({ path: '/collect/reward/record', accountParam: 'userid', summary: '10 Reward records of a live (paged)', input: REWARD_INPUT, handle: rewardRecord }),
  // --- summaries (11–13) ---
  ccEndpoint({ path: '/collect/live/gather', accountParam: 'userid', summary: '11 Summary of a live: locations, platforms, user count', input: GATHER_INPUT, handle: liveGather }),
  ccEndpoint({ path: '/collect/room/client/info', accountParam: 'userid', summary: "12 Viewers' client reports in a room", input: CLIENT_INFO_INPUT, handle: roomClientInfo }),
  ccEndpoint({ path: '/openapi/collect/rollcall/get', accountParam: 'account_id', summary: '13 Roll-call data of a live (paged; own envelope)', input: ROLLCALL_INPUT, handle: rollcallGet }),
] satisfies CcEndpoint[];
