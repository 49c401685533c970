import { DomainError } from '../../core/errors.js';
import { summarizePage, type PageRequest } from '../../core/paging.js';
import { DialectError, type DialectAnswer, type DialectRequest, type ErrorEntry } from '../framework/dialect.js';
import { ParamProblem } from '../framework/params.js';
import { GENSEE_ERRORS, type GenseeErrorName } from './gensee-errors.js';

/** Gensee payloads sit beside `code`/`message` at the top level. */
export function genseeSuccess(payload: unknown): Record<string, unknown> {
  const body: Record<string, unknown> = { code: '0', message: '成功' };
  if (payload && typeof payload === 'object' && !Array.isArray(payload)) Object.assign(body, payload);
  return body;
}

const DOMAIN_TO_GENSEE: Record<DomainError['kind'], GenseeErrorName> = {
  not_found: 'NOT_FOUND',
  gone: 'NOT_FOUND',
  duplicate: 'DUPLICATE',
  invalid: 'BUSINESS',
  forbidden: 'AUTH',
  conflict: 'BUSINESS',
};

function answer(entry: ErrorEntry, detail: string | undefined, internal = false): DialectAnswer {
  return { status: entry.status, body: { code: entry.code, message: detail ? `${entry.message}: ${detail}` : entry.message }, internal };
}

export function genseeFailure(err: unknown): DialectAnswer {
  if (err instanceof DialectError) return answer(err.entry, err.detail);
  if (err instanceof ParamProblem) return answer(GENSEE_ERRORS[err.kind === 'unparseable' ? 'CONVERSION' : 'PARAM'], err.message);
  if (err instanceof DomainError) return answer(GENSEE_ERRORS[DOMAIN_TO_GENSEE[err.kind]], err.message);
  return answer(GENSEE_ERRORS.SYSTEM, 'internal error, see the server log', true);
}

export function genseeNotFound(req: DialectRequest): DialectAnswer {
  return answer(GENSEE_ERRORS.NO_INTERFACE, `no interface at ${req.method} ${req.path}`);
}

/** The `page` object of §1.7 P2, wherever a Gensee answer carries one. */
export function genseePage(page: PageRequest, total: number): { pageNo: number; totalPages: number; totalCounts: number } {
  const summary = summarizePage(page, total);
  return { pageNo: summary.pageNo, totalPages: summary.totalPages, totalCounts: summary.total };
}
