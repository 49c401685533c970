import type { EntryAttempt, EntryCheck, EntryDecision } from '../../core/entry-checks.js';
import { roomProperties } from '../../core/rooms.js';
import type { RoomRow } from '../../storage/schema.js';
import type { Services } from '../../core/services.js';
import { accountSettings } from './account.js';
import { featureOn } from './features.js';
import { baijiayunSessionId } from './sessions.js';

/** How long the customer's auth URL may take before the entry is refused. */
export const ENTRY_AUTH_TIMEOUT_MS = 5_000;

const ADMITTED: EntryDecision = { admitted: true };

/**
 * Third-party entry auth (catalog §1.11, CB-4). With the account's `third-party-auth` feature on,
 * an entry carrying `access_key` is admitted only when the account's auth URL answers a form POST
 * of `access_key`, `room_id` (and `session_id` for playback) with HTTP 200 and `{"code":0}`.
 * An entry without `access_key` is refused in forced mode and otherwise passes unchecked, as the
 * vendor describes. The POST is not signed (§5-34: the vendor states no signature).
 */
export class BaijiayunEntryAuth implements EntryCheck {
  readonly name = 'baijiayun-third-party-auth';

  constructor(private readonly services: Services, private readonly timeoutMs = ENTRY_AUTH_TIMEOUT_MS) {}

  async check(attempt: EntryAttempt): Promise<EntryDecision> {
    const tenant = await this.services.tenants.get(attempt.tenantId);
    if (!featureOn(tenant, 'third-party-auth')) return ADMITTED;
    const { url, forced, prompt } = accountSettings(tenant.settings).entryAuth;
    const refuse = (reason: string): EntryDecision => ({ admitted: false, reason, message: prompt ?? undefined });
    const accessKey = attempt.accessKey?.trim() || null;
    if (!accessKey) return forced ? refuse('access_key is required (forced third-party auth)') : ADMITTED;
    if (!url) return refuse('third-party auth is on but the account has no auth URL');

    const form = new URLSearchParams({ access_key: accessKey, room_id: attempt.room.numeric_id });
    if (attempt.kind === 'playback') {
      const session = attempt.sessionId === null ? null : (await this.services.sessions.byId(attempt.tenantId, attempt.sessionId)) ?? null;
      form.set('session_id', String(baijiayunSessionId(attempt.room, session)));
    }
    let status: number;
    let body: string;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: form.toString(),
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'manual',
      });
      status = res.status;
      body = await res.text();
    } catch (err) {
      return refuse(`auth URL did not answer: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (status !== 200) return refuse(`auth URL answered HTTP ${status}`);
    let answer: unknown;
    try {
      answer = JSON.parse(body);
    } catch {
      return refuse('auth URL did not answer JSON');
    }
    const code = answer && typeof answer === 'object' ? (answer as Record<string, unknown>).code : undefined;
    if (code === 0 || code === '0') return ADMITTED;
    const msg = answer && typeof answer === 'object' ? (answer as Record<string, unknown>).msg : undefined;
    return { admitted: false, reason: `auth URL refused (code ${JSON.stringify(code)}${typeof msg === 'string' && msg ? `: ${msg}` : ''})`, message: prompt ?? (typeof msg === 'string' && msg ? msg : undefined) };
  }
}

/** A room's early-entry window: `pre_enter_time` (room/create) or `pre_entrance_time` (room/update), seconds before start. */
export function preEnterWindow(room: RoomRow): number | undefined {
  const seconds = roomProperties(room).pre_enter_time;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
