import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { parseJsonObject } from './json.js';
import type { ParticipantRole } from './ingestion.js';

/**
 * Participation property the live runtime sets for someone who is in the room without being shown
 * in it (an invisible observer): counted as present, left out of the audience figure people see.
 */
export const HIDDEN_PARTICIPATION = 'hidden';

/** Who is in a room right now, and whether class is on: read from open sessions and participations. */
export interface RoomPresence {
  /** A live session is open (class has started and not ended). */
  inClass: boolean;
  /** Different people with an open participation. */
  present: number;
  /** Of those, the people shown to the room (not hidden). */
  shown: number;
  /** Roles held by the people present (each role once). */
  roles: Set<ParticipantRole>;
}

export class PresenceQueries {
  constructor(private readonly db: Kysely<Database>) {}

  async ofRoom(roomId: number): Promise<RoomPresence> {
    const open = await this.db.selectFrom('live_sessions').select('id').where('room_id', '=', roomId).where('ended_at', 'is', null).limit(1).executeTakeFirst();
    // Uses the participations_open index (room, participant, left_at); a room holds at most its audience.
    const rows = await this.db.selectFrom('participations').select(['participant_id', 'role', 'properties'])
      .where('room_id', '=', roomId).where('left_at', 'is', null).execute();
    const people = new Map<number, boolean>();
    const roles = new Set<ParticipantRole>();
    for (const r of rows) {
      const hidden = parseJsonObject(r.properties)[HIDDEN_PARTICIPATION] === true;
      // Someone with two open intervals (a race between two joins) is one person, shown if either is.
      people.set(r.participant_id, (people.get(r.participant_id) ?? false) || !hidden);
      roles.add(r.role as ParticipantRole);
    }
    let shown = 0;
    for (const visible of people.values()) if (visible) shown++;
    return { inClass: open !== undefined, present: people.size, shown, roles };
  }
}
