import { NO_INPUT } from '../framework/input.js';
import { BAIJIAYUN_PREFIX, baijiayunEndpoint, type BaijiayunEndpoint } from './context.js';
import { getClassCallbackUrl, SET_CALLBACK_INPUT, setClassCallbackUrl } from './handlers/account.js';
import { CHAT_INPUT, liveStatus, NOTIFY_INPUT, ROOM_INPUT, sendChatMessage, setNotify, stopCloudRecord, teacherOnlineStatus, transCloudRecord, userCount } from './handlers/live.js';
import { CODE_INFO_INPUT, GET_CODE_INPUT, getCode, getCodeInfo, LIST_CODE_INPUT, listCodes } from './handlers/codes.js';
import { CREATE_GROUP_CODES_INPUT, createGroupLiveCodes, getGroupLiveCodes, getGroupSubRoomId } from './handlers/groups.js';
import { CREATE_KEY_INPUT, createKey } from './handlers/partner.js';
import { GET_SPOT_INPUT, getSpotVideo, SET_SPOT_INPUT, setSpotVideo } from './handlers/spot-videos.js';
import { getPullStreamUrl, getPushLiveUrl } from './handlers/streams.js';
import { DELETE_INPUT, deleteRoom, UPDATE_INPUT, updateRoom } from './handlers/room-lifecycle.js';
import { CREATE_INPUT, createRoom, INFO_INPUT, LIST_INPUT, listRooms, roomInfo } from './handlers/rooms.js';

/**
 * Baijiayun endpoint table, in the catalog's order (§2: 1–56, then C1, C2). Every endpoint takes
 * GET and POST.
 */
// `satisfies`, not a type annotation: rows keep their literal paths and input types for the typed clients.
export const BAIJIAYUN_ENDPOINTS = [
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/partner/createkey`, auth: 'secret_key', summary: '1 Get or regenerate the partner_key (authenticated by secret_key)', input: CREATE_KEY_INPUT, handle: createKey }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room/create`, summary: '2 Create a room; returns room_id and the role codes', input: CREATE_INPUT, handle: createRoom }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room/update`, summary: "3 Update a room's settings (only what is sent)", input: UPDATE_INPUT, handle: updateRoom }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room/delete`, summary: '4 Delete a room (remembered: 3002 afterwards)', input: DELETE_INPUT, handle: deleteRoom }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room/info`, summary: '5 Get room info', input: INFO_INPUT, handle: roomInfo }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room/getcode`, summary: "6 A user's own student code for the room (from user_number)", input: GET_CODE_INPUT, handle: getCode }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room/getCodeInfo`, summary: '7 Look up a join code', input: CODE_INFO_INPUT, handle: getCodeInfo }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room/listcode`, summary: "8 The room's student codes made by getcode (paged)", input: LIST_CODE_INPUT, handle: listCodes }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room/list`, summary: "9 List the account's rooms (paged)", input: LIST_INPUT, handle: listRooms }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/live/getLiveStatus`, summary: '15 Whether the room is in class (1) or not (0)', input: ROOM_INPUT, handle: liveStatus }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/live/getTeacherOnlineStatus`, summary: '16 Whether the teacher is in the room (1) or not (0)', input: ROOM_INPUT, handle: teacherOnlineStatus }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/live/getUserCount`, summary: '17 How many people are in the room now (real and displayed)', input: ROOM_INPUT, handle: userCount }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/live/setNotify`, summary: "19 Set the room's announcement", input: NOTIFY_INPUT, handle: setNotify }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room/createGroupLiveCodes`, summary: "31 Create the groups of a group live room with their codes", input: CREATE_GROUP_CODES_INPUT, handle: createGroupLiveCodes }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room/getGroupLiveCodes`, summary: "32 The codes of a group live room: teacher, assistants, each group's", input: ROOM_INPUT, handle: getGroupLiveCodes }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room/getPushLiveUrl`, summary: '33 The RTMP push URL of a push-stream live room (signed, expiring)', input: ROOM_INPUT, handle: getPushLiveUrl }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/live/sendChatMessage`, summary: '35 Send chat messages into live rooms (at most 10 a request, 600 requests a minute)', input: CHAT_INPUT, handle: sendChatMessage }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room/getGroupSubRoomId`, summary: "36 The small classroom of each group of a big/small-class group room", input: ROOM_INPUT, handle: getGroupSubRoomId }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room/getPullStreamUrl`, summary: '37 The RTMP and HLS pull URLs of a push-stream live room', input: ROOM_INPUT, handle: getPullStreamUrl }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/live/stopCloudRecord`, summary: "44 Stop the cloud recording of the class in progress", input: ROOM_INPUT, handle: stopCloudRecord }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/live/transCloudRecord`, summary: "45 Make playbacks of the room's cloud recordings", input: ROOM_INPUT, handle: transCloudRecord }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room/setSpotVideo`, summary: '46 Set the insert-play videos of a large class (at most 3)', input: SET_SPOT_INPUT, handle: setSpotVideo }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room/getSpotVideo`, summary: '47 The insert-play videos of a large class', input: GET_SPOT_INPUT, handle: getSpotVideo }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/live_account/setClassCallbackUrl`, summary: 'C1 Set the class start/end callback URL', input: SET_CALLBACK_INPUT, handle: setClassCallbackUrl }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/live_account/getClassCallbackUrl`, summary: 'C2 Get the class start/end callback URL', input: NO_INPUT, handle: getClassCallbackUrl }),
] satisfies BaijiayunEndpoint[];
