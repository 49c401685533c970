import { DomainError } from '../../core/errors.js';
import { DialectError, type DialectAnswer, type DialectRequest, type ErrorEntry } from '../framework/dialect.js';
import { ParamProblem } from '../framework/params.js';
import type { CcResult } from './context.js';
import { CC_ERRORS } from './errors.js';

/** Endpoint 13 (`/openapi/collect/...`) has its own envelope: `error` and camelCase `errorMsg`. */
const isOpenapi = (req: DialectRequest) => req.path.replace(/\/{2,}/g, '/').startsWith('/openapi/collect/');

export function ccSuccess(payload: unknown, req: DialectRequest) {
  const r = payload as CcResult;
  if (isOpenapi(req)) return { result: 'OK', error: null, data: r.data, errorMsg: '' };
  return { result: 'OK', ...r.extra, data: r.data, error_msg: '' };
}

function answer(req: DialectRequest, entry: ErrorEntry, detail: string | undefined, internal = false): DialectAnswer {
  const msg = detail ? `${entry.message}: ${detail}` : entry.message;
  const body = isOpenapi(req) ? { result: 'FAIL', error: entry.code, data: null, errorMsg: msg } : { result: 'FAIL', data: null, error_msg: msg };
  return { status: entry.status, body, internal };
}

export function ccFailure(err: unknown, req: DialectRequest): DialectAnswer {
  if (err instanceof DialectError) return answer(req, err.entry, err.detail);
  if (err instanceof ParamProblem) return answer(req, err.kind === 'missing' ? CC_ERRORS.MISSING_PARAM : CC_ERRORS.INVALID_PARAM, err.message);
  if (err instanceof DomainError) {
    const entry = err.kind === 'not_found' || err.kind === 'gone'
      ? err.subject === 'live' ? CC_ERRORS.LIVE_NOT_FOUND : CC_ERRORS.ROOM_NOT_FOUND
      : CC_ERRORS.INVALID_PARAM;
    return answer(req, entry, err.message);
  }
  return answer(req, CC_ERRORS.SYSTEM, 'internal error, see the server log', true);
}

export function ccNotFound(req: DialectRequest): DialectAnswer {
  return answer(req, CC_ERRORS.NOT_FOUND, `${req.method} ${req.path}`);
}
