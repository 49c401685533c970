/** Gensee Webcast's return codes (§3.6): the shared Gensee table, re-exported so handlers read it from here. */
export { GENSEE_ERRORS as WEBCAST_ERRORS, genseeError as webcastError } from '../shared/gensee-errors.js';
