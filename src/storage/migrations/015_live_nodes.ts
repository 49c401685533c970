import type { Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema

/**
 * Leases of the live processes: each process holding WebSocket connections keeps a row here and
 * renews `expires_at` every few seconds; the participations it opened carry its `node_id`. A
 * process whose lease expired is dead: any live process closes its open participations at the
 * lease's expiry (presence is per process, so no one else would ever close them).
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.createTable('live_nodes')
    .addColumn('node_id', 'text', (c) => c.primaryKey())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('participations').addColumn('node_id', 'text').execute();
  await db.schema.createIndex('participations_open_by_node').on('participations').columns(['node_id', 'left_at']).execute();
}
