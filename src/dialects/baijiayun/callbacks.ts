import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { loadConfig } from '../../config.js';
import type { ClassroomEvent } from '../../core/events.js';
import { parseJsonObject } from '../../core/json.js';
import type { TenantSettings } from '../../core/tenants.js';
import type { DeliveryPlanner, PlanningContext } from '../../delivery/planning.js';
import type { Database } from '../../storage/schema.js';
import { formatDateTime } from '../framework/time.js';
import { classCallbackUrl, userEventsCallback } from './callback-settings.js';
import { BAIJIAYUN_SCHEME } from './credentials.js';
import { baijiayunSign } from './signature.js';

/** Delivery kinds: each room has one ordered stream per kind. */
export const CLASS_EVENTS_KIND = 'baijiayun.class';
export const USER_EVENTS_KIND = 'baijiayun.user-events';

/** Catalog §1.10: CB-1 retries after 1 s and 3 s, CB-3 after 5 s and 30 s, each after the previous attempt. */
export const CLASS_EVENTS_RETRIES_MS = [1_000, 3_000] as const;
export const USER_EVENTS_RETRIES_MS = [5_000, 30_000] as const;

/** "If many users come in one minute, the events are split into several batches": at most this many per POST. */
export const MAX_USER_EVENTS_PER_POST = 200;

const FORM = 'application/x-www-form-urlencoded';

/** `qid`: 24 characters, unique per callback and kept on every retry. */
export const newQid = (): string => randomBytes(12).toString('hex');

export interface UserEvent {
  number: number;
  name: string;
  event: 'user_in' | 'user_out';
  ts: number;
}

/** The form body with its `sign`: parameters in a fixed order, signed by the rule of §1.4. */
export function signedForm(params: Record<string, string>, partnerKey: string): string {
  const sign = baijiayunSign(Object.entries(params), partnerKey);
  return new URLSearchParams({ ...params, sign }).toString();
}

interface TenantCallbacks {
  settings: TenantSettings;
  partnerKey: string;
}

async function tenantCallbacks(db: Kysely<Database>, tenantId: string): Promise<TenantCallbacks | null> {
  const tenant = await db.selectFrom('tenants').select('settings').where('id', '=', tenantId).executeTakeFirst();
  if (!tenant) return null;
  const settings = parseJsonObject(tenant.settings) as TenantSettings;
  if (classCallbackUrl(settings) === null && userEventsCallback(settings) === null) return null;
  const credential = await db.selectFrom('tenant_credentials').select('secret').where('tenant_id', '=', tenantId).where('scheme', '=', BAIJIAYUN_SCHEME).executeTakeFirst();
  // Without a partner_key nothing could be signed; such a tenant has no Baijiayun account.
  return credential ? { settings, partnerKey: credential.secret } : null;
}

let defaultZone: string | undefined;
const serverZone = () => (defaultZone ??= loadConfig().timeZone);

type SessionEvent = Extract<ClassroomEvent, { type: 'session.started' | 'session.ended' }>;
type PresenceEvent = Extract<ClassroomEvent, { type: 'participant.joined' | 'participant.left' }>;
const isSessionEvent = (e: ClassroomEvent): e is SessionEvent => e.type === 'session.started' || e.type === 'session.ended';
const isPresenceEvent = (e: ClassroomEvent): e is PresenceEvent => e.type === 'participant.joined' || e.type === 'participant.left';

/**
 * Baijiayun's callbacks (catalog §1.10) as deliveries: CB-1 for each class start and end, to the
 * URL set with C1; CB-3 user enter/leave events collected per period into batches, to the URL an
 * operator set (`lectern tenant callbacks`).
 */
export const baijiayunCallbackPlanner: DeliveryPlanner = {
  name: 'baijiayun',
  async plan(events, ctx) {
    const relevant = events.filter((e) => e.roomId !== null && (isSessionEvent(e) || isPresenceEvent(e)));
    if (relevant.length === 0) return;
    const byTenant = new Map<string, ClassroomEvent[]>();
    for (const e of relevant) byTenant.set(e.tenantId, [...(byTenant.get(e.tenantId) ?? []), e]);
    for (const [tenantId, tenantEvents] of byTenant) {
      const tenant = await tenantCallbacks(ctx.db, tenantId);
      if (!tenant) continue;
      await planClassEvents(tenantId, tenant, tenantEvents.filter(isSessionEvent), ctx);
      await planUserEvents(tenantId, tenant, tenantEvents.filter(isPresenceEvent), ctx);
    }
  },
};

