import { DialectError, type ErrorEntry } from '../framework/dialect.js';

/**
 * The return-code table of both Gensee APIs (§3.6 of each document; the two tables are identical).
 * Every Gensee error Lectern answers is one of these entries. Gensee answers every envelope with
 * HTTP 200; only a path that names no interface is a 404 (with code 101, as it is a bad request).
 */
export const GENSEE_ERRORS = {
  FAILURE: { code: '-1', message: '失败', status: 200 },
  PARAM: { code: '101', message: '参数错误', status: 200 },
  NO_INTERFACE: { code: '101', message: '参数错误', status: 404 },
  CONVERSION: { code: '102', message: '参数转换错误', status: 200 },
  AUTH: { code: '200', message: '认证失败', status: 200 },
  PASSWORD_EXPIRED: { code: '201', message: '口令过期', status: 200 },
  SYSTEM: { code: '300', message: '系统错误', status: 200 },
  BUSINESS: { code: '500', message: '业务错误', status: 200 },
  NOT_FOUND: { code: '501', message: '业务错误-数据不存在', status: 200 },
  DUPLICATE: { code: '502', message: '业务错误-重复数据', status: 200 },
  DISABLED: { code: '600', message: '接口被禁用,请联系管理员', status: 200 },
} as const satisfies Record<string, ErrorEntry>;

export type GenseeErrorName = keyof typeof GENSEE_ERRORS;

export const genseeError = (name: GenseeErrorName, detail?: string) => new DialectError(GENSEE_ERRORS[name], detail);
