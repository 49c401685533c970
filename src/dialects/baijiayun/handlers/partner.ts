import { constantTimeEqual } from '../../../core/crypto.js';
import type { BaijiayunContext } from '../context.js';
import { BAIJIAYUN_SCHEME, newPartnerKey } from '../credentials.js';
import { baijiayunError } from '../errors.js';

/**
 * 1 `/openapi/partner/createkey`: the current partner_key, or a new one with `regenerate=1`.
 * Callers may not hold a key yet, so the secret_key authenticates them (field notes 13); it is
 * checked here too when the call is signed.
 */
export async function createKey(ctx: BaijiayunContext) {
  const secret = ctx.params.string('secret_key', { required: true, trim: false });
  if (!constantTimeEqual(secret, String(ctx.credential.extra.secret_key ?? ''))) throw baijiayunError('ACCOUNT_PERMISSION', 'secret_key is wrong');
  const regenerate = ctx.params.oneOf('regenerate', [0, 1] as const) ?? 0;
  if (regenerate === 0) return { partner_key: ctx.credential.secret };
  const partnerKey = newPartnerKey();
  await ctx.services.tenants.setCredential({ ...ctx.credential, scheme: BAIJIAYUN_SCHEME, secret: partnerKey });
  return { partner_key: partnerKey };
}
