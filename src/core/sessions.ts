import type { Kysely } from 'kysely';
import type { Database, LiveSessionRow } from '../storage/schema.js';
import { notFound } from './errors.js';

/** Reading live sessions (场次): each run of a room, from class start to class end. */
export class SessionQueries {
  constructor(private readonly db: Kysely<Database>) {}

  async byPublicId(tenantId: string, publicId: string): Promise<LiveSessionRow> {
    const row = await this.db.selectFrom('live_sessions').selectAll().where('tenant_id', '=', tenantId)
      .where('public_id', '=', publicId.toUpperCase()).executeTakeFirst();
    if (!row) throw notFound('live', `live "${publicId}" does not exist`);
    return row;
  }

  byId(tenantId: string, id: number): Promise<LiveSessionRow | undefined> {
    return this.db.selectFrom('live_sessions').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  }

  /** The room's most recently ended session: what exports default to when given no window. */
  latestEnded(roomId: number): Promise<LiveSessionRow | undefined> {
    return this.db.selectFrom('live_sessions').selectAll().where('room_id', '=', roomId).where('ended_at', 'is not', null)
      .orderBy('ended_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  }

  ofRoom(roomId: number): Promise<LiveSessionRow[]> {
    return this.db.selectFrom('live_sessions').selectAll().where('room_id', '=', roomId).orderBy('started_at').orderBy('id').execute();
  }
}
