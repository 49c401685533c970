import type { Kysely } from 'kysely';
import type { Database, RoomGroupRow, RoomRow } from '../storage/schema.js';
import { DomainError, invalid, notFound } from './errors.js';
import { randomCode } from './ids.js';
import { inTransaction, withUniqueRetry } from './transactions.js';

/** Most groups a room may have. */
export const MAX_GROUPS = 40;
/** Join passes of kind `group_code`: a student code that also names the group. */
export const GROUP_PASS = 'group_code';
const JOIN_CODE_LENGTH = 8;

/** A group with the code its students join with. */
export type RoomGroup = RoomGroupRow & { join_code: string };

/** The default name of the group with code `n`: "n组" ("group n"). */
export const defaultGroupName = (code: string) => `${code}组`;

/**
 * Student groups of a room. Groups are numbered 1, 2, … within their room (an added group takes the
 * number after the highest); each has a join pass of its own, resolving to (room, student, group).
 * Roster entries (RosterService) name the group their student belongs to.
 */
export class GroupService {
  constructor(private readonly db: Kysely<Database>) {}

  private atomic<T>(fn: (groups: GroupService, db: Kysely<Database>) => Promise<T>): Promise<T> {
    return inTransaction(this.db, (trx) => fn(trx === this.db ? this : new GroupService(trx), trx));
  }

  private base(roomIds: readonly number[]) {
    return this.db.selectFrom('room_groups')
      .innerJoin('room_passes', (j) => j.onRef('room_passes.group_id', '=', 'room_groups.id').on('room_passes.kind', '=', GROUP_PASS))
      .selectAll('room_groups').select('room_passes.code as join_code')
      .where('room_groups.room_id', 'in', [...roomIds]);
  }

  /** The room's groups, by code. */
  async list(room: RoomRow): Promise<RoomGroup[]> {
    return (await this.listOf([room])).get(room.id) ?? [];
  }

  /** The groups of several rooms in one query. */
  async listOf(rooms: readonly RoomRow[]): Promise<Map<number, RoomGroup[]>> {
    const out = new Map<number, RoomGroup[]>(rooms.map((r) => [r.id, []]));
    if (rooms.length === 0) return out;
    const rows = await this.base(rooms.map((r) => r.id)).orderBy('room_groups.room_id').orderBy('room_groups.id').execute();
    for (const row of rows) out.get(Number(row.room_id))?.push({ ...row, join_code: row.join_code! });
    return out;
  }

  async find(room: RoomRow, code: string): Promise<RoomGroup | undefined> {
    const row = await this.base([room.id]).where('room_groups.code', '=', code).executeTakeFirst();
    return row && { ...row, join_code: row.join_code! };
  }

  async get(room: RoomRow, code: string): Promise<RoomGroup> {
    const group = await this.find(room, code);
    if (!group) throw notFound('group', `group "${code}" does not exist in this room`);
    return group;
  }

  /** The room's first groups, named as given (null: the default name). A room that has groups already is refused. */
  async createFirst(room: RoomRow, names: ReadonlyArray<string | null>, at = Date.now()): Promise<RoomGroup[]> {
    if (names.length < 1 || names.length > MAX_GROUPS) throw invalid(`a room has 1 to ${MAX_GROUPS} groups`, 'group');
    // A concurrent call that numbered the same groups makes this one retry, and then see them.
    return this.atomic((groups, db) => withUniqueRetry(db, async () => {
      const existing = await db.selectFrom('room_groups').select('id').where('room_id', '=', room.id).executeTakeFirst();
      if (existing) throw new DomainError('duplicate', 'the room has groups already (add more one at a time)', 'group');
      const created: RoomGroup[] = [];
      for (const [i, name] of names.entries()) created.push(await groups.insert(room, String(i + 1), name, at));
      return created;
    }));
  }

  /** One more group, numbered after the room's highest; only for a room that has groups. */
  async add(room: RoomRow, name: string | null, at = Date.now()): Promise<RoomGroup> {
    return this.atomic((groups, db) => withUniqueRetry(db, async () => {
      const codes = (await db.selectFrom('room_groups').select('code').where('room_id', '=', room.id).execute()).map((r) => Number(r.code));
      if (codes.length === 0) throw new DomainError('conflict', 'the room has no groups yet (create them first)', 'group');
      if (codes.length >= MAX_GROUPS) throw new DomainError('conflict', `a room has at most ${MAX_GROUPS} groups`, 'group');
      return groups.insert(room, String(Math.max(...codes) + 1), name, at);
    }));
  }

  private async insert(room: RoomRow, code: string, name: string | null, at: number): Promise<RoomGroup> {
    const group = await this.db.insertInto('room_groups').values({
      tenant_id: room.tenant_id, room_id: room.id, code, name: name ?? defaultGroupName(code), created_at: at, updated_at: at,
    }).returningAll().executeTakeFirstOrThrow();
    const joinCode = await withUniqueRetry(this.db, async () => {
      const c = randomCode(JOIN_CODE_LENGTH);
      await this.db.insertInto('room_passes').values({
        tenant_id: room.tenant_id, room_id: room.id, role: 'student', code: c, secret: null, user_number: null, user_name: null, user_avatar: null,
        kind: GROUP_PASS, group_id: group.id, created_at: at,
      }).execute();
      return c;
    });
    return { ...group, join_code: joinCode };
  }

  async rename(group: RoomGroup, name: string, at = Date.now()): Promise<RoomGroup> {
    const row = await this.db.updateTable('room_groups').set({ name, updated_at: at }).where('id', '=', group.id).returningAll().executeTakeFirstOrThrow();
    return { ...row, join_code: group.join_code };
  }

  /** Deletes a group and its join pass; its roster students stay on the roster, in no group. */
  async remove(group: RoomGroup): Promise<void> {
    await this.atomic(async (_groups, db) => {
      await db.updateTable('room_roster').set({ group_id: null }).where('group_id', '=', group.id).execute();
      await db.deleteFrom('room_passes').where('kind', '=', GROUP_PASS).where('group_id', '=', group.id).execute();
      await db.deleteFrom('room_groups').where('id', '=', group.id).execute();
    });
  }
}
