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
import {
  BIND_DOC_INPUT, bindDoc, getPlaybackPdfPath, LIST_ALL_DOC_INPUT, listAllDoc, listDoc, PLAYBACK_PDF_INPUT, REMOVE_DOC_INPUT, removeDoc, ROOM_INPUT as DOC_ROOM_INPUT,
  UPLOAD_DOC_INPUT, UPLOAD_H5_INPUT, uploadDoc, uploadH5ByUrl,
} from './handlers/documents.js';
import { EXPORT_CHAT_INPUT, exportChatMsg } from './handlers/chat.js';
import { EXPORT_LIVE_REPORT_INPUT, exportLiveReport } from './handlers/live-report.js';
import {
  ALL_ROOM_COST_INPUT, ALL_ROOM_USER_STAT_INPUT, DATE_RANGE_INPUT, getAllRoomCost, getAllRoomUserStat, getDayPeakUser, getHourPeakUser, getPartnerDailyCost, getRoomPeakUser,
  HOUR_PEAK_INPUT, ROOM_PEAK_INPUT,
} from './handlers/usage.js';
import { DATED_ROOM_INPUT, exportAnswerStat, exportQuestionnaireStat, getQuizUserAnswer, getRoomQuiz, QUIZ_ANSWER_INPUT, ROOM_QUIZ_INPUT } from './handlers/polls.js';
import { exportAwardStat, exportQaStat, exportRoomPraiseStat, getRoomRaiseData, getRoomRedPackage, getUserCheckinInfo, RAISE_INPUT, ROOM_ONLY_INPUT } from './handlers/interactions.js';
import { ATTENTION_DETAIL_INPUT, exportAttentionDetail, exportAttentionList, getExpReportList } from './handlers/insights.js';
import { EVALUATION_LIST_INPUT, EVALUATION_STAT_INPUT, getEvaluationList, getEvaluationStat, ROOM_EVALUATION_INPUT, setRoomEvaluation } from './handlers/evaluations.js';

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
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/doc/uploadDoc`, summary: '10 Upload a document (multipart `attachment`), optionally bound to a room', input: UPLOAD_DOC_INPUT, handle: uploadDoc }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/doc/bindDoc`, summary: '11 Bind an uploaded document to a room', input: BIND_DOC_INPUT, handle: bindDoc }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/doc/listDoc`, summary: "12 List a room's documents", input: DOC_ROOM_INPUT, handle: listDoc }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/doc/listAllDoc`, summary: "13 List the account's documents (all, uploaded in class, or through the API)", input: LIST_ALL_DOC_INPUT, handle: listAllDoc }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/doc/removeDoc`, summary: '14 Remove a document from a room (it stays in the account)', input: REMOVE_DOC_INPUT, handle: removeDoc }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/live/getLiveStatus`, summary: '15 Whether the room is in class (1) or not (0)', input: ROOM_INPUT, handle: liveStatus }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/live/getTeacherOnlineStatus`, summary: '16 Whether the teacher is in the room (1) or not (0)', input: ROOM_INPUT, handle: teacherOnlineStatus }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/live/getUserCount`, summary: '17 How many people are in the room now (real and displayed)', input: ROOM_INPUT, handle: userCount }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room_data/exportChatMsg`, summary: "18 Export a room's chat (the last 2 weeks)", input: EXPORT_CHAT_INPUT, handle: exportChatMsg }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/live/setNotify`, summary: "19 Set the room's announcement", input: NOTIFY_INPUT, handle: setNotify }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room_data/exportLiveReport`, summary: '20 Per-person, per-day attendance of a room (paged)', input: EXPORT_LIVE_REPORT_INPUT, handle: exportLiveReport }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room_data/getAllRoomUserStat`, summary: '21 Person-times and peak concurrency of every room on a day', input: ALL_ROOM_USER_STAT_INPUT, handle: getAllRoomUserStat }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room_data/getRoomPeakUser`, summary: "22 A room's peak concurrency per 10 minutes within a day", input: ROOM_PEAK_INPUT, handle: getRoomPeakUser }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/live_account/getHourPeakUser`, summary: "23 The account's peak concurrency per hour of a day", input: HOUR_PEAK_INPUT, handle: getHourPeakUser }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/live_account/getDayPeakUser`, summary: "24 The account's peak concurrency per day of a range", input: DATE_RANGE_INPUT, handle: getDayPeakUser }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/live_account/getPartnerDailyCost`, summary: '26 Person-times consumed per day of a range', input: DATE_RANGE_INPUT, handle: getPartnerDailyCost }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/live_account/getAllRoomCost`, summary: '27 Person-times consumed per room on a day', input: ALL_ROOM_COST_INPUT, handle: getAllRoomCost }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room_data/getRoomQuiz`, summary: "28 A room's quizzes with questions, options and answer keys", input: ROOM_QUIZ_INPUT, handle: getRoomQuiz }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room_data/getQuizUserAnswer`, summary: "29 Students' answers to one quiz", input: QUIZ_ANSWER_INPUT, handle: getQuizUserAnswer }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room_data/getUserCheckinInfo`, summary: "30 A room's roll-calls and who checked in", input: ROOM_ONLY_INPUT, handle: getUserCheckinInfo }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room/createGroupLiveCodes`, summary: "31 Create the groups of a group live room with their codes", input: CREATE_GROUP_CODES_INPUT, handle: createGroupLiveCodes }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room/getGroupLiveCodes`, summary: "32 The codes of a group live room: teacher, assistants, each group's", input: ROOM_INPUT, handle: getGroupLiveCodes }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room/getPushLiveUrl`, summary: '33 The RTMP push URL of a push-stream live room (signed, expiring)', input: ROOM_INPUT, handle: getPushLiveUrl }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room_data/getRoomRaiseData`, summary: '34 Hand-raises and speaking time in a window (pro)', input: RAISE_INPUT, handle: getRoomRaiseData }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/live/sendChatMessage`, summary: '35 Send chat messages into live rooms (at most 10 a request, 600 requests a minute)', input: CHAT_INPUT, handle: sendChatMessage }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room/getGroupSubRoomId`, summary: "36 The small classroom of each group of a big/small-class group room", input: ROOM_INPUT, handle: getGroupSubRoomId }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room/getPullStreamUrl`, summary: '37 The RTMP and HLS pull URLs of a push-stream live room', input: ROOM_INPUT, handle: getPullStreamUrl }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room-data/getRoomRedPackage`, summary: '38 Red packets grabbed per student', input: ROOM_ONLY_INPUT, handle: getRoomRedPackage }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room_data/exportAwardStat`, summary: "39 A room's lotteries and winners (pro)", input: DATED_ROOM_INPUT, handle: exportAwardStat }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room_data/exportQaStat`, summary: "40 A room's questions and answers (pro)", input: DATED_ROOM_INPUT, handle: exportQaStat }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room_data/exportQuestionnaireStat`, summary: "41 A room's questionnaires and their answers (pro)", input: DATED_ROOM_INPUT, handle: exportQuestionnaireStat }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room_data/exportAnswerStat`, summary: "42 A room's clicker questions and students' choices (pro)", input: DATED_ROOM_INPUT, handle: exportAnswerStat }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room_data/getPlaybackPdfPath`, summary: "43 PDFs of a room's PPTs converted for playback (pro)", input: PLAYBACK_PDF_INPUT, handle: getPlaybackPdfPath }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/live/stopCloudRecord`, summary: "44 Stop the cloud recording of the class in progress", input: ROOM_INPUT, handle: stopCloudRecord }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/live/transCloudRecord`, summary: "45 Make playbacks of the room's cloud recordings", input: ROOM_INPUT, handle: transCloudRecord }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room/setSpotVideo`, summary: '46 Set the insert-play videos of a large class (at most 3)', input: SET_SPOT_INPUT, handle: setSpotVideo }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room/getSpotVideo`, summary: '47 The insert-play videos of a large class', input: GET_SPOT_INPUT, handle: getSpotVideo }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room_data/exportRoomPraiseStat`, summary: '48 Likes and praise received per person', input: ROOM_ONLY_INPUT, handle: exportRoomPraiseStat }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room_data/getExpReportList`, summary: "49 Each person's expression captures", input: ROOM_ONLY_INPUT, handle: getExpReportList }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room_data/getEvaluationStat`, summary: "50 A room's after-class evaluation answers (pro, paged)", input: EVALUATION_STAT_INPUT, handle: getEvaluationStat }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/evaluation/getEvaluationList`, summary: "51 The account's evaluation templates (pro, paged)", input: EVALUATION_LIST_INPUT, handle: getEvaluationList }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/evaluation/bindRoomEvaluation`, summary: "52 Set a room's evaluation template (pro)", input: ROOM_EVALUATION_INPUT, handle: setRoomEvaluation }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/evaluation/updateRoomEvaluation`, summary: "53 Change a room's evaluation template (pro)", input: ROOM_EVALUATION_INPUT, handle: setRoomEvaluation }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room_data/exportAttentionList`, summary: "54 A room's attention checks", input: ROOM_ONLY_INPUT, handle: exportAttentionList }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room_data/exportAttentionDetail`, summary: "55 Each person's result of one attention check", input: ATTENTION_DETAIL_INPUT, handle: exportAttentionDetail }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/doc/uploadH5ByUrl`, summary: '56 Add H5 courseware by its URL, optionally bound to a room', input: UPLOAD_H5_INPUT, handle: uploadH5ByUrl }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/live_account/setClassCallbackUrl`, summary: 'C1 Set the class start/end callback URL', input: SET_CALLBACK_INPUT, handle: setClassCallbackUrl }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/live_account/getClassCallbackUrl`, summary: 'C2 Get the class start/end callback URL', input: NO_INPUT, handle: getClassCallbackUrl }),
] satisfies BaijiayunEndpoint[];
