import type { Tenant } from '../../core/tenants.js';
import type { UserRow } from '../../storage/schema.js';
import type { Services } from '../../core/services.js';
import type { LecternConfig } from '../../config.js';
import type { DialectEnvironment, DialectRequest } from '../framework/dialect.js';
import type { Params } from '../framework/params.js';
import { genseeError, type GenseeErrorName } from './gensee-errors.js';
import { authenticateSiteUser, type SiteAuthFailure } from './gensee-site.js';

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
