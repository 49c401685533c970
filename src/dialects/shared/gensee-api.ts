import { DomainError } from '../../core/errors.js';
import type { Tenant } from '../../core/tenants.js';
import type { UserRow } from '../../storage/schema.js';
import type { Services } from '../../core/services.js';
import type { LecternConfig } from '../../config.js';
import { DialectError, type DialectAnswer, type DialectEnvironment, type DialectRequest, type ErrorEntry } from '../framework/dialect.js';
import { ParamProblem, type Params } from '../framework/params.js';
import { parseDateTime } from '../framework/time.js';
import { authenticateSiteUser, type SiteAuthFailure } from './gensee-site.js';

/**
 * The return-code table of both Gensee APIs (§3.6 of each document; the two tables are identical).
 * Every Gensee error Lectern answers is one of these entries.
 */
export const GENSEE_ERRORS = {
  FAILURE: { code: '-1', message: '失败' },
  PARAM: { code: '101', message: '参数错误' },
  CONVERSION: { code: '102', message: '参数转换错误' },
  AUTH: { code: '200', message: '认证失败' },
  PASSWORD_EXPIRED: { code: '201', message: '口令过期' },
  SYSTEM: { code: '300', message: '系统错误' },
  BUSINESS: { code: '500', message: '业务错误' },
  NOT_FOUND: { code: '501', message: '业务错误-数据不存在' },
  DUPLICATE: { code: '502', message: '业务错误-重复数据' },
  DISABLED: { code: '600', message: '接口被禁用,请联系管理员' },
} as const satisfies Record<string, ErrorEntry>;

export type GenseeErrorName = keyof typeof GENSEE_ERRORS;

export const genseeError = (name: GenseeErrorName, detail?: string) => new DialectError(GENSEE_ERRORS[name], detail);

/** Roles an endpoint can require: `admin` only, or `organizer` (organizer or admin). */
export type GenseeRole = 'admin' | 'organizer';

/** What every Gensee handler receives. */
export interface GenseeContext {
  req: DialectRequest;
  params: Params;
  services: Services;
  config: LecternConfig;
  tenant: Tenant;
  /** The authenticated caller. */
  user: UserRow;
  isAdmin: boolean;
  /** Zone of `yyyy-MM-dd HH:mm:ss` strings on the wire. */
  zone: string;
}

const AUTH_FAILURE: Record<SiteAuthFailure, GenseeErrorName> = {
  unknown_site: 'AUTH',
  missing_credentials: 'AUTH',
  bad_credentials: 'AUTH',
  user_disabled: 'AUTH',
  outside_validity: 'AUTH',
  password_expired: 'PASSWORD_EXPIRED',
  api_disabled: 'DISABLED',
};

/**
 * Authenticates loginName/password/sec against the site in the Host header and checks the role.
 * `organizer` admits organizers and admins; ordinary users never call the integration API.
 */
export async function authenticateGensee(req: DialectRequest, role: GenseeRole, env: DialectEnvironment): Promise<GenseeContext> {
  const p = req.params;
  const result = await authenticateSiteUser(req.host, { loginName: p.raw('loginName'), password: p.raw('password'), sec: p.raw('sec') }, env.services, env.config);
  if (!result.ok) throw genseeError(AUTH_FAILURE[result.reason], result.message);
  const { tenant, user } = result;
  const isAdmin = user.role === 'admin';
  if (role === 'admin' && !isAdmin) throw genseeError('AUTH', 'this interface requires the admin role');
  if (role === 'organizer' && !isAdmin && user.role !== 'organizer') throw genseeError('AUTH', 'this interface requires the organizer or admin role');
  return { req, params: p, services: env.services, config: env.config, tenant, user, isAdmin, zone: tenant.settings.timeZone ?? env.config.timeZone };
}

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
  return { status: 200, body: { code: entry.code, message: detail ? `${entry.message}: ${detail}` : entry.message }, internal };
}

export function genseeFailure(err: unknown): DialectAnswer {
  if (err instanceof DialectError) return answer(err.entry, err.detail);
  if (err instanceof ParamProblem) return answer(GENSEE_ERRORS[err.kind === 'unparseable' ? 'CONVERSION' : 'PARAM'], err.message);
  if (err instanceof DomainError) return answer(GENSEE_ERRORS[DOMAIN_TO_GENSEE[err.kind]], err.message);
  return answer(GENSEE_ERRORS.SYSTEM, 'internal error, see the server log', true);
}

export function genseeNotFound(req: DialectRequest): DialectAnswer {
  return { status: 404, body: { code: GENSEE_ERRORS.PARAM.code, message: `${GENSEE_ERRORS.PARAM.message}: no interface at ${req.method} ${req.path}` } };
}

/** A time parameter: `yyyy-MM-dd HH:mm:ss` in the site's zone, or epoch milliseconds (§3.3). */
export function genseeTime(p: Params, name: string, zone: string, opts: { required: true }): number;
export function genseeTime(p: Params, name: string, zone: string, opts?: { required?: boolean }): number | undefined;
export function genseeTime(p: Params, name: string, zone: string, opts: { required?: boolean } = {}): number | undefined {
  const v = p.string(name, { required: opts.required });
  if (v === undefined) return undefined;
  if (/^\d{10,}$/.test(v)) return Number(v);
  const ms = parseDateTime(v, zone, ['yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm', 'yyyy-MM-dd']);
  if (ms === undefined) throw new ParamProblem(name, 'malformed', `${name} must be "yyyy-MM-dd HH:mm:ss" or epoch milliseconds, got "${v}"`);
  return ms;
}
