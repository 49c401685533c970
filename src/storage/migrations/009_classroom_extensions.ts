import type { CreateTableBuilder, Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema

/**
 * What hangs off a room besides its sessions and media:
 * - warm-up items (a recording played, in a player mode, before class starts) and the one a room shows;
 * - relay sources: other rooms of the site whose class a room may rebroadcast;
 * - branch rooms: classrooms that follow a main room's lecture, each with its own tutor and students;
 * - a name for a room's groups (migration 007 made them), and the room's roster: the students
 *   expected in it, by the user number they join with, and their group.
 * Every link is its own row (not a room property) so it can be indexed from both ends and changed
 * without a read-modify-write of the room.
 */
export async function up(db: AnyDb, postgres: boolean): Promise<void> {
  const withId = <T extends string>(t: CreateTableBuilder<T, never>) => postgres
    ? t.addColumn('id', 'bigserial', (c) => c.primaryKey())
    : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());

  await withId(db.schema.createTable('warmups'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('public_id', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('recording_id', 'bigint', (c) => c.notNull())
    .addColumn('mode', 'integer', (c) => c.notNull())
    .addColumn('owner_user_id', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('warmups_recording').on('warmups').columns(['recording_id']).execute();

  await db.schema.createTable('room_warmups')
    .addColumn('room_id', 'bigint', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('warmup_id', 'bigint', (c) => c.notNull())
    .addColumn('bound_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('room_warmups_warmup').on('room_warmups').columns(['warmup_id']).execute();

  await withId(db.schema.createTable('room_relays'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('room_id', 'bigint', (c) => c.notNull())
    .addColumn('source_room_id', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('room_relays_once', ['room_id', 'source_room_id'])
    .execute();
  await db.schema.createIndex('room_relays_source').on('room_relays').columns(['source_room_id']).execute();

  await db.schema.createTable('room_branches')
    .addColumn('branch_room_id', 'bigint', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('main_room_id', 'bigint', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('room_branches_main').on('room_branches').columns(['main_room_id', 'position']).execute();

  // Groups are migration 007's; Training names them.
  await db.schema.alterTable('room_groups').addColumn('name', 'text').execute();

  await withId(db.schema.createTable('room_roster'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('room_id', 'bigint', (c) => c.notNull())
    .addColumn('user_number', 'bigint', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('group_id', 'bigint')
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('room_roster_student', ['room_id', 'user_number'])
    .execute();
  await db.schema.createIndex('room_roster_group').on('room_roster').columns(['group_id']).execute();
}
