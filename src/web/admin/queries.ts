import type { Kysely } from 'kysely';
import type { Services } from '../../core/services.js';
import type { Database, LiveSessionRow, RoomRow } from '../../storage/schema.js';
import { RoomListing, type RoomPhase } from '../../core/room-listing.js';
import type { RoomKind } from '../../core/room-kind.js';
import type { PageRequest } from '../../core/paging.js';

/** A tenant as the operator sees it: never a secret (credential secrets are not even read). */
export interface TenantView {
  id: string;
  name: string;
  demo: boolean;
  createdAt: number;
  /** The public half of each credential: Gensee site host, Baijiayun partner id, CC user id… */
  identifiers: Array<{ scheme: string; keyId: string }>;
  rooms: number;
  liveRooms: number;
  /** Different people inside the tenant's rooms right now. */
  peopleInside: number;
}

/** Who is inside a room right now: different people, by the role they entered with. */
export interface PresenceView {
  total: number;
  byRole: Record<string, number>;
}

export interface RoomView {
  tenantId: string;
  /** The Gensee id (32 lowercase hex); uppercased it is the CC roomid. */
  id: string;
  ccRoomId: string;
  /** The Baijiayun room_id. */
  baijiayunRoomId: string;
  /** The Gensee number. */
  number: string;
  kind: RoomKind;
  title: string;
  status: string;
  phase: RoomPhase;
  scheduledStart: number | null;
  scheduledEnd: number | null;
  maxAttendees: number | null;
  createdAt: number;
  deleted: boolean;
  /** The open session (class is on), if any. */
  live: { sessionId: string; startedAt: number } | null;
  present: PresenceView;
  /** The operator page's link that opens the room as an observer. */
  observeUrl: string;
}

export interface SessionView {
  /** The session's public id (CC liveid). */
  id: string;
  room: { id: string; title: string; number: string; baijiayunRoomId: string };
  startedAt: number;
  endedAt: number | null;
  /** Different people who entered during the session. */
  participants: number;
  /** Most people inside at once, and when first reached. */
  peak: { peak: number; at: number | null };
}

export const observeUrl = (room: Pick<RoomRow, 'tenant_id' | 'public_id'>) => `/admin/observe/${room.tenant_id}/${room.public_id}`;

/**
 * What the operator page reads: tenants, their rooms with every dialect's ids, who is inside, and
 * recent sessions with their figures (computed from participation intervals, like the exports).
 */
export class AdminQueries {
  private readonly db: Kysely<Database>;

  constructor(private readonly services: Services) {
    this.db = services.db;
  }

  async tenants(): Promise<TenantView[]> {
    const tenants = await this.services.tenants.list();
    const idents = await this.db.selectFrom('tenant_credentials').select(['tenant_id', 'scheme', 'key_id']).orderBy('scheme').execute();
    const roomCounts = await this.db.selectFrom('rooms').where('deleted_at', 'is', null)
      .select((eb) => ['tenant_id', eb.fn.countAll<number>().as('n')]).groupBy('tenant_id').execute();
    const liveCounts = await this.db.selectFrom('rooms').where('deleted_at', 'is', null).where('status', '=', 'live')
      .select((eb) => ['tenant_id', eb.fn.countAll<number>().as('n')]).groupBy('tenant_id').execute();
    const inside = await this.db.selectFrom('participations').where('left_at', 'is', null)
      .select((eb) => ['tenant_id', eb.fn.count<number>('participant_id').distinct().as('n')]).groupBy('tenant_id').execute();
    const byTenant = (rows: Array<{ tenant_id: string; n: number | string | bigint }>) => new Map(rows.map((r) => [r.tenant_id, Number(r.n)]));
    const rooms = byTenant(roomCounts);
    const live = byTenant(liveCounts);
    const people = byTenant(inside);
    return tenants.map((t) => ({
      id: t.id, name: t.name, demo: t.isDemo, createdAt: t.createdAt,
      identifiers: idents.filter((c) => c.tenant_id === t.id).map((c) => ({ scheme: c.scheme, keyId: c.key_id })),
      rooms: rooms.get(t.id) ?? 0, liveRooms: live.get(t.id) ?? 0, peopleInside: people.get(t.id) ?? 0,
    }));
  }

  async tenant(tenantId: string): Promise<TenantView | undefined> {
    return (await this.tenants()).find((t) => t.id === tenantId);
  }

  /** One page of a tenant's rooms (not deleted), newest first, optionally only some phases. */
  async rooms(tenantId: string, paging: PageRequest, phases?: readonly RoomPhase[]): Promise<{ rooms: RoomView[]; total: number }> {
    const page = await this.services.roomListing.page({ tenantId, phases }, paging, { newestFirst: true });
    return { rooms: await this.views(page.rows), total: page.total };
  }

