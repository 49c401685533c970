import { TRAINING_PREFIX, trainingEndpoint, type TrainingEndpoint } from './context.js';
import { ADD_GROUP_INPUT, addGroup, CREATE_GROUPS_INPUT, createGroups, DELETE_GROUP_INPUT, deleteGroup, UPDATE_GROUP_INPUT, updateGroup } from './handlers/groups.js';
import { ROSTER_INPUT, uploadRoster } from './handlers/roster.js';
import { trainingRoomInfo } from './handlers/rooms.js';
import { addRelay, RELAY_INPUT, removeRelay } from './handlers/relays.js';
import { queryStatus, ROOM_ID_INPUT } from './handlers/status.js';
import { CREATE_TEACHER_INPUT, createTeacher, MODIFY_TEACHER_INPUT, modifyTeacher } from './handlers/teachers.js';
import { ATTACH_WARMUP_INPUT, attachWarmup, CREATE_WARMUP_INPUT, createWarmup, DETACH_WARMUP_INPUT, detachWarmup, MODIFY_WARMUP_INPUT, modifyWarmup } from './handlers/warmups.js';

const P = TRAINING_PREFIX;

/**
 * Gensee Training endpoint table (catalog §2), in the document's order. Paths are
 * `/integration/site` + the documented path (without the export's stray spaces, T-2); every
 * endpoint takes GET and POST (field notes 2) except 5.44/5.45, documented POST only (T-1).
 * `organizer` admits teachers (老师 and 组织者 name one account type, T-9) and admins; teachers act
 * only on their own rooms.
 */
// `satisfies`, not a type annotation: rows keep their literal paths and input types for the typed clients.
export const TRAINING_ENDPOINTS = [
  { path: `${P}/room/info`, role: 'organizer', summary: '5.4 Get a room', handle: trainingRoomInfo },
  trainingEndpoint({ path: `${P}/teacher/created`, role: 'admin', summary: '5.9 Create a teacher account', input: CREATE_TEACHER_INPUT, handle: createTeacher }),
  trainingEndpoint({ path: `${P}/warmup/created`, role: 'admin', summary: '5.12 Create a warm-up item from a recording', input: CREATE_WARMUP_INPUT, handle: createWarmup }),
  trainingEndpoint({ path: `${P}/warmup/modify`, role: 'admin', summary: '5.13 Modify a warm-up item', input: MODIFY_WARMUP_INPUT, handle: modifyWarmup }),
  trainingEndpoint({ path: `${P}/warmup/attach`, role: 'admin', summary: "5.14 Make a warm-up item the room's warm-up", input: ATTACH_WARMUP_INPUT, handle: attachWarmup }),
  trainingEndpoint({ path: `${P}/warmup/detach`, role: 'admin', summary: "5.15 Remove the room's warm-up", input: DETACH_WARMUP_INPUT, handle: detachWarmup }),
  trainingEndpoint({ path: `${P}/relay/add`, role: 'organizer', summary: '5.36 Add a relay source room to a room', input: RELAY_INPUT, handle: addRelay }),
  trainingEndpoint({ path: `${P}/relay/remove`, role: 'organizer', summary: '5.37 Remove a relay source from a room', input: RELAY_INPUT, handle: removeRelay }),
  trainingEndpoint({ path: `${P}/teacher/modify`, role: 'admin', summary: '5.40 Modify a teacher account (resets its password)', input: MODIFY_TEACHER_INPUT, handle: modifyTeacher }),
  trainingEndpoint({ path: `${P}/query/status`, role: 'organizer', summary: "5.41 Query a room's live status", input: ROOM_ID_INPUT, handle: queryStatus }),
  trainingEndpoint({ path: `${P}/group/create`, role: 'organizer', summary: "5.50 Create a room's student groups (1–40)", input: CREATE_GROUPS_INPUT, handle: createGroups }),
  trainingEndpoint({ path: `${P}/group/add`, role: 'organizer', summary: '5.51 Add one group to a room that has groups', input: ADD_GROUP_INPUT, handle: addGroup }),
  trainingEndpoint({ path: `${P}/group/update`, role: 'organizer', summary: '5.52 Rename a group', input: UPDATE_GROUP_INPUT, handle: updateGroup }),
  trainingEndpoint({ path: `${P}/group/delete`, role: 'organizer', summary: '5.53 Delete a group (its students stay on the roster)', input: DELETE_GROUP_INPUT, handle: deleteGroup }),
  trainingEndpoint({ path: `${P}/room/student/list`, role: 'organizer', summary: "5.59 Upload a room's student roster", input: ROSTER_INPUT, handle: uploadRoster }),
] satisfies TrainingEndpoint[];
