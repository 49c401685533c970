import type { Kysely } from 'kysely';
import type { Database, RoomRow, RoomUpdate } from '../storage/schema.js';
import { DomainError, invalid, notFound } from './errors.js';
import { datedNumericId, randomDigits, randomHex } from './ids.js';
import { inTransaction, withUniqueRetry } from './transactions.js';
import { parseJsonObject, type JsonObject } from './json.js';
import { ReadCache } from './read-cache.js';
import { selectPage } from './paging.js';
import { changeRoleTokens, issueRolePasses, type TokenChoice } from './passes.js';
import type { RoomKind } from './room-kind.js';

export type RoomStatus = 'scheduled' | 'live' | 'ended' | 'terminated';

export interface NewRoom {
  tenantId: string;
  kind: RoomKind;
  title: string;
  description?: string | null;
  ownerUserId?: number | null;
  scheduledStart?: number | null;
  /** Absent or null: open-ended (see scheduleBounds). */
  scheduledEnd?: number | null;
  /** Absent or null: no limit of the room's own. */
  maxAttendees?: number | null;
  /** Audio as AAC; default off. */
  aac?: boolean;
  /** Role tokens; host and assistant tokens not given are generated (see issueRolePasses). */
  tokens?: TokenChoice;
  /** Settings only one dialect reads. */
  properties?: JsonObject;
}

export interface RoomPatch {
  title?: string;
  /** A room may change between kinds of the same classroom (e.g. an interactive class becoming a small class). */
  kind?: RoomKind;
  description?: string | null;
  scheduledStart?: number | null;
  scheduledEnd?: number | null;
  maxAttendees?: number | null;
  aac?: boolean;
  /** Only the roles named change; a student token of '' or null removes it. */
  tokens?: TokenChoice;
  status?: RoomStatus;
  /** Merged into the stored properties (keys set to null are removed). */
  properties?: JsonObject;
}

/** How a caller names a room: every room carries all of these identifiers from birth. */
export type RoomKey = { id: number } | { publicId: string } | { number: string } | { numericId: string };

const parsedProperties = new WeakMap<RoomRow, Readonly<JsonObject>>();

/**
 * A room's properties. A cached row (frozen: read-cache.ts) is read by every request that names the
 * room, so its properties are parsed once and kept with it, frozen like the row.
 */
export function roomProperties(room: RoomRow): Readonly<JsonObject> {
  if (!Object.isFrozen(room)) return parseJsonObject(room.properties);
  let parsed = parsedProperties.get(room);
  if (!parsed) {
    parsed = Object.freeze(parseJsonObject(room.properties));
    parsedProperties.set(room, parsed);
  }
  return parsed;
}

/**
 * A room's schedule for readers whose wire format needs both ends (docs/compat/cross-dialect.md):
 * a room with no planned start starts when it was created; an open-ended room (no planned end)
 * ends at its start, the same rule by which listings call a room expired. The end is never
 * before the start.
 */
export function scheduleBounds(room: Pick<RoomRow, 'scheduled_start' | 'scheduled_end' | 'created_at'>): { start: number; end: number } {
  const start = room.scheduled_start ?? room.created_at;
  return { start, end: Math.max(room.scheduled_end ?? start, start) };
}

function checkSchedule(start: number | null | undefined, end: number | null | undefined): void {
  if (start != null && end != null && end < start) throw invalid('the scheduled end lies before the start', 'schedule');
}

export class RoomService {
  constructor(private readonly db: Kysely<Database>, private readonly cache = new ReadCache()) {}

  /** Creates a room and issues its role passes, in one transaction (the caller's, if any). */
  async create(input: NewRoom, now = Date.now()): Promise<RoomRow> {
    checkSchedule(input.scheduledStart, input.scheduledEnd);
    return inTransaction(this.db, async (trx) => {
      const room = await withUniqueRetry(trx, () =>
        trx.insertInto('rooms').values({
          tenant_id: input.tenantId,
          public_id: randomHex(32),
          number: randomDigits(8),
          numeric_id: datedNumericId(now),
          kind: input.kind,
          title: input.title,
          description: input.description ?? null,
          owner_user_id: input.ownerUserId ?? null,
          scheduled_start: input.scheduledStart ?? null,
          scheduled_end: input.scheduledEnd ?? null,
          max_attendees: input.maxAttendees ?? null,
          audio_aac: input.aac ? 1 : 0,
          status: 'scheduled',
          properties: JSON.stringify(input.properties ?? {}),
          created_at: now,
          updated_at: now,
        }).returningAll().executeTakeFirstOrThrow(),
      );
      await issueRolePasses(trx, room, input.tokens ?? {}, now);
      return room;
    });
  }

  /** Finds a room of the tenant, deleted ones included (callers decide what "deleted" means for them). */
  async find(tenantId: string, key: RoomKey): Promise<RoomRow | undefined> {
    // The query is built only when the cache misses.
    return this.cache.get(`room:${tenantId}:${JSON.stringify(key)}`, () => {
      let q = this.db.selectFrom('rooms').selectAll().where('tenant_id', '=', tenantId);
      if ('id' in key) q = q.where('id', '=', key.id);
      else if ('publicId' in key) q = q.where('public_id', '=', key.publicId.toLowerCase());
      else if ('number' in key) q = q.where('number', '=', key.number);
      else q = q.where('numeric_id', '=', key.numericId);
      return q.executeTakeFirst();
    });
  }

