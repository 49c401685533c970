import type { Services } from '../../core/services.js';
import type { Tenant } from '../../core/tenants.js';
import { passwordMatches, type PresentedPassword } from '../../core/users.js';
import type { UserRow } from '../../storage/schema.js';
import type { LecternConfig } from '../../config.js';
import { randomDigits, randomSecret, isUniqueViolation } from '../../core/ids.js';

/**
 * Gensee's site-password scheme, shared by the Webcast and Training APIs: the tenant is the site
 * named by the Host header, the caller is a site user named by loginName/password(/sec).
 */
export const GENSEE_SITE_SCHEME = 'gensee-site';

export type SiteAuthFailure =
  | 'unknown_site'
  | 'missing_credentials'
  | 'bad_credentials'
  | 'user_disabled'
  | 'outside_validity'
  | 'password_expired'
  | 'api_disabled';

export type SiteAuthResult = { ok: true; tenant: Tenant; user: UserRow } | { ok: false; reason: SiteAuthFailure; message: string };

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|0\.0\.0\.0)$/;

/** The tenant whose site this Host names; loopback hosts get the configured default site, else the demo tenant's. */
export async function resolveSite(host: string, services: Services, config: LecternConfig): Promise<Tenant | undefined> {
  const direct = await services.tenants.findByCredential(GENSEE_SITE_SCHEME, host);
  if (direct) return direct.tenant;
  if (!LOOPBACK.test(host)) return undefined;
  if (config.defaultGenseeSite) {
    return (await services.tenants.findByCredential(GENSEE_SITE_SCHEME, config.defaultGenseeSite.toLowerCase()))?.tenant;
  }
  return services.tenants.findDemo();
}

export interface SiteCredentials {
  loginName: string | undefined;
  password: string | undefined;
  /** The raw `sec` value; "true" (any case) means the password is a hex digest. */
  sec: string | undefined;
}

export async function authenticateSiteUser(host: string, creds: SiteCredentials, services: Services, config: LecternConfig, now = Date.now()): Promise<SiteAuthResult> {
  const tenant = await resolveSite(host, services, config);
  if (!tenant) return { ok: false, reason: 'unknown_site', message: `no site is configured for host "${host}"` };
  if (tenant.settings.apiEnabled === false) return { ok: false, reason: 'api_disabled', message: 'the integration interface is disabled for this site' };
  if (!creds.loginName || !creds.password) return { ok: false, reason: 'missing_credentials', message: 'loginName and password are required' };
  const user = await services.users.findByLogin(tenant.id, creds.loginName);
  const presented: PresentedPassword = creds.sec?.trim().toLowerCase() === 'true'
    ? { kind: 'digest', value: creds.password, algorithms: tenant.settings.passwordHash === 'sha1' ? ['md5', 'sha1'] : ['md5'] }
    : { kind: 'plain', value: creds.password };
  // Check a password even for unknown users, so timing does not tell which login names exist.
  const ok = passwordMatches(user ?? PHANTOM, presented) && user !== undefined;
  if (!ok || !user) return { ok: false, reason: 'bad_credentials', message: 'login name or password is wrong' };
  if (user.status !== 1) return { ok: false, reason: 'user_disabled', message: 'the user is disabled' };
  if ((user.effective_at !== null && now < user.effective_at) || (user.invalid_at !== null && now > user.invalid_at)) {
    return { ok: false, reason: 'outside_validity', message: 'the user is outside its validity period' };
  }
  const maxAge = tenant.settings.passwordMaxAgeDays;
  if (maxAge && maxAge > 0 && now - user.password_changed_at > maxAge * 86_400_000) {
    return { ok: false, reason: 'password_expired', message: 'the password has expired' };
  }
  return { ok: true, tenant, user };
}

const PHANTOM = { password_md5: '0'.repeat(32), password_sha1: '0'.repeat(40) } as UserRow;

function slugify(name: string): string {
  const s = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return s || 'site';
}

/** Gives a new tenant its site (a host name) and an admin user; returns what the tenant needs to call the API. */
export async function provisionGenseeSite(services: Services, tenant: Tenant, opts: { site?: string; password?: string }): Promise<{ site: string; loginName: string; password: string }> {
  const base = opts.site?.toLowerCase() ?? `${slugify(tenant.name)}.localhost`;
  let site = base;
  for (let i = 0; ; i++) {
    const taken = await services.tenants.findCredential(GENSEE_SITE_SCHEME, site);
    if (!taken) break;
    if (opts.site) throw new Error(`site "${site}" is already taken`);
    site = base.replace(/^([^.]+)/, `$1-${randomDigits(4)}`);
    if (i > 20) throw new Error('could not find a free site name');
  }
  try {
    await services.tenants.setCredential({ tenantId: tenant.id, scheme: GENSEE_SITE_SCHEME, keyId: site, secret: '', extra: {} });
  } catch (err) {
    if (isUniqueViolation(err)) throw new Error(`site "${site}" is already taken`, { cause: err });
    throw err;
  }
  const password = opts.password ?? randomSecret(12);
  await services.users.create(tenant.id, 'admin', password, { name: 'Administrator', role: 'admin' });
  return { site, loginName: 'admin', password };
}
