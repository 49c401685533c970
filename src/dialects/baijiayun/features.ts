import type { Tenant } from '../../core/tenants.js';
import type { BaijiayunContext } from './context.js';
import { baijiayunError } from './errors.js';

/**
 * Account feature switches (catalog §1.7: permissions Baijiayun turns on per account). Stored as the
 * tenant's generic switches under these names.
 * - `pro`: the "pro environment" data APIs (34, 39–43, 50–53)
 * - `long-term`: long-term rooms (`is_long_term=1`)
 * - `group-live`: group live rooms (`is_group_live`, `new_group_live`) and their codes and sub-rooms
 * - `push-live`: push-stream live rooms (`is_push_live=1`) and their push and pull URLs
 * - `h5`: H5 courseware
 * - `third-party-auth`: live and playback entry checked by the customer's auth URL (§1.11)
 */
export const BAIJIAYUN_FEATURES = ['pro', 'long-term', 'group-live', 'push-live', 'h5', 'third-party-auth'] as const;

export type BaijiayunFeature = (typeof BAIJIAYUN_FEATURES)[number];

/** Everything is on for an account that never changed a switch, except what changes who may enter. */
const OFF_UNLESS_ENABLED: ReadonlySet<BaijiayunFeature> = new Set(['third-party-auth']);

export function isBaijiayunFeature(name: string): name is BaijiayunFeature {
  return (BAIJIAYUN_FEATURES as readonly string[]).includes(name);
}

export function featureOn(tenant: Tenant, feature: BaijiayunFeature): boolean {
  const set = tenant.settings.switches?.[feature];
  return typeof set === 'boolean' ? set : !OFF_UNLESS_ENABLED.has(feature);
}

export function featuresOf(tenant: Tenant): Record<BaijiayunFeature, boolean> {
  return Object.fromEntries(BAIJIAYUN_FEATURES.map((f) => [f, featureOn(tenant, f)])) as Record<BaijiayunFeature, boolean>;
}

/** Whether the calling account has the feature. */
export function hasFeature(ctx: Pick<BaijiayunContext, 'tenant'>, feature: BaijiayunFeature): boolean {
  return featureOn(ctx.tenant, feature);
}

/**
 * Refuses with 2002 (account permission) when the calling account lacks the feature: the one check
 * every endpoint and room type that needs a feature makes. `what` names what was asked for, e.g.
 * "room/getPushLiveUrl" or "a long-term room".
 */
export function requireFeature(ctx: Pick<BaijiayunContext, 'tenant'>, feature: BaijiayunFeature, what = 'this API'): void {
  if (!hasFeature(ctx, feature)) throw baijiayunError('ACCOUNT_PERMISSION', `${what} needs the account feature "${feature}", which is not enabled`);
}
