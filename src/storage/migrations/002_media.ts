import type { Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema

/**
 * Media library: which recordings a room may insert-play (a many-to-many link; a room property list
 * would need read-modify-write and could not be indexed from the recording side), and the indexes
 * the VOD listings page through (by room, by source, published only) and the lookups by recording,
 * so no listing or lookup scans a table.
 */
export async function up(db: AnyDb, postgres: boolean): Promise<void> {
  const table = db.schema.createTable('room_recordings');
  await (postgres
    ? table.addColumn('id', 'bigserial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('room_id', 'bigint', (c) => c.notNull())
    .addColumn('recording_id', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('bound_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('room_recordings_once', ['room_id', 'recording_id', 'kind'])
    .execute();
  await db.schema.createIndex('room_recordings_recording').on('room_recordings').columns(['recording_id']).execute();

  await db.schema.createIndex('vods_recording').on('vods').columns(['recording_id']).execute();
  await db.schema.createIndex('vods_room_created').on('vods').columns(['room_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('vods_tenant_source_created').on('vods').columns(['tenant_id', 'source', 'created_at', 'id']).execute();
  await db.schema.createIndex('vods_tenant_published_created').on('vods').columns(['tenant_id', 'published', 'created_at', 'id']).execute();
  await db.schema.createIndex('vod_views_vod').on('vod_views').columns(['vod_id', 'started_at']).execute();
  await db.schema.createIndex('room_documents_room').on('room_documents').columns(['room_id', 'kind', 'bound_at']).execute();
}