  /** A room of the tenant by its Gensee id, Baijiayun room_id or Gensee number (deleted ones too). */
  async room(tenantId: string, ref: string): Promise<RoomRow | undefined> {
    if (/^[0-9a-f]{32}$/i.test(ref)) return this.services.rooms.find(tenantId, { publicId: ref });
    if (/^\d{14}$/.test(ref)) return this.services.rooms.find(tenantId, { numericId: ref });
    if (/^\d{8}$/.test(ref)) return this.services.rooms.find(tenantId, { number: ref });
    return undefined;
  }

  /** Every tenant's rooms where class is on or someone is inside, most recently started first. */
  async liveNow(limit = 200): Promise<Array<RoomView & { tenantName: string }>> {
    const rows = await this.db.selectFrom('rooms').selectAll().where('deleted_at', 'is', null)
      .where((eb) => eb.or([
        eb('status', '=', 'live'),
        eb.exists(eb.selectFrom('participations').select('participations.id').whereRef('participations.room_id', '=', 'rooms.id').where('participations.left_at', 'is', null)),
      ]))
      .orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    const names = new Map((await this.services.tenants.list()).map((t) => [t.id, t.name]));
    return (await this.views(rows)).map((v) => ({ ...v, tenantName: names.get(v.tenantId) ?? '' }));
  }

  async views(rows: readonly RoomRow[]): Promise<RoomView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const presence = await this.presence(ids);
    const open = await this.db.selectFrom('live_sessions').select(['room_id', 'public_id', 'started_at'])
      .where('room_id', 'in', ids).where('ended_at', 'is', null).orderBy('started_at').execute();
    const openByRoom = new Map(open.map((s) => [Number(s.room_id), s]));
    return rows.map((r) => {
      const present = presence.get(r.id) ?? { total: 0, byRole: {} };
      const session = openByRoom.get(r.id);
      return {
        tenantId: r.tenant_id, id: r.public_id, ccRoomId: r.public_id.toUpperCase(), baijiayunRoomId: r.numeric_id, number: r.number,
        kind: r.kind, title: r.title, status: r.status, phase: RoomListing.phaseOf(r, present.total),
        scheduledStart: r.scheduled_start === null ? null : Number(r.scheduled_start), scheduledEnd: r.scheduled_end === null ? null : Number(r.scheduled_end),
        maxAttendees: r.max_attendees, createdAt: Number(r.created_at), deleted: r.deleted_at !== null,
        live: session ? { sessionId: session.public_id, startedAt: Number(session.started_at) } : null,
        present, observeUrl: observeUrl(r),
      };
    });
  }

  /** Different people inside each room now, by role (a person counts once per role they hold). */
  private async presence(roomIds: readonly number[]): Promise<Map<number, PresenceView>> {
    const rows = await this.db.selectFrom('participations').where('room_id', 'in', [...roomIds]).where('left_at', 'is', null)
      .select(['room_id', 'role', 'participant_id']).execute();
    const people = new Map<number, Map<number, string>>();
    for (const r of rows) {
      const room = people.get(Number(r.room_id)) ?? new Map<number, string>();
      room.set(Number(r.participant_id), r.role);
      people.set(Number(r.room_id), room);
    }
    const out = new Map<number, PresenceView>();
    for (const [roomId, inside] of people) {
      const byRole: Record<string, number> = {};
      for (const role of inside.values()) byRole[role] = (byRole[role] ?? 0) + 1;
      out.set(roomId, { total: inside.size, byRole });
    }
    return out;
  }

  /** The tenant's (or one room's) most recent sessions, newest first, with their attendance figures. */
  async sessions(tenantId: string, opts: { roomId?: number; limit: number }): Promise<SessionView[]> {
    let q = this.db.selectFrom('live_sessions').innerJoin('rooms', 'rooms.id', 'live_sessions.room_id')
      .selectAll('live_sessions').select(['rooms.public_id as room_public_id', 'rooms.title as room_title', 'rooms.number as room_number', 'rooms.numeric_id as room_numeric_id'])
      .where('live_sessions.tenant_id', '=', tenantId);
    if (opts.roomId !== undefined) q = q.where('live_sessions.room_id', '=', opts.roomId);
    const rows = await q.orderBy('live_sessions.started_at', 'desc').orderBy('live_sessions.id', 'desc').limit(opts.limit).execute();
    return Promise.all(rows.map((s) => this.sessionView(s, { id: s.room_public_id, title: s.room_title, number: s.room_number, baijiayunRoomId: s.room_numeric_id })));
  }

  private async sessionView(s: LiveSessionRow, room: SessionView['room']): Promise<SessionView> {
    const scope = { sessionId: s.id };
    const [participants, peak] = await Promise.all([this.services.attendance.distinctParticipants(scope), this.services.attendance.peakConcurrency(scope)]);
    return { id: s.public_id, room, startedAt: Number(s.started_at), endedAt: s.ended_at === null ? null : Number(s.ended_at), participants, peak };
  }
}
