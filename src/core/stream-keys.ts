import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, RoomRow } from '../storage/schema.js';
import { randomSecret } from './ids.js';
import { sameDigest } from './crypto.js';
import { withUniqueRetry } from './transactions.js';

/** The pass kind holding a room's stream secret: one per room, unique index of migration 007. */
export const STREAM_KEY = 'stream_key';

/**
 * Push URLs of a push-stream room carry a signed, expiring key: `/<app>/<signature>/<expiry
 * hex>/<stream>`, where the signature is an HMAC-SHA256 (first 32 hex digits) of
 * `<stream>/<expiry hex>` under the room's stream secret. The media server that takes the push
 * checks it with `verifyPushKey`.
 */
export function signPushKey(secret: string, stream: string, expiresAtSeconds: number): string {
  return createHmac('sha256', secret).update(`${stream}/${expiresAtSeconds.toString(16)}`).digest('hex').slice(0, 32);
}

export function verifyPushKey(secret: string, stream: string, expiryHex: string, signature: string, now = Date.now()): boolean {
  if (!/^[0-9a-f]{1,12}$/.test(expiryHex)) return false;
  const expiresAt = parseInt(expiryHex, 16);
  if (expiresAt * 1000 < now) return false;
  return sameDigest(signature.toLowerCase(), signPushKey(secret, stream, expiresAt));
}

/** Each room's stream secret (what signs its push URLs). */
export class StreamKeys {
  constructor(private readonly db: Kysely<Database>) {}

  /** The room's secret; a room without one yet gets one (concurrent first uses agree on one). */
  async secretOf(room: RoomRow, now = Date.now()): Promise<string> {
    return withUniqueRetry(this.db, async () => {
      const row = await this.db.selectFrom('room_passes').select('secret').where('room_id', '=', room.id).where('kind', '=', STREAM_KEY).executeTakeFirst();
      if (row?.secret) return row.secret;
      const secret = randomSecret(24);
      await this.db.insertInto('room_passes').values({
        tenant_id: room.tenant_id, room_id: room.id, role: 'host', code: null, secret, user_number: null, user_name: null, user_avatar: null, kind: STREAM_KEY, group_id: null, created_at: now,
      }).execute();
      return secret;
    });
  }
}
