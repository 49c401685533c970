import type { Kysely } from 'kysely';
import type { Database, RoomRosterRow, RoomRow } from '../storage/schema.js';
import type { NamedGroup } from './groups.js';
import { DomainError, notFound } from './errors.js';
import { inTransaction } from './transactions.js';

export interface RosterStudent {
  /** The user number the student joins with. */
  userNumber: number;
  name: string;
}

export interface RosterUpload {
  students: readonly RosterStudent[];
  /** Puts every listed student in this group (null: in none). */
  group: NamedGroup | null;
  /** true: the listed students replace the roster; false: they are added, and those already on it updated. */
  replace: boolean;
  expiresAt: number;
}

/** Rows per insert statement (SQLite allows at most 32766 bound values). */
const BATCH = 500;

/** A room's roster: the students expected in it, by user number, until the roster expires. */
export class RosterService {
  constructor(private readonly db: Kysely<Database>) {}

  /** Stores an uploaded roster in one transaction. A user number listed twice is refused (duplicate). */
  async upload(room: RoomRow, input: RosterUpload, at = Date.now()): Promise<void> {
    const seen = new Set<number>();
    for (const s of input.students) {
      if (seen.has(s.userNumber)) throw new DomainError('duplicate', `user ${s.userNumber} is listed twice`, 'roster');
      seen.add(s.userNumber);
    }
    if (input.group && input.group.roomId !== room.id) throw notFound('group');
    await inTransaction(this.db, async (db) => {
      if (input.replace) await db.deleteFrom('room_roster').where('room_id', '=', room.id).execute();
      const groupId = input.group?.id ?? null;
      for (let i = 0; i < input.students.length; i += BATCH) {
        const rows = input.students.slice(i, i + BATCH).map((s) => ({
          tenant_id: room.tenant_id, room_id: room.id, user_number: s.userNumber, name: s.name, group_id: groupId, expires_at: input.expiresAt, created_at: at, updated_at: at,
        }));
        await db.insertInto('room_roster').values(rows).onConflict((oc) => oc.columns(['room_id', 'user_number']).doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'), group_id: eb.ref('excluded.group_id'), expires_at: eb.ref('excluded.expires_at'), updated_at: eb.ref('excluded.updated_at'),
        }))).execute();
      }
    });
  }

  /** The students on the room's roster at `at` (expired entries are not), by user number. */
  async list(room: RoomRow, at = Date.now()): Promise<RoomRosterRow[]> {
    return this.db.selectFrom('room_roster').selectAll().where('room_id', '=', room.id).where('expires_at', '>', at).orderBy('user_number').execute();
  }
}