async function roomNumbers(db: Kysely<Database>, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('rooms').select(['id', 'numeric_id']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.numeric_id]));
}

async function planClassEvents(tenantId: string, tenant: TenantCallbacks, events: SessionEvent[], ctx: PlanningContext): Promise<void> {
  const url = classCallbackUrl(tenant.settings);
  if (url === null || events.length === 0) return;
  const zone = tenant.settings.timeZone ?? serverZone();
  const rooms = await roomNumbers(ctx.db, events.map((e) => e.roomId));
  for (const e of events) {
    const roomNumber = rooms.get(e.roomId);
    if (roomNumber === undefined) continue;
    const qid = newQid();
    const body = signedForm({
      room_id: roomNumber, op: e.type === 'session.started' ? 'start' : 'end', op_time: formatDateTime(e.at, zone),
      qid, timestamp: String(Math.floor(ctx.now / 1000)),
    }, tenant.partnerKey);
    await ctx.deliveries.insert({
      tenantId, roomId: e.roomId, kind: CLASS_EVENTS_KIND, firstEventId: e.id, lastEventId: e.id, eventCount: 1, targetUrl: url,
      contentType: FORM, body, requestId: qid, accept: 'http-200-json-code-0', retryDelaysMs: CLASS_EVENTS_RETRIES_MS, notBefore: ctx.now,
    }, ctx.now);
  }
}

async function planUserEvents(tenantId: string, tenant: TenantCallbacks, events: PresenceEvent[], ctx: PlanningContext): Promise<void> {
  const callback = userEventsCallback(tenant.settings);
  if (callback === null || events.length === 0) return;
  const rooms = await roomNumbers(ctx.db, events.map((e) => e.roomId));
  const people = new Map((await ctx.db.selectFrom('participants').select(['id', 'user_number', 'name'])
    .where('id', 'in', [...new Set(events.map((e) => e.data.participantId))]).execute()).map((p) => [p.id, p]));
  for (const e of events) {
    const roomNumber = rooms.get(e.roomId);
    if (roomNumber === undefined) continue;
    const person = people.get(e.data.participantId);
    const item: UserEvent = {
      // As the data APIs do: a participant without a user number is known by its id.
      number: person?.user_number ?? e.data.participantId,
      name: e.type === 'participant.joined' ? e.data.name : person?.name ?? '',
      event: e.type === 'participant.joined' ? 'user_in' : 'user_out',
      ts: Math.floor(e.at / 1000),
    };
    await addToBatch(tenantId, tenant.partnerKey, callback.url, callback.batchMs, roomNumber, e, item, ctx);
  }
}

/** Adds an event to the room's open batch, or opens one that is posted a period from now. */
async function addToBatch(tenantId: string, partnerKey: string, url: string, batchMs: number, roomNumber: string, e: PresenceEvent, item: UserEvent, ctx: PlanningContext): Promise<void> {
  // The URL is part of the key: events collected for one receiver never go to another.
  const batchKey = `${USER_EVENTS_KIND}:${e.roomId}:${url}`;
  const open = await ctx.deliveries.openBatch(tenantId, batchKey, ctx.now);
  if (open && open.eventCount < MAX_USER_EVENTS_PER_POST) {
    const params = Object.fromEntries(new URLSearchParams(open.body));
    const items = JSON.parse(params.user_events ?? '[]') as UserEvent[];
    items.push(item);
    const body = signedForm({ room_id: roomNumber, user_events: JSON.stringify(items), qid: params.qid ?? newQid(), timestamp: String(Math.floor(ctx.now / 1000)) }, partnerKey);
    if (await ctx.deliveries.extendBatch(open.id, { body, lastEventId: e.id, eventCount: items.length }, ctx.now)) return;
  }
  const qid = newQid();
  const body = signedForm({ room_id: roomNumber, user_events: JSON.stringify([item]), qid, timestamp: String(Math.floor(ctx.now / 1000)) }, partnerKey);
  await ctx.deliveries.insert({
    tenantId, roomId: e.roomId, kind: USER_EVENTS_KIND, firstEventId: e.id, lastEventId: e.id, eventCount: 1, targetUrl: url, contentType: FORM, body,
    requestId: qid, accept: 'http-200-json-code-0', retryDelaysMs: USER_EVENTS_RETRIES_MS, notBefore: ctx.now + batchMs, batchKey,
  }, ctx.now);
}
