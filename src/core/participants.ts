import type { Kysely } from 'kysely';
import type { Database, ParticipantRow } from '../storage/schema.js';
import { randomHex, isUniqueViolation } from './ids.js';
import { withUniqueRetry } from './transactions.js';

export type ParticipantRole = 'host' | 'assistant' | 'speaker' | 'student' | 'attendee';

/** Who someone in a classroom is: a stable key within the tenant, and how they are shown. */
export interface ParticipantIdentity {
  /** e.g. `user:12` for a site user, `number:1001` for a partner's user number, `guest:<random>`. */
  key: string;
  name: string;
  userId?: number | null;
  userNumber?: number | null;
  avatar?: string | null;
}

export class ParticipantService {
  constructor(private readonly db: Kysely<Database>) {}

  /** The participant for this identity, created on first sight; the display name follows the latest one used. */
  async resolve(tenantId: string, who: ParticipantIdentity, now = Date.now()): Promise<ParticipantRow> {
    const existing = await this.byKey(tenantId, who.key);
    if (existing) {
      if (existing.name !== who.name && who.name) {
        await this.db.updateTable('participants').set({ name: who.name }).where('id', '=', existing.id).execute();
        return { ...existing, name: who.name };
      }
      return existing;
    }
    try {
      return await withUniqueRetry(this.db, () => this.db.insertInto('participants').values({
        tenant_id: tenantId,
        viewer_id: randomHex(32),
        external_key: who.key,
        user_id: who.userId ?? null,
        user_number: who.userNumber ?? null,
        name: who.name,
        avatar: who.avatar ?? null,
        created_at: now,
      }).returningAll().executeTakeFirstOrThrow());
    } catch (err) {
      // Another request created the same identity at the same moment.
      if (isUniqueViolation(err)) {
        const row = await this.byKey(tenantId, who.key);
        if (row) return row;
      }
      throw err;
    }
  }

  byKey(tenantId: string, key: string): Promise<ParticipantRow | undefined> {
    return this.db.selectFrom('participants').selectAll().where('tenant_id', '=', tenantId).where('external_key', '=', key).executeTakeFirst();
  }

  byId(tenantId: string, id: number): Promise<ParticipantRow | undefined> {
    return this.db.selectFrom('participants').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  }
}
