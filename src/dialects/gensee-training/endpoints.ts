import { TRAINING_PREFIX, trainingEndpoint, type TrainingEndpoint } from './context.js';
import {
  CREATE_FAMOUS_INPUT, createFamousRoom, deleteFamousRoom, FAMOUS_DELETE_INPUT, FAMOUS_ID_INPUT, famousRoomInfo, MODIFY_FAMOUS_INPUT, MODIFY_SLAVE_INPUT,
  modifyFamousRoom, modifySlaveRoom, TUTORIAL_ID_INPUT, tutorialRoomInfo,
} from './handlers/famous-rooms.js';
import { ADD_GROUP_INPUT, addGroup, CREATE_GROUPS_INPUT, createGroups, DELETE_GROUP_INPUT, deleteGroup, UPDATE_GROUP_INPUT, updateGroup } from './handlers/groups.js';
import { CREATE_MINI_INPUT, createMiniRoom, MINI_HISTORY_INPUT, MINI_SYNC_INPUT, miniRoomHistory, MODIFY_MINI_INPUT, modifyMiniRoom, syncMiniRooms } from './handlers/mini-rooms.js';
import { addRelay, RELAY_INPUT, removeRelay } from './handlers/relays.js';
import { ROOM_SYNC_INPUT, syncRooms } from './handlers/room-sync.js';
import { configureTelconf, CREATE_ROOM_INPUT, createRoom, deleteRoom, MODIFY_ROOM_INPUT, modifyRoom, roomInfo, TELCONF_INPUT } from './handlers/rooms.js';
import { ROSTER_INPUT, uploadRoster } from './handlers/roster.js';
import { queryStatus } from './handlers/status.js';
import { ROOM_ID_INPUT } from './room-view.js';
import { CREATE_TEACHER_INPUT, createTeacher, MODIFY_TEACHER_INPUT, modifyTeacher } from './handlers/teachers.js';
import { ATTACH_WARMUP_INPUT, attachWarmup, CREATE_WARMUP_INPUT, createWarmup, DETACH_WARMUP_INPUT, detachWarmup, MODIFY_WARMUP_INPUT, modifyWarmup } from './handlers/warmups.js';
import { SYNC_INPUT } from './sync.js';
import {
  COURSEWARE_INPUT, coursewareInfo, coursewareViews, deleteCourseware, listCoursewares, MODIFY_COURSEWARE_INPUT, modifyCourseware, ROOM_INPUT, syncCoursewares, VODVIEW_INPUT,
} from './handlers/coursewares.js';
import { chooseInsertPlay, DELETE_RECORDING_INPUT, deleteRecording, INSERT_PLAY_INPUT, removeInsertPlay, syncRecordings } from './handlers/recordings.js';
import { attachDocument, detachDocument, DOCUMENT_INPUT, syncDocuments } from './handlers/documents.js';
import { DOCUMENT_TRANSCODE_INPUT, MEDIA_TRANSCODE_INPUT, transcodeDocument, transcodeMedia } from './handlers/transcode.js';
import { DATE_RANGE_INPUT, EXPORT_INPUT, PAGED_EXPORT_INPUT } from './handlers/exports/common.js';
import { exportHistory, exportRoomConcurrency, exportRoomUsage, exportStudyHistory, exportVodConcurrency, STUDY_HISTORY_INPUT, USAGE_INPUT } from './handlers/exports/attendance.js';
import { exportChat, exportQa, exportRollcalls, exportVotes } from './handlers/exports/interactions.js';
import { exportMedals, exportPraise, exportPraiseDetail, exportRedPackets, exportTips } from './handlers/exports/rewards.js';

const P = TRAINING_PREFIX;
const POST_ONLY = ['POST'] as const;

/**
 * Gensee Training endpoint table (catalog §2), in the document's order. Paths are
 * `/integration/site` + the documented path (without the export's stray spaces, T-2); every
 * endpoint takes GET and POST (field notes 2) except 5.44/5.45, documented POST only (T-1).
 * `organizer` admits teachers (老师 and 组织者 name one account type, T-9) and admins; teachers act
 * only on their own rooms.
 */
