import type { BaijiayunContext } from './context.js';
import { baijiayunError } from './errors.js';

/**
 * Account features Baijiayun switches on per account. `pro`: the "pro environment" data APIs
 * (catalog §1.7: 34, 39–43, 50–53). A tenant sets them in its settings under `baijiayunFeatures`
 * (e.g. `{"baijiayunFeatures": {"pro": false}}`); a self-hosted account has them unless switched off.
 */
export type BaijiayunFeature = 'pro';

const DEFAULTS: Record<BaijiayunFeature, boolean> = { pro: true };

export function hasFeature(ctx: Pick<BaijiayunContext, 'tenant'>, feature: BaijiayunFeature): boolean {
  const features = ctx.tenant.settings.baijiayunFeatures;
  const value = features && typeof features === 'object' ? (features as Record<string, unknown>)[feature] : undefined;
  return typeof value === 'boolean' ? value : DEFAULTS[feature];
}

/** Refuses with 2002 (account permission) when the account lacks the feature. */
export function requireFeature(ctx: Pick<BaijiayunContext, 'tenant'>, feature: BaijiayunFeature): void {
  if (!hasFeature(ctx, feature)) throw baijiayunError('ACCOUNT_PERMISSION', `this API needs the account's "${feature}" feature, which is switched off`);
}
