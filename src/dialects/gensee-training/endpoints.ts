import { TRAINING_PREFIX, trainingEndpoint, type TrainingEndpoint } from './context.js';
import { trainingRoomInfo } from './handlers/rooms.js';
import { CREATE_TEACHER_INPUT, createTeacher, MODIFY_TEACHER_INPUT, modifyTeacher } from './handlers/teachers.js';

/**
 * Gensee Training endpoint table (catalog §2). Paths are `/integration/site` + the documented path
 * (without the export's stray spaces, T-2); every endpoint takes GET and POST (field notes 2) except
 * 5.44/5.45, documented POST only. `organizer` admits teachers (老师, 组织者: one account type, T-9)
 * and admins.
 */
export const TRAINING_ENDPOINTS: TrainingEndpoint[] = [
  { path: `${TRAINING_PREFIX}/room/info`, role: 'organizer', summary: '5.4 Get a room', handle: trainingRoomInfo },
  // --- teachers (5.9, 5.40) ---
  trainingEndpoint({ path: `${TRAINING_PREFIX}/teacher/created`, role: 'admin', summary: '5.9 Create a teacher account', input: CREATE_TEACHER_INPUT, handle: createTeacher }),
  trainingEndpoint({ path: `${TRAINING_PREFIX}/teacher/modify`, role: 'admin', summary: "5.40 Modify a teacher account (resets its password)", input: MODIFY_TEACHER_INPUT, handle: modifyTeacher }),
];