  /**
   * Finds a room by a key that is unique across tenants (public ids, numbers and numeric ids are),
   * for links that carry no tenant: live-room entry. Deleted rooms included.
   */
  async findAnyTenant(key: Exclude<RoomKey, { id: number }>): Promise<RoomRow | undefined> {
    let q = this.db.selectFrom('rooms').selectAll();
    if ('publicId' in key) q = q.where('public_id', '=', key.publicId.toLowerCase());
    else if ('number' in key) q = q.where('number', '=', key.number);
    else q = q.where('numeric_id', '=', key.numericId);
    return q.executeTakeFirst();
  }

  /** A live (not deleted) room, or a not_found / gone error. */
  async get(tenantId: string, key: RoomKey): Promise<RoomRow> {
    const room = await this.find(tenantId, key);
    if (!room) throw notFound('room');
    if (room.deleted_at !== null) throw new DomainError('gone', 'room has been deleted', 'room');
    return room;
  }

  /** Changes what the patch names, the room's row and its tokens in one transaction. */
  async update(room: RoomRow, patch: RoomPatch, now = Date.now()): Promise<RoomRow> {
    checkSchedule(
      patch.scheduledStart !== undefined ? patch.scheduledStart : room.scheduled_start,
      patch.scheduledEnd !== undefined ? patch.scheduledEnd : room.scheduled_end,
    );
    const set: RoomUpdate = { updated_at: now };
    if (patch.title !== undefined) set.title = patch.title;
    if (patch.kind !== undefined) set.kind = patch.kind;
    if (patch.description !== undefined) set.description = patch.description;
    if (patch.scheduledStart !== undefined) set.scheduled_start = patch.scheduledStart;
    if (patch.scheduledEnd !== undefined) set.scheduled_end = patch.scheduledEnd;
    if (patch.maxAttendees !== undefined) set.max_attendees = patch.maxAttendees;
    if (patch.aac !== undefined) set.audio_aac = patch.aac ? 1 : 0;
    if (patch.status !== undefined) set.status = patch.status;
    if (patch.properties) {
      const merged = { ...roomProperties(room) };
      for (const [k, v] of Object.entries(patch.properties)) {
        if (v === null) delete merged[k];
        else merged[k] = v;
      }
      set.properties = JSON.stringify(merged);
    }
    const tokens = patch.tokens;
    if (!tokens) return this.db.updateTable('rooms').set(set).where('id', '=', room.id).returningAll().executeTakeFirstOrThrow();
    return inTransaction(this.db, async (trx) => {
      const updated = await trx.updateTable('rooms').set(set).where('id', '=', room.id).returningAll().executeTakeFirstOrThrow();
      await changeRoleTokens(trx, room, tokens);
      return updated;
    });
  }

  async softDelete(room: RoomRow, now = Date.now()): Promise<void> {
    await this.db.updateTable('rooms').set({ deleted_at: now, updated_at: now }).where('id', '=', room.id).execute();
  }

  /**
   * One page of a tenant's rooms, newest first, by keyset on id (O(page), no OFFSET scan).
   * `filter` narrows by status, owner or kind; `afterId` continues after the last row of the previous page.
   */
  async page(tenantId: string, opts: { limit: number; beforeId?: number; statuses?: RoomStatus[]; ownerUserId?: number; includeDeleted?: boolean; kinds?: readonly RoomKind[] }): Promise<RoomRow[]> {
    let q = this.db.selectFrom('rooms').selectAll().where('tenant_id', '=', tenantId);
    if (!opts.includeDeleted) q = q.where('deleted_at', 'is', null);
    if (opts.beforeId !== undefined) q = q.where('id', '<', opts.beforeId);
    if (opts.statuses?.length) q = q.where('status', 'in', opts.statuses);
    if (opts.ownerUserId !== undefined) q = q.where('owner_user_id', '=', opts.ownerUserId);
    if (opts.kinds) q = q.where('kind', 'in', [...opts.kinds]);
    return q.orderBy('id', 'desc').limit(opts.limit).execute();
  }

  /** Offset paging for the vendor APIs that number their pages; bounded by the caller's page-size cap. */
  async pageByNumber(tenantId: string, opts: { pageNo: number; pageSize: number; statuses?: RoomStatus[]; ownerUserId?: number; kinds?: readonly RoomKind[] }): Promise<{ rows: RoomRow[]; total: number }> {
    let base = this.db.selectFrom('rooms').where('tenant_id', '=', tenantId).where('deleted_at', 'is', null);
    if (opts.statuses?.length) base = base.where('status', 'in', opts.statuses);
    if (opts.ownerUserId !== undefined) base = base.where('owner_user_id', '=', opts.ownerUserId);
    if (opts.kinds) base = base.where('kind', 'in', [...opts.kinds]);
    return selectPage(base, base.selectAll().orderBy('id', 'desc'), opts);
  }
}
