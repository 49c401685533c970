import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.js';

const SECRET_NAME = 'admin_token';

const freshToken = () => randomBytes(24).toString('base64url');

/**
 * The operator token stored in `server_secrets`: created by whichever process (server or CLI) asks
 * first, then the same for every process of the deployment. The server reads it on each check, so a
 * rotation by the CLI takes effect at once everywhere.
 */
export async function storedAdminToken(db: Kysely<Database>, now = Date.now()): Promise<string> {
  const read = () => db.selectFrom('server_secrets').select('value').where('name', '=', SECRET_NAME).executeTakeFirst();
  // Read first: this runs on every operator request, and a write would move the read caches' data version.
  const existing = await read();
  if (existing) return existing.value;
  await db.insertInto('server_secrets').values({ name: SECRET_NAME, value: freshToken(), created_at: now })
    .onConflict((oc) => oc.column('name').doNothing()).execute();
  return (await read())!.value;
}

/** Replaces the stored token: the old one, and every session signed with it, stop working. */
export async function rotateAdminToken(db: Kysely<Database>, now = Date.now()): Promise<string> {
  const value = freshToken();
  await db.insertInto('server_secrets').values({ name: SECRET_NAME, value, created_at: now })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value, created_at: now })).execute();
  return value;
}

/** Where the token the server accepts comes from: LECTERN_ADMIN_TOKEN when set, else the stored one. */
export interface AdminTokenSource {
  current(): Promise<string>;
  readonly fromEnvironment: boolean;
}

export function adminTokenSource(db: Kysely<Database>, configured: string | undefined): AdminTokenSource {
  if (configured !== undefined) return { fromEnvironment: true, current: () => Promise.resolve(configured) };
  return { fromEnvironment: false, current: () => storedAdminToken(db) };
}
