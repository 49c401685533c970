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

/** Reads the per-person state of live rooms, found by the identity key tickets carry (ClassroomIngestion writes it). */
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
}
