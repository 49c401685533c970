import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

/** Where a join code leads: a room, the role it enters as, and for a group's code the group. */
export interface JoinTarget {
  tenantId: string;
  roomId: number;
  role: string;
  groupId: number | null;
}

/**
 * Resolves the codes that join links carry (room role codes, group codes) to what they open. The
 * live runtime's classroom entry asks this; codes are unique across every room.
 */
export class JoinCodes {
  constructor(private readonly db: Kysely<Database>) {}

  async resolve(code: string): Promise<JoinTarget | undefined> {
    const row = await this.db.selectFrom('room_passes').innerJoin('rooms', 'rooms.id', 'room_passes.room_id')
      .select(['room_passes.tenant_id', 'room_passes.room_id', 'room_passes.role', 'room_passes.group_id'])
      .where('room_passes.code', '=', code).where('rooms.deleted_at', 'is', null).executeTakeFirst();
    return row && { tenantId: row.tenant_id, roomId: Number(row.room_id), role: row.role, groupId: row.group_id === null ? null : Number(row.group_id) };
  }
}
