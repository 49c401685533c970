import { NO_INPUT } from '../framework/input.js';
import { BAIJIAYUN_PREFIX, baijiayunEndpoint, type BaijiayunEndpoint } from './context.js';
import { getClassCallbackUrl, SET_CALLBACK_INPUT, setClassCallbackUrl } from './handlers/account.js';
import { CHAT_INPUT, liveStatus, NOTIFY_INPUT, ROOM_INPUT, sendChatMessage, setNotify, stopCloudRecord, teacherOnlineStatus, transCloudRecord, userCount } from './handlers/live.js';
import { CREATE_KEY_INPUT, createKey } from './handlers/partner.js';
import { createRoom, listRooms, roomInfo } from './handlers/rooms.js';

/**
 * Baijiayun endpoint table, in the catalog's order (§2: 1–56, then C1, C2). Every endpoint takes
 * GET and POST.
 */
// `satisfies`, not a type annotation: rows keep their literal paths and input types for the typed clients.
export const BAIJIAYUN_ENDPOINTS = [
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/partner/createkey`, auth: 'secret_key', summary: '1 Get or regenerate the partner_key (authenticated by secret_key)', input: CREATE_KEY_INPUT, handle: createKey }),
  { path: `${BAIJIAYUN_PREFIX}/room/create`, summary: '2 Create a room; returns room_id and the role codes', handle: createRoom },
  { path: `${BAIJIAYUN_PREFIX}/room/info`, summary: '5 Get room info', handle: roomInfo },
  { path: `${BAIJIAYUN_PREFIX}/room/list`, summary: "9 List the account's rooms (paged)", handle: listRooms },
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/live/getLiveStatus`, summary: '15 Whether the room is in class (1) or not (0)', input: ROOM_INPUT, handle: liveStatus }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/live/getTeacherOnlineStatus`, summary: '16 Whether the teacher is in the room (1) or not (0)', input: ROOM_INPUT, handle: teacherOnlineStatus }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/live/getUserCount`, summary: '17 How many people are in the room now (real and displayed)', input: ROOM_INPUT, handle: userCount }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/live/setNotify`, summary: "19 Set the room's announcement", input: NOTIFY_INPUT, handle: setNotify }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/live/sendChatMessage`, summary: '35 Send chat messages into live rooms (at most 10 a request, 600 requests a minute)', input: CHAT_INPUT, handle: sendChatMessage }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/live/stopCloudRecord`, summary: "44 Stop the cloud recording of the class in progress", input: ROOM_INPUT, handle: stopCloudRecord }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/live/transCloudRecord`, summary: "45 Make playbacks of the room's cloud recordings", input: ROOM_INPUT, handle: transCloudRecord }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/live_account/setClassCallbackUrl`, summary: 'C1 Set the class start/end callback URL', input: SET_CALLBACK_INPUT, handle: setClassCallbackUrl }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/live_account/getClassCallbackUrl`, summary: 'C2 Get the class start/end callback URL', input: NO_INPUT, handle: getClassCallbackUrl }),
] satisfies BaijiayunEndpoint[];
