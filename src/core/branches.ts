import type { Kysely } from 'kysely';
import type { Database, RoomRow } from '../storage/schema.js';
import { invalid } from './errors.js';
import type { NewRoom } from './rooms.js';
import type { Services } from './services.js';

/**
 * Branch rooms: classrooms that follow a main room's lecture (双师: the lead teacher teaches in the
 * main room, each branch has a tutor and the students). A branch belongs to one main room; a main
 * room's branches are ordered 1, 2, ….
 */
export class BranchService {
  constructor(private readonly db: Kysely<Database>) {}

  /** Makes `branch` the main room's branch at `position`. */
  async link(main: RoomRow, branch: RoomRow, position: number): Promise<void> {
    if (main.tenant_id !== branch.tenant_id || main.id === branch.id) throw invalid('a branch room belongs to another room of its tenant', 'branch');
    await this.db.insertInto('room_branches').values({ branch_room_id: branch.id, tenant_id: branch.tenant_id, main_room_id: main.id, position }).execute();
  }

  async unlink(branch: RoomRow): Promise<void> {
    await this.db.deleteFrom('room_branches').where('branch_room_id', '=', branch.id).execute();
  }

  /** The main room's branches that are not deleted, in order. */
  async branchesOf(main: RoomRow): Promise<RoomRow[]> {
    return this.db.selectFrom('room_branches').innerJoin('rooms', 'rooms.id', 'room_branches.branch_room_id').selectAll('rooms')
      .where('room_branches.main_room_id', '=', main.id).where('rooms.deleted_at', 'is', null)
      .orderBy('room_branches.position').execute();
  }

  /** The main room of a branch (undefined for a room that is no branch). */
  async mainOf(branch: RoomRow): Promise<RoomRow | undefined> {
    return this.db.selectFrom('room_branches').innerJoin('rooms', 'rooms.id', 'room_branches.main_room_id').selectAll('rooms')
      .where('room_branches.branch_room_id', '=', branch.id).executeTakeFirst();
  }

  /** The next free position among the main room's branches. */
  async nextPosition(main: RoomRow): Promise<number> {
    const row = await this.db.selectFrom('room_branches').select((eb) => eb.fn.max('position').as('p')).where('main_room_id', '=', main.id).executeTakeFirst();
    return Number(row?.p ?? 0) + 1;
  }
}

/**
 * Creates a main room and its branch rooms (positions 1…n, in the given order) in one transaction:
 * either all of them exist afterwards, or none.
 */
export async function createRoomWithBranches(services: Services, main: NewRoom, branches: readonly NewRoom[], at = Date.now()): Promise<{ main: RoomRow; branches: RoomRow[] }> {
  return services.transaction(async (tx) => {
    const mainRoom = await tx.rooms.create(main, at);
    const made: RoomRow[] = [];
    for (const [i, b] of branches.entries()) {
      const branch = await tx.rooms.create(b, at);
      await tx.branches.link(mainRoom, branch, i + 1);
      made.push(branch);
    }
    return { main: mainRoom, branches: made };
  });
}
