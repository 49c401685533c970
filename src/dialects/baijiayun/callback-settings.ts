import type { TenantSettings } from '../../core/tenants.js';

/**
 * C1's URL for class start/end callbacks (CB-1). C1/C2 keep it in the tenant's settings under
 * `baijiayun.classCallbackUrl` (src/dialects/baijiayun/account.ts on the rooms branch); this is
 * the one place the callbacks read it.
 */
export function classCallbackUrl(settings: TenantSettings): string | null {
  const account = settings.baijiayun;
  if (!account || typeof account !== 'object' || Array.isArray(account)) return null;
  const url = (account as Record<string, unknown>).classCallbackUrl;
  return typeof url === 'string' && url !== '' ? url : null;
}

/** Settings key of CB-3 (set by operators: the vendor has no API for it, catalog §1.10). */
export const USER_EVENTS_KEY = 'baijiayunUserEvents';

/** The vendor's documented (and shortest) period. */
export const DEFAULT_BATCH_MS = 60_000;

export interface UserEventsCallback {
  url: string;
  /** How long events collect before they are posted together. */
  batchMs: number;
}

/** CB-3's target and period, or null when the tenant has none. */
export function userEventsCallback(settings: TenantSettings): UserEventsCallback | null {
  const raw = settings[USER_EVENTS_KEY];
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const { url, batchMs } = raw as Record<string, unknown>;
  if (typeof url !== 'string' || url === '') return null;
  return { url, batchMs: typeof batchMs === 'number' && Number.isFinite(batchMs) && batchMs > 0 ? batchMs : DEFAULT_BATCH_MS };
}

/** The settings patch that sets (or, with a null URL, clears) CB-3. */
export function userEventsPatch(callback: UserEventsCallback | null): TenantSettings {
  return { [USER_EVENTS_KEY]: callback === null ? null : { url: callback.url, batchMs: callback.batchMs } };
}
