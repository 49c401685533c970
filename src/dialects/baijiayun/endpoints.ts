import { BAIJIAYUN_PREFIX, type BaijiayunEndpoint } from './context.js';
import { createKey } from './handlers/partner.js';
import { createRoom, listRooms, roomInfo } from './handlers/rooms.js';
import { baijiayunEndpoint } from './context.js';
import {
  BIND_DOC_INPUT, bindDoc, getPlaybackPdfPath, LIST_ALL_DOC_INPUT, listAllDoc, listDoc, PLAYBACK_PDF_INPUT, REMOVE_DOC_INPUT, removeDoc, ROOM_INPUT,
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

/** Baijiayun endpoint table (catalog §2). Every endpoint takes GET and POST. */
// `satisfies`, not a type annotation: rows keep their literal paths and input types for the typed clients.
export const BAIJIAYUN_ENDPOINTS = [
  { path: `${BAIJIAYUN_PREFIX}/partner/createkey`, auth: 'secret_key', summary: '1 Get or regenerate the partner_key (authenticated by secret_key)', handle: createKey },
  { path: `${BAIJIAYUN_PREFIX}/room/create`, summary: '2 Create a room; returns room_id and the role codes', handle: createRoom },
  { path: `${BAIJIAYUN_PREFIX}/room/info`, summary: '5 Get room info', handle: roomInfo },
  { path: `${BAIJIAYUN_PREFIX}/room/list`, summary: "9 List the account's rooms (paged)", handle: listRooms },
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/doc/uploadDoc`, summary: '10 Upload a document (multipart `attachment`), optionally bound to a room', input: UPLOAD_DOC_INPUT, handle: uploadDoc }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/doc/bindDoc`, summary: '11 Bind an uploaded document to a room', input: BIND_DOC_INPUT, handle: bindDoc }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/doc/listDoc`, summary: "12 List a room's documents", input: ROOM_INPUT, handle: listDoc }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/doc/listAllDoc`, summary: "13 List the account's documents (all, uploaded in class, or through the API)", input: LIST_ALL_DOC_INPUT, handle: listAllDoc }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/doc/removeDoc`, summary: '14 Remove a document from a room (it stays in the account)', input: REMOVE_DOC_INPUT, handle: removeDoc }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room_data/exportChatMsg`, summary: "18 Export a room's chat (the last 2 weeks)", input: EXPORT_CHAT_INPUT, handle: exportChatMsg }),
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
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room_data/getRoomRaiseData`, summary: '34 Hand-raises and speaking time in a window (pro)', input: RAISE_INPUT, handle: getRoomRaiseData }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room-data/getRoomRedPackage`, summary: '38 Red packets grabbed per student', input: ROOM_ONLY_INPUT, handle: getRoomRedPackage }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room_data/exportAwardStat`, summary: "39 A room's lotteries and winners (pro)", input: DATED_ROOM_INPUT, handle: exportAwardStat }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room_data/exportQaStat`, summary: "40 A room's questions and answers (pro)", input: DATED_ROOM_INPUT, handle: exportQaStat }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room_data/exportQuestionnaireStat`, summary: "41 A room's questionnaires and their answers (pro)", input: DATED_ROOM_INPUT, handle: exportQuestionnaireStat }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room_data/exportAnswerStat`, summary: "42 A room's clicker questions and students' choices (pro)", input: DATED_ROOM_INPUT, handle: exportAnswerStat }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room_data/getPlaybackPdfPath`, summary: "43 PDFs of a room's PPTs converted for playback (pro)", input: PLAYBACK_PDF_INPUT, handle: getPlaybackPdfPath }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room_data/exportRoomPraiseStat`, summary: '48 Likes and praise received per person', input: ROOM_ONLY_INPUT, handle: exportRoomPraiseStat }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room_data/getExpReportList`, summary: "49 Each person's expression captures", input: ROOM_ONLY_INPUT, handle: getExpReportList }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room_data/getEvaluationStat`, summary: "50 A room's after-class evaluation answers (pro, paged)", input: EVALUATION_STAT_INPUT, handle: getEvaluationStat }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/evaluation/getEvaluationList`, summary: "51 The account's evaluation templates (pro, paged)", input: EVALUATION_LIST_INPUT, handle: getEvaluationList }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/evaluation/bindRoomEvaluation`, summary: "52 Set a room's evaluation template (pro)", input: ROOM_EVALUATION_INPUT, handle: setRoomEvaluation }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/evaluation/updateRoomEvaluation`, summary: "53 Change a room's evaluation template (pro)", input: ROOM_EVALUATION_INPUT, handle: setRoomEvaluation }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room_data/exportAttentionList`, summary: "54 A room's attention checks", input: ROOM_ONLY_INPUT, handle: exportAttentionList }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/room_data/exportAttentionDetail`, summary: "55 Each person's result of one attention check", input: ATTENTION_DETAIL_INPUT, handle: exportAttentionDetail }),
  baijiayunEndpoint({ path: `${BAIJIAYUN_PREFIX}/doc/uploadH5ByUrl`, summary: '56 Add H5 courseware by its URL, optionally bound to a room', input: UPLOAD_H5_INPUT, handle: uploadH5ByUrl }),
] satisfies BaijiayunEndpoint[];
