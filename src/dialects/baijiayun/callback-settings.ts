import type { TenantSettings } from '../../core/tenants.js';
import { accountSettings } from './account.js';

/** C1's URL for class start/end callbacks (CB-1), kept with the account's settings; null when none is set. */
export function classCallbackUrl(settings: TenantSettings): string | null {
  return accountSettings(settings).classCallbackUrl;
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
