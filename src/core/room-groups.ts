import type { Kysely } from 'kysely';
import type { Database, RoomGroupRow, RoomRow } from '../storage/schema.js';
import { randomCode } from './ids.js';
import { RoomService, type NewRoom } from './rooms.js';
import { inTransaction, withUniqueRetry } from './transactions.js';

/** The pass kind of a group's codes: one per (room, group, role), unique index of migration 007. */
export const GROUP_CODE = 'group_code';
const GROUP_ROLES = ['assistant', 'student'] as const;
const CODE_LENGTH = 6;

/** A group of a room: numbered from 1, with an assistant code and a student code of its own. */
export interface RoomGroup {
  number: number;
  /** The group's own small classroom (big/small-class form), if it has one. */
  subRoomId: number | null;
  codes: { assistant: string; student: string };
  createdAt: number;
}

/**
 * Groups of a large class: each group has its own assistant and students (and, in the
 * big/small-class form, its own small classroom that the group moves to).
 */
export class RoomGroups {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Makes sure the room has groups 1…count; groups it already has keep their codes and rooms.
   * `subRoom` describes the small classroom each new group gets, when groups have one. Everything
   * is written in one transaction; concurrent calls for the same room create each group once.
   */
  async ensure(room: RoomRow, count: number, subRoom?: (group: number) => NewRoom, now = Date.now()): Promise<RoomGroup[]> {
    return inTransaction(this.db, async (trx) => {
      for (let n = 1; n <= count; n++) {
        await withUniqueRetry(trx, async () => {
          const have = await trx.selectFrom('room_groups').select('id').where('room_id', '=', room.id).where('number', '=', n).executeTakeFirst();
          if (have) return;
          const sub = subRoom ? await new RoomService(trx).create(subRoom(n), now) : null;
          await trx.insertInto('room_groups').values({ tenant_id: room.tenant_id, room_id: room.id, number: n, sub_room_id: sub?.id ?? null, created_at: now }).execute();
          await trx.insertInto('room_passes').values(GROUP_ROLES.map((role) => ({
            tenant_id: room.tenant_id, room_id: room.id, role, code: randomCode(CODE_LENGTH), secret: null, user_number: null, user_name: null, user_avatar: null,
            kind: GROUP_CODE, group_id: n, created_at: now,
          }))).execute();
        });
      }
      return (await new RoomGroups(trx).ofRoom(room)).filter((g) => g.number <= count);
    });
  }

  /** The room's groups, by number. */
  async ofRoom(room: RoomRow): Promise<RoomGroup[]> {
    const groups = await this.db.selectFrom('room_groups').selectAll().where('room_id', '=', room.id).orderBy('number').execute();
    if (groups.length === 0) return [];
    const codes = await this.db.selectFrom('room_passes').select(['group_id', 'role', 'code']).where('room_id', '=', room.id).where('kind', '=', GROUP_CODE).execute();
    const codeOf = (n: number, role: string) => {
      const row = codes.find((c) => Number(c.group_id) === n && c.role === role);
      if (!row) throw new Error(`room ${room.id} group ${n} has no ${role} code`);
      return row.code!;
    };
    return groups.map((g: RoomGroupRow) => ({
      number: Number(g.number), subRoomId: g.sub_room_id === null ? null : Number(g.sub_room_id),
      codes: { assistant: codeOf(Number(g.number), 'assistant'), student: codeOf(Number(g.number), 'student') }, createdAt: Number(g.created_at),
    }));
  }

  /** The group whose small classroom `subRoom` is, if it is one. */
  async parentOf(subRoom: RoomRow): Promise<{ roomId: number; number: number } | undefined> {
    const row = await this.db.selectFrom('room_groups').select(['room_id', 'number']).where('sub_room_id', '=', subRoom.id).executeTakeFirst();
    return row ? { roomId: Number(row.room_id), number: Number(row.number) } : undefined;
  }
}
