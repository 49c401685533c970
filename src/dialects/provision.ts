import type { Services } from '../core/services.js';
import type { Tenant, TenantSettings } from '../core/tenants.js';
import { GENSEE_SITE_SCHEME, provisionGenseeSite } from './shared/gensee-site.js';
import { BAIJIAYUN_SCHEME, newPartnerKey, provisionBaijiayun, type BaijiayunCredentials } from './baijiayun/credentials.js';
import { CC_SCHEME, provisionCc } from './cc-collect/credentials.js';
import { randomHex, randomSecret } from '../core/ids.js';

/** What a new tenant needs to call each dialect (the shape `lectern tenant create --json` prints). */
export interface TenantCredentials {
  tenant: { id: string; name: string };
  gensee: { site: string; loginName: string; password: string };
  baijiayun: BaijiayunCredentials;
  cc: { userid: string; api_key: string };
}

/** Credentials to use instead of random ones (the first-start demo tenant has well-known ones). */
export interface FixedCredentials {
  gensee?: { password?: string };
  baijiayun?: Partial<BaijiayunCredentials>;
  cc?: { userid?: string; api_key?: string };
}

/** Creates a tenant with credentials for every dialect, all in one transaction. */
export async function createTenant(services: Services, input: { name: string; site?: string; isDemo?: boolean; settings?: TenantSettings; fixed?: FixedCredentials }): Promise<{ tenant: Tenant; credentials: TenantCredentials }> {
  return services.transaction(async (tx) => {
    const tenant = await tx.tenants.create({ name: input.name, isDemo: input.isDemo, settings: input.settings });
    const gensee = await provisionGenseeSite(tx, tenant, { site: input.site, password: input.fixed?.gensee?.password });
    const bjy = await provisionBaijiayun(tx, tenant, input.fixed?.baijiayun);
    const cc = await provisionCc(tx, tenant, input.fixed?.cc);
    return { tenant, credentials: { tenant: { id: tenant.id, name: tenant.name }, gensee, baijiayun: bjy, cc } };
  });
}

/** What `lectern tenant show` prints: the tenant and its key ids (secrets only when asked). */
export async function describeTenant(services: Services, tenant: Tenant, withSecrets: boolean) {
  const site = await services.tenants.credentialOf(tenant.id, GENSEE_SITE_SCHEME);
  const bjy = await services.tenants.credentialOf(tenant.id, BAIJIAYUN_SCHEME);
  const cc = await services.tenants.credentialOf(tenant.id, CC_SCHEME);
  const rooms = await services.db.selectFrom('rooms').select((eb) => eb.fn.countAll<number | string>().as('n')).where('tenant_id', '=', tenant.id).where('deleted_at', 'is', null).executeTakeFirst();
  return {
    tenant: { id: tenant.id, name: tenant.name, demo: tenant.isDemo, disabled: tenant.settings.disabled === true, created_at: new Date(tenant.createdAt).toISOString(), rooms: Number(rooms?.n ?? 0) },
    gensee: { site: site?.keyId ?? null, loginName: 'admin' },
    baijiayun: {
      partner_id: bjy?.keyId ?? null, private_domain: bjy?.extra.private_domain ?? null,
      ...(withSecrets && bjy ? { partner_key: bjy.secret, secret_key: bjy.extra.secret_key ?? null } : {}),
    },
    cc: { userid: cc?.keyId ?? null, ...(withSecrets && cc ? { api_key: cc.secret } : {}) },
  };
}

/**
 * New secrets for every dialect, ids kept: the Gensee admin's password, Baijiayun's partner_key and
 * secret_key, CC's API key. The old ones stop working at once (in every process: credentials are
 * read from the database).
 */
export async function rotateCredentials(services: Services, tenant: Tenant): Promise<TenantCredentials> {
  return services.transaction(async (tx) => {
    const site = await tx.tenants.credentialOf(tenant.id, GENSEE_SITE_SCHEME);
    const bjy = await tx.tenants.credentialOf(tenant.id, BAIJIAYUN_SCHEME);
    const cc = await tx.tenants.credentialOf(tenant.id, CC_SCHEME);
    if (!site || !bjy || !cc) throw new Error(`tenant ${tenant.id} lacks a dialect's credentials`);
    const password = randomSecret(12);
    const admin = await tx.users.getByLogin(tenant.id, 'admin');
    await tx.users.update(admin, { password });
    const partnerKey = newPartnerKey();
    const secretKey = randomHex(32);
    await tx.tenants.setCredential({ ...bjy, secret: partnerKey, extra: { ...bjy.extra, secret_key: secretKey } });
    const apiKey = randomSecret(24);
    await tx.tenants.setCredential({ ...cc, secret: apiKey });
    return {
      tenant: { id: tenant.id, name: tenant.name },
      gensee: { site: site.keyId, loginName: 'admin', password },
      baijiayun: { partner_id: bjy.keyId, partner_key: partnerKey, secret_key: secretKey, private_domain: String(bjy.extra.private_domain ?? '') },
      cc: { userid: cc.keyId, api_key: apiKey },
    };
  });
}
