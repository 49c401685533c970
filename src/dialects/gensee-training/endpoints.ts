import { TRAINING_PREFIX, type TrainingEndpoint } from './context.js';
import { trainingRoomInfo } from './handlers/rooms.js';

/** Gensee Training endpoint table (catalog §2). Every endpoint takes GET and POST. */
export const TRAINING_ENDPOINTS: TrainingEndpoint[] = [
  { path: `${TRAINING_PREFIX}/room/info`, role: 'organizer', summary: '5.4 Get a room', handle: trainingRoomInfo },
];
