import type { Kysely } from 'kysely';
import type { Database, RoomRow } from '../storage/schema.js';
import { DomainError, invalid, notFound } from './errors.js';
import { randomCode } from './ids.js';
import { GROUP_CODE, RoomGroups } from './room-groups.js';
import { inTransaction, withUniqueRetry } from './transactions.js';

/** Most groups a room may have. */
export const MAX_GROUPS = 40;
const CODE_LENGTH = 6;

/** A room's group (migration 007's `room_groups`) with its name and the code its students join with. */
export interface NamedGroup {
  id: number;
  roomId: number;
  number: number;
  name: string;
  /** The group's student code (a `group_code` pass). */
  joinCode: string;
  /** The group's own small classroom, when it was made with one (Baijiayun's big/small-class form). */
  subRoomId: number | null;
}

/** The default name of group `n`: "n组" ("group n"). */
export const defaultGroupName = (n: number) => `${n}组`;

type Row = { id: number; room_id: number; number: number; name: string | null; sub_room_id: number | null; join_code: string | null };

const named = (r: Row): NamedGroup => ({
  id: Number(r.id), roomId: Number(r.room_id), number: Number(r.number), name: r.name ?? defaultGroupName(Number(r.number)),
  joinCode: r.join_code!, subRoomId: r.sub_room_id === null ? null : Number(r.sub_room_id),
});

/**
 * Named student groups of a room, made one by one: the groups `RoomGroups` keeps (numbered 1, 2, …,
 * each with an assistant and a student code), given names, added after the highest number, renamed
 * and removed. Roster entries (RosterService) name the group their student belongs to.
 */
export class GroupService {
  constructor(private readonly db: Kysely<Database>) {}

  private atomic<T>(fn: (groups: GroupService, db: Kysely<Database>) => Promise<T>): Promise<T> {
    return inTransaction(this.db, (trx) => fn(trx === this.db ? this : new GroupService(trx), trx));
  }

  private base(roomIds: readonly number[]) {
    return this.db.selectFrom('room_groups')
      .innerJoin('room_passes', (j) => j.onRef('room_passes.room_id', '=', 'room_groups.room_id').onRef('room_passes.group_id', '=', 'room_groups.number')
        .on('room_passes.kind', '=', GROUP_CODE).on('room_passes.role', '=', 'student'))
      .select(['room_groups.id', 'room_groups.room_id', 'room_groups.number', 'room_groups.name', 'room_groups.sub_room_id', 'room_passes.code as join_code'])
      .where('room_groups.room_id', 'in', [...roomIds]);
  }

  /** The room's groups, by number. */
  async list(room: RoomRow): Promise<NamedGroup[]> {
    return (await this.listOf([room])).get(room.id) ?? [];
  }

  /** The groups of several rooms in one query. */
  async listOf(rooms: readonly RoomRow[]): Promise<Map<number, NamedGroup[]>> {
    const out = new Map<number, NamedGroup[]>(rooms.map((r) => [r.id, []]));
    if (rooms.length === 0) return out;
    const rows = await this.base(rooms.map((r) => r.id)).orderBy('room_groups.room_id').orderBy('room_groups.number').execute();
    for (const row of rows) out.get(Number(row.room_id))?.push(named(row));
    return out;
  }

  /** The room's group with this number (as text, the way clients send it). */
  async find(room: RoomRow, number: string): Promise<NamedGroup | undefined> {
    if (!/^\d{1,9}$/.test(number.trim())) return undefined;
    const row = await this.base([room.id]).where('room_groups.number', '=', Number(number)).executeTakeFirst();
    return row && named(row);
  }

  async get(room: RoomRow, number: string): Promise<NamedGroup> {
    const group = await this.find(room, number);
    if (!group) throw notFound('group', `group "${number}" does not exist in this room`);
    return group;
  }

  /** The room's first groups, 1…n, named as given (null: the default name). A room that has groups already is refused. */
  async createFirst(room: RoomRow, names: ReadonlyArray<string | null>, at = Date.now()): Promise<NamedGroup[]> {
    if (names.length < 1 || names.length > MAX_GROUPS) throw invalid(`a room has 1 to ${MAX_GROUPS} groups`, 'group');
    return this.atomic(async (groups, db) => {
      const existing = await db.selectFrom('room_groups').select('id').where('room_id', '=', room.id).executeTakeFirst();
      if (existing) throw new DomainError('duplicate', 'the room has groups already (add more one at a time)', 'group');
      await new RoomGroups(db).ensure(room, names.length, undefined, at);
      for (const [i, name] of names.entries()) {
        if (name !== null) await db.updateTable('room_groups').set({ name }).where('room_id', '=', room.id).where('number', '=', i + 1).execute();
      }
      return groups.list(room);
    });
  }

  /** One more group, numbered after the room's highest; only for a room that has groups, at most MAX_GROUPS. */
  async add(room: RoomRow, name: string | null, at = Date.now()): Promise<NamedGroup> {
    return this.atomic((groups, db) => withUniqueRetry(db, async () => {
      const numbers = (await db.selectFrom('room_groups').select('number').where('room_id', '=', room.id).execute()).map((r) => Number(r.number));
      if (numbers.length === 0) throw new DomainError('conflict', 'the room has no groups yet (create them first)', 'group');
      if (numbers.length >= MAX_GROUPS) throw new DomainError('conflict', `a room has at most ${MAX_GROUPS} groups`, 'group');
      const number = Math.max(...numbers) + 1;
      // The layout RoomGroups.ensure writes: the group's row, and an assistant and a student code.
      await db.insertInto('room_groups').values({ tenant_id: room.tenant_id, room_id: room.id, number, sub_room_id: null, name, created_at: at }).execute();
      await db.insertInto('room_passes').values((['assistant', 'student'] as const).map((role) => ({
        tenant_id: room.tenant_id, room_id: room.id, role, code: randomCode(CODE_LENGTH), secret: null, user_number: null, user_name: null, user_avatar: null,
        kind: GROUP_CODE, group_id: number, created_at: at,
      }))).execute();
      return (await groups.find(room, String(number)))!;
    }));
  }

  async rename(group: NamedGroup, name: string): Promise<NamedGroup> {
    await this.db.updateTable('room_groups').set({ name }).where('id', '=', group.id).execute();
    return { ...group, name };
  }

  /**
   * Deletes a group and its codes; its roster students stay on the roster, in no group. A group
   * with a classroom of its own (made through Baijiayun's big/small-class form) is refused.
   */
  async remove(group: NamedGroup): Promise<void> {
    if (group.subRoomId !== null) throw new DomainError('conflict', 'the group has a classroom of its own', 'group');
    await this.atomic(async (_groups, db) => {
      await db.updateTable('room_roster').set({ group_id: null }).where('group_id', '=', group.id).execute();
      await db.deleteFrom('room_passes').where('room_id', '=', group.roomId).where('kind', '=', GROUP_CODE).where('group_id', '=', group.number).execute();
      await db.deleteFrom('room_groups').where('id', '=', group.id).execute();
    });
  }
}
