import type { Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema

/**
 * Secrets every process of one deployment shares (e.g. the key that signs live-room entry
 * tickets): created once by whichever process needs one first, then read by all. A row per name.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.createTable('server_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}
