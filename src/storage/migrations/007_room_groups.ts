import { sql, type Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema

/**
 * Groups of a room (a large class split into groups, each with its own assistant and, in the
 * big/small-class form, its own small classroom), and the uniqueness rules of the passes that are
 * not role passes:
 * - a personal code per (room, user number): asking again for the same user gives the same code;
 * - one code per (room, group, role) for group codes;
 * - one stream key per room (the secret that signs its push URLs).
 */
export async function up(db: AnyDb, postgres: boolean): Promise<void> {
  const table = db.schema.createTable('room_groups');
  await (postgres
    ? table.addColumn('id', 'bigserial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('room_id', 'bigint', (c) => c.notNull().references('rooms.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('sub_room_id', 'bigint', (c) => c.references('rooms.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('room_groups_room_number', ['room_id', 'number'])
    .execute();
  await db.schema.createIndex('room_groups_sub_room').on('room_groups').columns(['sub_room_id']).execute();

  const partial = (kind: string) => sql<boolean>`kind = ${sql.lit(kind)}`;
  await db.schema.createIndex('room_passes_personal').on('room_passes').columns(['room_id', 'user_number']).unique().where(partial('personal_code')).execute();
  await db.schema.createIndex('room_passes_group').on('room_passes').columns(['room_id', 'group_id', 'role']).unique().where(partial('group_code')).execute();
  await db.schema.createIndex('room_passes_stream').on('room_passes').columns(['room_id']).unique().where(partial('stream_key')).execute();
}
