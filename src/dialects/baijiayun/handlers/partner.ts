import { constantTimeEqual } from '../../../core/crypto.js';
import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import type { BaijiayunContext } from '../context.js';
import { BAIJIAYUN_SCHEME, newPartnerKey } from '../credentials.js';
import { baijiayunError } from '../errors.js';

export const CREATE_KEY_INPUT = In.object({
  // Compared exactly as sent, never trimmed.
  secret_key: In.string({ raw: true, description: "The account's secret key (issued with the account)" }),
  regenerate: In.optional(In.oneOf([0, 1] as const, { default: 0, description: '1 replaces the partner_key with a new one' })),
});

/**
 * 1 `/openapi/partner/createkey`: the current partner_key, or a new one with `regenerate=1`.
 * Callers may not hold a key yet, so the secret_key authenticates them (field notes 13); it is
 * checked here too when the call is signed.
 */
export async function createKey(ctx: WithInput<BaijiayunContext, typeof CREATE_KEY_INPUT>) {
  if (!constantTimeEqual(ctx.input.secret_key, String(ctx.credential.extra.secret_key ?? ''))) throw baijiayunError('ACCOUNT_PERMISSION', 'secret_key is wrong');
  if (ctx.input.regenerate !== 1) return { partner_key: ctx.credential.secret };
  const partnerKey = newPartnerKey();
  await ctx.services.tenants.setCredential({ ...ctx.credential, scheme: BAIJIAYUN_SCHEME, secret: partnerKey });
  return { partner_key: partnerKey };
}
