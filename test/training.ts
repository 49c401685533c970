import type { TestEnv } from './harness.js';
import type { TenantCredentials } from '../src/dialects/provision.js';
import type { RoomRow } from '../src/storage/schema.js';

/** Gensee Training paths. */
export const TRAINING = '/integration/site/training';

/**
 * A training room of the tenant, owned by `owner` (a login name; default the site admin), made
 * through the core services until the Training room endpoints exist.
 */
export async function trainingRoom(env: TestEnv, creds: TenantCredentials, title: string, opts: { owner?: string; scheduledStart?: number } = {}): Promise<RoomRow> {
  const owner = await env.services.users.getByLogin(creds.tenant.id, opts.owner ?? creds.gensee.loginName);
  return env.services.rooms.create({ tenantId: creds.tenant.id, kind: 'interactive_class', title, ownerUserId: owner.id, scheduledStart: opts.scheduledStart ?? null });
}

/** Runs one class of the room from `start` for `minutes` and records it, as the live runtime will. */
export async function recordClass(env: TestEnv, room: RoomRow, start: number, minutes: number, size: number) {
  await env.services.ingestion.startSession(room, start);
  const session = (await env.services.ingestion.endSession(room, start + minutes * 60_000))!;
  const fresh = (await env.services.rooms.find(room.tenant_id, { id: room.id }))!;
  return { session, ...(await env.services.media.recordSession({ room: fresh, session, size })) };
}
