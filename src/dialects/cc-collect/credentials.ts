import type { Services } from '../../core/services.js';
import type { Tenant } from '../../core/tenants.js';
import { randomHex, randomSecret } from '../../core/ids.js';
import { withUniqueRetry } from '../../core/transactions.js';

export const CC_SCHEME = 'cc';

/** Gives a tenant a CC account: a 16-hex `userid` and the API key (THQS salt). */
export async function provisionCc(services: Services, tenant: Tenant, fixed: { userid?: string; api_key?: string } = {}): Promise<{ userid: string; api_key: string }> {
  const apiKey = fixed.api_key ?? randomSecret(24);
  if (fixed.userid && (await services.tenants.findCredential(CC_SCHEME, fixed.userid))) throw new Error(`userid ${fixed.userid} is already taken`);
  return withUniqueRetry(services.db, async () => {
    const userid = fixed.userid ?? randomHex(16).toUpperCase();
    await services.tenants.setCredential({ tenantId: tenant.id, scheme: CC_SCHEME, keyId: userid, secret: apiKey, extra: {} });
    return { userid, api_key: apiKey };
  });
}
