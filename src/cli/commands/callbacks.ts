import type { Command } from 'commander';
import { DELIVERY_STATES, DeliveryStore, type Delivery, type DeliveryState } from '../../delivery/store.js';
import { DEFAULT_BATCH_MS, userEventsCallback, userEventsPatch } from '../../dialects/baijiayun/callback-settings.js';
import { tenantByRef as findTenant, withServices } from '../shared.js';

function httpUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--user-events must be an http(s) URL, got "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`--user-events must be an http(s) URL, got "${text}"`);
  return url.toString();
}

function batchMs(text: string | undefined): number {
  if (text === undefined) return DEFAULT_BATCH_MS;
  const seconds = Number(text);
  // Fractions are allowed so that tests can use short periods; the vendor's own minimum is 60.
  if (!Number.isFinite(seconds) || seconds < 0.1 || seconds > 86_400) throw new Error(`--batch-seconds must be a number of seconds from 0.1 to 86400, got "${text}"`);
  return Math.round(seconds * 1000);
}

function summary(d: Delivery) {
  return {
    id: d.id, tenant: d.tenantId, room: d.roomId, kind: d.kind, state: d.state, attempts: d.attempts, events: d.eventCount,
    request_id: d.requestId, target: d.targetUrl, next_attempt_at: d.state === 'pending' ? new Date(d.nextAttemptAt).toISOString() : null,
    last_error: d.lastError, resent_from: d.resentFrom, created_at: new Date(d.createdAt).toISOString(),
  };
}

function deliveryId(text: string): number {
  const id = Number(text);
  if (!Number.isSafeInteger(id) || id < 1) throw new Error(`ID must be a delivery id (a positive whole number), got "${text}"`);
  return id;
}

const out = (value: unknown) => process.stdout.write(JSON.stringify(value, null, 2) + '\n');

/** `lectern tenant callbacks …` (registered after the tenant commands) and `lectern callbacks …`. */
export function addCallbackCommands(program: Command): void {
  const tenant = program.commands.find((c) => c.name() === 'tenant');
  if (!tenant) throw new Error('addTenantCommands must run before addCallbackCommands');
  tenant.command('callbacks').argument('<tenant>', 'tenant name or id')
    .description("set where a tenant's Baijiayun user enter/leave callbacks (CB-3) go; the vendor has no API for it")
    .option('--user-events <url>', 'the receiving URL')
    .option('--batch-seconds <n>', 'how long events collect before one POST (default 60, as documented)')
    .option('--clear', 'stop sending user enter/leave callbacks')
    .action(async (ref: string, opts: { userEvents?: string; batchSeconds?: string; clear?: boolean }) => {
      const result = await withServices(async (s) => {
        const t = await findTenant(s, ref);
        if (opts.clear) await s.tenants.changeSettings(t.id, (current) => ({ ...current, ...userEventsPatch(null) }));
        else if (opts.userEvents !== undefined) {
          const callback = { url: httpUrl(opts.userEvents), batchMs: batchMs(opts.batchSeconds) };
          await s.tenants.changeSettings(t.id, (current) => ({ ...current, ...userEventsPatch(callback) }));
        }
        else if (opts.batchSeconds !== undefined) throw new Error('--batch-seconds goes with --user-events');
        const current = userEventsCallback((await s.tenants.get(t.id)).settings);
        return { tenant: t.id, user_events: current ? { url: current.url, batch_seconds: current.batchMs / 1000 } : null };
      });
      out(result);
    });

  const callbacks = program.command('callbacks').description('outbound callbacks (deliveries): see, inspect, resend');
  callbacks.command('list').description('deliveries, newest first')
    .option('--tenant <tenant>', 'tenant name or id').option('--state <state>', DELIVERY_STATES.join('|')).option('--limit <n>', 'at most this many', '100')
    .action(async (opts: { tenant?: string; state?: string; limit: string }) => {
      if (opts.state !== undefined && !(DELIVERY_STATES as readonly string[]).includes(opts.state)) throw new Error(`--state must be one of ${DELIVERY_STATES.join(', ')}, got "${opts.state}"`);
      const limit = Number(opts.limit);
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > 10_000) throw new Error(`--limit must be 1…10000, got "${opts.limit}"`);
      const rows = await withServices(async (s) => {
        const tenantId = opts.tenant === undefined ? undefined : (await findTenant(s, opts.tenant)).id;
        return new DeliveryStore(s.db, s.engine).list({ tenantId, state: opts.state as DeliveryState | undefined, limit });
      });
      out(rows.map(summary));
    });
  callbacks.command('show').argument('<id>', 'delivery id').description('a delivery with its body and every attempt')
    .action(async (id: string) => {
      const shown = await withServices(async (s) => {
        const store = new DeliveryStore(s.db, s.engine);
        const d = await store.get(deliveryId(id));
        if (!d) throw new Error(`no delivery ${id}`);
        const attempts = (await store.attempts(d.id)).map((a) => ({
          attempt: a.attempt, ok: a.ok, http_status: a.httpStatus, response: a.response, error: a.error, by: a.owner,
          started_at: new Date(a.startedAt).toISOString(), took_ms: a.finishedAt - a.startedAt,
        }));
        return { ...summary(d), content_type: d.contentType, body: d.body, retry_delays_ms: d.retryDelaysMs, attempt_log: attempts };
      });
      out(shown);
    });
  callbacks.command('resend').argument('<id>', 'delivery id').description('a new delivery of the same body and request id, due now')
    .action(async (id: string) => {
      const created = await withServices(async (s) => {
        const store = new DeliveryStore(s.db, s.engine);
        const original = await store.get(deliveryId(id));
        if (!original) throw new Error(`no delivery ${id}`);
        // A copy of one still under way would reach the receiver twice for nothing.
        if (original.state === 'pending' || original.state === 'delivering') throw new Error(`delivery ${id} is still ${original.state}: resend it once it is delivered or failed`);
        const newId = (await store.resend(original.id, Date.now()))!;
        return summary((await store.get(newId))!);
      });
      out(created);
    });
}
