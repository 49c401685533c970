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
  trainingEndpoint({ path: `${P}/teacher/created`, role: 'admin', summary: '5.9 Create a teacher account', input: CREATE_TEACHER_INPUT, handle: createTeacher }),
  trainingEndpoint({ path: `${P}/warmup/created`, role: 'admin', summary: '5.12 Create a warm-up item from a recording', input: CREATE_WARMUP_INPUT, handle: createWarmup }),
  trainingEndpoint({ path: `${P}/warmup/modify`, role: 'admin', summary: '5.13 Modify a warm-up item', input: MODIFY_WARMUP_INPUT, handle: modifyWarmup }),
  trainingEndpoint({ path: `${P}/warmup/attach`, role: 'admin', summary: "5.14 Make a warm-up item the room's warm-up", input: ATTACH_WARMUP_INPUT, handle: attachWarmup }),
  trainingEndpoint({ path: `${P}/warmup/detach`, role: 'admin', summary: "5.15 Remove the room's warm-up", input: DETACH_WARMUP_INPUT, handle: detachWarmup }),
  trainingEndpoint({ path: `${P}/room/telconf`, role: 'organizer', summary: '5.30 Configure 263 telephone conferencing for a room', input: TELCONF_INPUT, handle: configureTelconf }),
  trainingEndpoint({ path: `${P}/relay/add`, role: 'organizer', summary: '5.36 Add a relay source room to a room', input: RELAY_INPUT, handle: addRelay }),
  trainingEndpoint({ path: `${P}/relay/remove`, role: 'organizer', summary: '5.37 Remove a relay source from a room', input: RELAY_INPUT, handle: removeRelay }),
  trainingEndpoint({ path: `${P}/teacher/modify`, role: 'admin', summary: '5.40 Modify a teacher account (resets its password)', input: MODIFY_TEACHER_INPUT, handle: modifyTeacher }),
  trainingEndpoint({ path: `${P}/query/status`, role: 'organizer', summary: "5.41 Query a room's live status", input: ROOM_ID_INPUT, handle: queryStatus }),
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
