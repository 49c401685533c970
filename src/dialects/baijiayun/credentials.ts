import { randomBytes } from 'node:crypto';
import type { Services } from '../../core/services.js';
import type { Tenant } from '../../core/tenants.js';
import { randomDigits, randomHex } from '../../core/ids.js';
import { withUniqueRetry } from '../../core/transactions.js';

export const BAIJIAYUN_SCHEME = 'baijiayun';

export interface BaijiayunCredentials {
  partner_id: string;
  partner_key: string;
  secret_key: string;
  private_domain: string;
}

export const newPartnerKey = () => randomBytes(48).toString('base64');

/** Gives a tenant a Baijiayun account: partner id, partner key (signing), secret key (key reset), private domain. */
export async function provisionBaijiayun(services: Services, tenant: Tenant, fixed: Partial<BaijiayunCredentials> = {}): Promise<BaijiayunCredentials> {
  const secretKey = fixed.secret_key ?? randomHex(32);
  const partnerKey = fixed.partner_key ?? newPartnerKey();
  const slug = tenant.name.toLowerCase().replace(/[^a-z0-9]+/g, '').slice(0, 20) || 'lectern';
  if (fixed.partner_id && (await services.tenants.findCredential(BAIJIAYUN_SCHEME, fixed.partner_id))) throw new Error(`partner_id ${fixed.partner_id} is already taken`);
  return withUniqueRetry(services.db, async () => {
    const partnerId = fixed.partner_id ?? randomDigits(8);
    const domain = fixed.private_domain ?? `${slug}${randomDigits(4)}`;
    await services.tenants.setCredential({ tenantId: tenant.id, scheme: BAIJIAYUN_SCHEME, keyId: partnerId, secret: partnerKey, extra: { secret_key: secretKey, private_domain: domain } });
    return { partner_id: partnerId, partner_key: partnerKey, secret_key: secretKey, private_domain: domain };
  });
}
