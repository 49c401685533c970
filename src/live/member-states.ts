import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

/** What the room's hosts decided about one person (live_member_states, written by ClassroomIngestion). */
export interface MemberState {
  muted: boolean;
  removed: boolean;
  /** The single-session entry holding the place (see TicketClaims.entry). */
  entry: string | null;
}

const NOTHING: MemberState = { muted: false, removed: false, entry: null };

/** When a single-session entry was made: the epoch ms before its dot. */
export function entryTime(entry: string): number {
  const at = Number(entry.split('.')[0]);
  return Number.isSafeInteger(at) ? at : 0;
}

/** Reads and claims the per-person state of live rooms, found by the identity key tickets carry. */
export class MemberStates {
  constructor(private readonly db: Kysely<Database>) {}

  /** The state of the person with identity `key` in the room; a person never seen there has none. */
  async of(tenantId: string, roomId: number, key: string): Promise<MemberState & { participantId: number | null }> {
    const row = await this.db.selectFrom('participants')
      .leftJoin('live_member_states', (j) => j.onRef('live_member_states.participant_id', '=', 'participants.id').on('live_member_states.room_id', '=', roomId))
      .select(['participants.id', 'live_member_states.muted', 'live_member_states.removed_at', 'live_member_states.entry_id'])
      .where('participants.tenant_id', '=', tenantId).where('participants.external_key', '=', key).executeTakeFirst();
    if (!row) return { ...NOTHING, participantId: null };
    return { participantId: Number(row.id), muted: Number(row.muted ?? 0) === 1, removed: row.removed_at != null, entry: row.entry_id ?? null };
  }

  /**
   * A single-session entry takes the person's place unless a later entry holds it already.
   * Returns false when `entry` is older than the holder's (its connections are refused).
   */
  async claim(tenantId: string, roomId: number, participantId: number, entry: string, now = Date.now()): Promise<boolean> {
    const current = await this.db.selectFrom('live_member_states').select('entry_id')
      .where('room_id', '=', roomId).where('participant_id', '=', participantId).executeTakeFirst();
    const held = current?.entry_id ?? null;
    if (held === entry) return true;
    if (held !== null && entryTime(held) > entryTime(entry)) return false;
    await this.db.insertInto('live_member_states')
      .values({ room_id: roomId, participant_id: participantId, tenant_id: tenantId, muted: 0, removed_at: null, entry_id: entry, updated_at: now })
      .onConflict((oc) => oc.columns(['room_id', 'participant_id']).doUpdateSet({ entry_id: entry, updated_at: now }))
      .execute();
    return true;
  }
}