// `satisfies`, not a type annotation: rows keep their literal paths and input types for the typed clients.
export const TRAINING_ENDPOINTS = [
  trainingEndpoint({ path: `${P}/room/created`, role: 'organizer', summary: '5.1 Create a room; returns its tokens and join links', input: CREATE_ROOM_INPUT, handle: createRoom }),
  trainingEndpoint({ path: `${P}/room/modify`, role: 'organizer', summary: "5.2 Modify a room's settings", input: MODIFY_ROOM_INPUT, handle: modifyRoom }),
  trainingEndpoint({ path: `${P}/room/deleted`, role: 'organizer', summary: '5.3 Delete a room with its groups, roster, warm-up and relays', input: ROOM_ID_INPUT, handle: deleteRoom }),
  trainingEndpoint({ path: `${P}/room/info`, role: 'organizer', summary: "5.4 Get a room (with its groups)", input: ROOM_ID_INPUT, handle: roomInfo }),
  trainingEndpoint({ path: `${P}/courseware/list`, role: 'organizer', summary: '5.5 Every courseware recorded in a room', input: ROOM_INPUT, handle: listCoursewares }),
  trainingEndpoint({ path: `${P}/courseware/info`, role: 'organizer', summary: '5.6 Get a courseware', input: COURSEWARE_INPUT, handle: coursewareInfo }),
  trainingEndpoint({ path: `${P}/courseware/modify`, role: 'organizer', summary: "5.7 Modify a courseware's name, token and player (only what is sent)", input: MODIFY_COURSEWARE_INPUT, handle: modifyCourseware }),
  trainingEndpoint({ path: `${P}/courseware/deleted`, role: 'organizer', summary: '5.8 Delete a courseware', input: COURSEWARE_INPUT, handle: deleteCourseware }),
  trainingEndpoint({ path: `${P}/teacher/created`, role: 'admin', summary: '5.9 Create a teacher account', input: CREATE_TEACHER_INPUT, handle: createTeacher }),
  trainingEndpoint({ path: `${P}/record/syn`, role: 'admin', summary: '5.10 Paged sync of recordings, 50 a page', input: SYNC_INPUT, handle: syncRecordings }),
  trainingEndpoint({ path: `${P}/courseware/syn`, role: 'admin', summary: '5.11 Paged sync of coursewares with their conversion state, 50 a page', input: SYNC_INPUT, handle: syncCoursewares }),
  trainingEndpoint({ path: `${P}/warmup/created`, role: 'admin', summary: '5.12 Create a warm-up item from a recording', input: CREATE_WARMUP_INPUT, handle: createWarmup }),
  trainingEndpoint({ path: `${P}/warmup/modify`, role: 'admin', summary: '5.13 Modify a warm-up item', input: MODIFY_WARMUP_INPUT, handle: modifyWarmup }),
  trainingEndpoint({ path: `${P}/warmup/attach`, role: 'admin', summary: "5.14 Make a warm-up item the room's warm-up", input: ATTACH_WARMUP_INPUT, handle: attachWarmup }),
  trainingEndpoint({ path: `${P}/warmup/detach`, role: 'admin', summary: "5.15 Remove the room's warm-up", input: DETACH_WARMUP_INPUT, handle: detachWarmup }),
  trainingEndpoint({ path: `${P}/record/choose`, role: 'admin', summary: '5.16 Add insert-play recordings to a room', input: INSERT_PLAY_INPUT, handle: chooseInsertPlay }),
  trainingEndpoint({ path: `${P}/record/remove`, role: 'admin', summary: '5.17 Remove insert-play recordings from a room', input: INSERT_PLAY_INPUT, handle: removeInsertPlay }),
  trainingEndpoint({ path: `${P}/export/history`, role: 'organizer', summary: '5.18 Export student attendance', input: EXPORT_INPUT, handle: exportHistory }),
  trainingEndpoint({ path: `${P}/export/qa`, role: 'organizer', summary: '5.19 Export Q&A', input: EXPORT_INPUT, handle: exportQa }),
  trainingEndpoint({ path: `${P}/export/rollcall`, role: 'organizer', summary: '5.20 Export roll-calls', input: EXPORT_INPUT, handle: exportRollcalls }),
  trainingEndpoint({ path: `${P}/export/vote`, role: 'organizer', summary: '5.21 Export votes and answer cards', input: EXPORT_INPUT, handle: exportVotes }),
  trainingEndpoint({ path: `${P}/doc/syn`, role: 'admin', summary: '5.22 Paged sync of server documents with their conversion state, 50 a page', input: SYNC_INPUT, handle: syncDocuments }),
  trainingEndpoint({ path: `${P}/doc/attach`, role: 'admin', summary: '5.23 Assign a server document to a room', input: DOCUMENT_INPUT, handle: attachDocument }),
  trainingEndpoint({ path: `${P}/doc/detach`, role: 'admin', summary: '5.24 Remove a server document from a room', input: DOCUMENT_INPUT, handle: detachDocument }),
  trainingEndpoint({ path: `${P}/export/study/history`, role: 'admin', summary: '5.25 Courseware viewings of a day (or hour), 50 a page', input: STUDY_HISTORY_INPUT, handle: exportStudyHistory }),
  trainingEndpoint({ path: `${P}/export/chat`, role: 'organizer', summary: "5.26 Export the students' public chat", input: EXPORT_INPUT, handle: exportChat }),
  trainingEndpoint({ path: `${P}/courseware/transcode`, role: 'organizer', summary: '5.27 Convert a document (URL or upload) into a courseware', input: DOCUMENT_TRANSCODE_INPUT, handle: transcodeDocument }),
  trainingEndpoint({ path: `${P}/media/transcode`, role: 'organizer', summary: '5.28 Convert a media file (URL or upload) into a courseware', input: MEDIA_TRANSCODE_INPUT, handle: transcodeMedia }),
  trainingEndpoint({ path: `${P}/export/room/usage`, role: 'admin', summary: '5.29 Export room sessions (场次) with peak concurrency', input: USAGE_INPUT, handle: exportRoomUsage }),
  trainingEndpoint({ path: `${P}/room/telconf`, role: 'organizer', summary: '5.30 Configure 263 telephone conferencing for a room', input: TELCONF_INPUT, handle: configureTelconf }),
  trainingEndpoint({ path: `${P}/export/room/concurrent`, role: 'admin', summary: '5.31 Daily peak room concurrency (≤ 30 days)', input: DATE_RANGE_INPUT, handle: exportRoomConcurrency }),
  trainingEndpoint({ path: `${P}/export/vod/concurrent`, role: 'admin', summary: '5.32 Daily peak courseware concurrency (≤ 30 days)', input: DATE_RANGE_INPUT, handle: exportVodConcurrency }),
  trainingEndpoint({ path: `${P}/export/redpacket`, role: 'organizer', summary: '5.33 Export red packets', input: EXPORT_INPUT, handle: exportRedPackets }),
  trainingEndpoint({ path: `${P}/export/medal`, role: 'organizer', summary: '5.34 Export medals per issuer, paged', input: PAGED_EXPORT_INPUT, handle: exportMedals }),
  trainingEndpoint({ path: `${P}/export/praise`, role: 'organizer', summary: '5.35 Export praise per receiver, paged', input: PAGED_EXPORT_INPUT, handle: exportPraise }),
  trainingEndpoint({ path: `${P}/relay/add`, role: 'organizer', summary: '5.36 Add a relay source room to a room', input: RELAY_INPUT, handle: addRelay }),
  trainingEndpoint({ path: `${P}/relay/remove`, role: 'organizer', summary: '5.37 Remove a relay source from a room', input: RELAY_INPUT, handle: removeRelay }),
  trainingEndpoint({ path: `${P}/vod/vodview`, role: 'organizer', summary: "5.38 A courseware's view count", input: VODVIEW_INPUT, handle: coursewareViews }),
  trainingEndpoint({ path: `${P}/export/reward`, role: 'admin', summary: '5.39 Tips per class over days (≤ 30 days)', input: DATE_RANGE_INPUT, handle: exportTips }),
  trainingEndpoint({ path: `${P}/teacher/modify`, role: 'admin', summary: '5.40 Modify a teacher account (resets its password)', input: MODIFY_TEACHER_INPUT, handle: modifyTeacher }),
  trainingEndpoint({ path: `${P}/query/status`, role: 'organizer', summary: "5.41 Query a room's live status", input: ROOM_ID_INPUT, handle: queryStatus }),
  trainingEndpoint({ path: `${P}/export/praise/detail`, role: 'organizer', summary: '5.42 Export every praise, paged', input: PAGED_EXPORT_INPUT, handle: exportPraiseDetail }),
  trainingEndpoint({ path: `${P}/gr/delete`, role: 'organizer', summary: '5.43 Delete a recording with its coursewares, insert-play and warm-ups', input: DELETE_RECORDING_INPUT, handle: deleteRecording }),
  trainingEndpoint({ path: `${P}/famousroom/created`, role: 'organizer', methods: POST_ONLY, summary: '5.44 Create a dual-teacher room with its tutorial rooms', input: CREATE_FAMOUS_INPUT, handle: createFamousRoom }),
  trainingEndpoint({ path: `${P}/famousroom/modify`, role: 'organizer', methods: POST_ONLY, summary: '5.45 Modify a dual-teacher room and its tutorial rooms', input: MODIFY_FAMOUS_INPUT, handle: modifyFamousRoom }),
  trainingEndpoint({ path: `${P}/slaveroom/modify`, role: 'organizer', summary: '5.46 Rename a tutorial room', input: MODIFY_SLAVE_INPUT, handle: modifySlaveRoom }),
  trainingEndpoint({ path: `${P}/famousroom/info`, role: 'organizer', summary: '5.47 Get a dual-teacher room with its tutorial rooms', input: FAMOUS_ID_INPUT, handle: famousRoomInfo }),
  trainingEndpoint({ path: `${P}/tutorialroom/info`, role: 'organizer', summary: '5.48 Get a tutorial room', input: TUTORIAL_ID_INPUT, handle: tutorialRoomInfo }),
  trainingEndpoint({ path: `${P}/famousroom/deleted`, role: 'organizer', summary: '5.49 Delete a dual-teacher room (with its tutorial rooms) or one tutorial room', input: FAMOUS_DELETE_INPUT, handle: deleteFamousRoom }),
  trainingEndpoint({ path: `${P}/group/create`, role: 'organizer', summary: "5.50 Create a room's student groups (1–40)", input: CREATE_GROUPS_INPUT, handle: createGroups }),
  trainingEndpoint({ path: `${P}/group/add`, role: 'organizer', summary: '5.51 Add one group to a room that has groups', input: ADD_GROUP_INPUT, handle: addGroup }),
  trainingEndpoint({ path: `${P}/group/update`, role: 'organizer', summary: '5.52 Rename a group', input: UPDATE_GROUP_INPUT, handle: updateGroup }),
  trainingEndpoint({ path: `${P}/group/delete`, role: 'organizer', summary: '5.53 Delete a group (its students stay on the roster)', input: DELETE_GROUP_INPUT, handle: deleteGroup }),
  trainingEndpoint({ path: `${P}/room/sync`, role: 'organizer', summary: "5.54 Paged list of the rooms created on a day", input: ROOM_SYNC_INPUT, handle: syncRooms }),
  trainingEndpoint({ path: `${P}/miniroom/created`, role: 'organizer', summary: '5.55 Create a mini room', input: CREATE_MINI_INPUT, handle: createMiniRoom }),
  trainingEndpoint({ path: `${P}/miniroom/modify`, role: 'organizer', summary: '5.56 Modify a mini room', input: MODIFY_MINI_INPUT, handle: modifyMiniRoom }),
  trainingEndpoint({ path: `${P}/miniroom/export/history`, role: 'organizer', summary: "5.57 Paged per-student figures of a mini room", input: MINI_HISTORY_INPUT, handle: miniRoomHistory }),
  trainingEndpoint({ path: `${P}/miniroom/syn`, role: 'organizer', summary: '5.58 Paged per-room figures of the mini rooms', input: MINI_SYNC_INPUT, handle: syncMiniRooms }),
  trainingEndpoint({ path: `${P}/room/student/list`, role: 'organizer', summary: "5.59 Upload a room's student roster", input: ROSTER_INPUT, handle: uploadRoster }),
] satisfies TrainingEndpoint[];
