import { DomainError } from '../../core/errors.js';
import { DialectError, type DialectAnswer, type DialectRequest, type ErrorEntry } from '../framework/dialect.js';
import { ParamProblem } from '../framework/params.js';
import { UploadFailed } from '../framework/multipart.js';
import { BAIJIAYUN_ERRORS, type BaijiayunErrorName } from './errors.js';

const ts = () => Math.floor(Date.now() / 1000);

/** `{code: 0, msg: "", data, ts}`; operations without a payload answer `data: null`. */
export function baijiayunSuccess(payload: unknown) {
  return { code: 0, msg: '', data: payload === undefined ? null : payload, ts: ts() };
}

function answer(entry: ErrorEntry, detail: string | undefined, internal = false): DialectAnswer {
  return { status: entry.status, internal, body: { code: entry.code, msg: detail ? `${entry.message}: ${detail}` : entry.message, data: null, ts: ts() } };
}

function domainEntry(err: DomainError): BaijiayunErrorName {
  if (err.subject === 'room') return err.kind === 'gone' ? 'ROOM_DELETED' : err.kind === 'not_found' ? 'ROOM_NOT_FOUND' : 'GENERIC';
  if (err.kind === 'invalid' || err.kind === 'duplicate') return 'PARAM';
  if (err.kind === 'forbidden') return 'ACCOUNT_PERMISSION';
  return 'GENERIC';
}

export function baijiayunFailure(err: unknown): DialectAnswer {
  if (err instanceof DialectError) return answer(err.entry, err.detail);
  if (err instanceof ParamProblem) return answer(BAIJIAYUN_ERRORS.PARAM, err.message);
  if (err instanceof UploadFailed) return answer(BAIJIAYUN_ERRORS.UPLOAD_FAILED, err.message, true);
  if (err instanceof DomainError) return answer(BAIJIAYUN_ERRORS[domainEntry(err)], err.message);
  return answer(BAIJIAYUN_ERRORS.GENERIC, 'internal error, see the server log', true);
}

export function baijiayunNotFound(req: DialectRequest): DialectAnswer {
  return answer(BAIJIAYUN_ERRORS.PATH_NOT_FOUND, `${req.method} ${req.path}`);
}
