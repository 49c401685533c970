import type { Services } from '../../core/services.js';
import type { Tenant, TenantSettings } from '../../core/tenants.js';
import { BAIJIAYUN_FEATURES, featuresOf, isBaijiayunFeature, type BaijiayunFeature } from './features.js';

/** Third-party entry auth (catalog §1.11): where to ask, whether links without a key are refused, what refused people see. */
export interface EntryAuthSettings {
  url: string | null;
  forced: boolean;
  prompt: string | null;
}

/** The Baijiayun account's own settings, kept in the tenant's settings under `baijiayun`. */
export interface BaijiayunAccountSettings {
  /** C1: where class start/end events are posted (CB-1). */
  classCallbackUrl: string | null;
  entryAuth: EntryAuthSettings;
}

const KEY = 'baijiayun';

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const objectOf = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export function accountSettings(settings: TenantSettings): BaijiayunAccountSettings {
  const raw = objectOf(settings[KEY]);
  const auth = objectOf(raw.entryAuth);
  return {
    classCallbackUrl: text(raw.classCallbackUrl),
    entryAuth: { url: text(auth.url), forced: auth.forced === true, prompt: text(auth.prompt) },
  };
}

function withAccount(settings: TenantSettings, account: BaijiayunAccountSettings): TenantSettings {
  return { ...settings, [KEY]: { classCallbackUrl: account.classCallbackUrl, entryAuth: { ...account.entryAuth } } };
}

/** Changes the account settings atomically (a concurrent change of other settings is kept). */
export async function changeAccountSettings(services: Services, tenantId: string, change: (current: BaijiayunAccountSettings) => BaijiayunAccountSettings): Promise<Tenant> {
  return services.tenants.changeSettings(tenantId, (s) => withAccount(s, change(accountSettings(s))));
}

/** An http(s) URL, as C1 and the auth URL require; anything else is refused with a sentence naming `what`. */
export function httpUrlProblem(url: string, what: string): string | undefined {
  if (!/^https?:\/\//i.test(url)) return `${what} must start with http:// or https://`;
  try {
    new URL(url);
    return undefined;
  } catch {
    return `${what} is not a valid URL`;
  }
}

/** What an operator may change with `lectern tenant features`. Absent fields stay as they are. */
export interface AccountChanges {
  enable?: string[];
  disable?: string[];
  /** null clears it. */
  authUrl?: string | null;
  authForced?: boolean;
  /** null clears it. */
  authPrompt?: string | null;
}

export interface AccountView {
  features: Record<BaijiayunFeature, boolean>;
  third_party_auth: EntryAuthSettings;
  class_callback_url: string | null;
}

export function accountView(tenant: Tenant): AccountView {
  const account = accountSettings(tenant.settings);
  return { features: featuresOf(tenant), third_party_auth: account.entryAuth, class_callback_url: account.classCallbackUrl };
}

/**
 * Applies an operator's changes in one atomic write. Throws an Error with a sentence for people
 * when a feature name or the auth URL is not valid (nothing is written then).
 */
export async function configureAccount(services: Services, tenantId: string, changes: AccountChanges): Promise<AccountView> {
  const enable = changes.enable ?? [];
  const disable = changes.disable ?? [];
  const unknown = [...enable, ...disable].filter((n) => !isBaijiayunFeature(n));
  if (unknown.length) throw new Error(`unknown feature ${unknown.map((n) => `"${n}"`).join(', ')}; the features are ${BAIJIAYUN_FEATURES.join(', ')}`);
  const both = enable.filter((n) => disable.includes(n));
  if (both.length) throw new Error(`feature ${both.join(', ')} is both enabled and disabled`);
  if (changes.authUrl) {
    const problem = httpUrlProblem(changes.authUrl, 'the auth URL');
    if (problem) throw new Error(problem);
  }
  const nothing = !enable.length && !disable.length && changes.authUrl === undefined && changes.authForced === undefined && changes.authPrompt === undefined;
  if (nothing) return accountView(await services.tenants.get(tenantId));
  const switches: Record<string, boolean> = {};
  for (const n of enable) switches[n] = true;
  for (const n of disable) switches[n] = false;
  const tenant = await services.tenants.changeSettings(tenantId, (s) => {
    const account = accountSettings(s);
    const entryAuth: EntryAuthSettings = {
      url: changes.authUrl !== undefined ? changes.authUrl || null : account.entryAuth.url,
      forced: changes.authForced ?? account.entryAuth.forced,
      prompt: changes.authPrompt !== undefined ? changes.authPrompt || null : account.entryAuth.prompt,
    };
    return withAccount({ ...s, switches: { ...s.switches, ...switches } }, { ...account, entryAuth });
  });
  return accountView(tenant);
}
