import { TRAINING_PREFIX, type TrainingEndpoint } from './context.js';
import { trainingRoomInfo } from './handlers/rooms.js';

/** Gensee Training endpoint table (catalog §2). Every endpoint takes GET and POST. */
// `satisfies`, not a type annotation: rows keep their literal paths and input types for the typed clients.
export const TRAINING_ENDPOINTS = [
  { path: `${TRAINING_PREFIX}/room/info`, role: 'organizer', summary: '5.4 Get a room', handle: trainingRoomInfo },
] satisfies TrainingEndpoint[];
