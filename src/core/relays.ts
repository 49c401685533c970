import type { Kysely } from 'kysely';
import type { Database, RoomRow } from '../storage/schema.js';
import { DomainError, notFound } from './errors.js';

/** Relay sources: other rooms of the tenant whose live class a room may rebroadcast. */
export class RelayService {
  constructor(private readonly db: Kysely<Database>) {}

  /** Adds `source` to the room's relay sources; a room cannot relay itself, and a pair is added once (duplicate). */
  async add(room: RoomRow, source: RoomRow, at = Date.now()): Promise<void> {
    if (source.tenant_id !== room.tenant_id || source.deleted_at !== null) throw notFound('room');
    if (source.id === room.id) throw new DomainError('invalid', 'a room cannot be its own relay source', 'relay');
    // ON CONFLICT rather than catching the violation: on PostgreSQL a failed statement would abort a caller's transaction.
    const res = await this.db.insertInto('room_relays').values({ tenant_id: room.tenant_id, room_id: room.id, source_room_id: source.id, created_at: at })
      .onConflict((oc) => oc.columns(['room_id', 'source_room_id']).doNothing()).returning('id').executeTakeFirst();
    if (!res) throw new DomainError('duplicate', 'the room already relays this source', 'relay');
  }

  /** Removes `source` from the room's relay sources (not_found when it was not one). */
  async remove(room: RoomRow, source: RoomRow): Promise<void> {
    const res = await this.db.deleteFrom('room_relays').where('room_id', '=', room.id).where('source_room_id', '=', source.id).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw notFound('relay', 'the room does not relay this source');
  }

  /** The room's relay sources that still exist, in the order they were added. */
  async sourcesOf(room: RoomRow): Promise<RoomRow[]> {
    return this.db.selectFrom('room_relays').innerJoin('rooms', 'rooms.id', 'room_relays.source_room_id').selectAll('rooms')
      .where('room_relays.room_id', '=', room.id).where('rooms.deleted_at', 'is', null).orderBy('room_relays.id').execute();
  }
}
