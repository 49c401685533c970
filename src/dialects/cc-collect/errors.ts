import { DialectError, type ErrorEntry } from '../framework/dialect.js';

/**
 * CC documents no error codes, only `result: "FAIL"` with `error_msg` (catalog §1.6, C-15).
 * This table fixes the messages Lectern answers with; `code` names the entry in logs and tests (and
 * is endpoint 13's `error`). Envelope answers are HTTP 200; an unknown path is the one 404.
 */
export const CC_ERRORS = {
  MISSING_PARAM: { code: 'missing_param', message: 'missing required parameter', status: 200 },
  INVALID_PARAM: { code: 'invalid_param', message: 'invalid parameter', status: 200 },
  AUTH_MISSING: { code: 'auth_missing', message: 'THQS authentication required: time and hash', status: 200 },
  AUTH_FAILED: { code: 'auth_failed', message: 'THQS hash verification failed', status: 200 },
  AUTH_EXPIRED: { code: 'auth_expired', message: 'THQS time is outside the allowed window', status: 200 },
  ROOM_NOT_FOUND: { code: 'room_not_found', message: 'room does not exist', status: 200 },
  LIVE_NOT_FOUND: { code: 'live_not_found', message: 'live does not exist', status: 200 },
  NOT_FOUND: { code: 'not_found', message: 'no such interface', status: 404 },
  SYSTEM: { code: 'system_error', message: 'system error', status: 200 },
} as const satisfies Record<string, ErrorEntry>;

export type CcErrorName = keyof typeof CC_ERRORS;

export const ccError = (name: CcErrorName, detail?: string) => new DialectError(CC_ERRORS[name], detail);
