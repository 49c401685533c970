import type { Services } from '../core/services.js';
import type { Tenant, TenantSettings } from '../core/tenants.js';
import { provisionGenseeSite } from './shared/gensee-site.js';
import { provisionBaijiayun, type BaijiayunCredentials } from './baijiayun/credentials.js';
import { provisionCc } from './cc-collect/credentials.js';

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
