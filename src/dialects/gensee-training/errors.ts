/** Gensee Training's return codes (§3.6, identical to Webcast's): the shared Gensee table. */
export { GENSEE_ERRORS as TRAINING_ERRORS, genseeError as trainingError } from '../shared/gensee-errors.js';
