import type { LiveSessionRow, RoomRow } from '../../storage/schema.js';
import { roomProperties } from '../../core/rooms.js';

/** A long-term room holds many classes; any other room is one class. */
export function isLongTerm(room: RoomRow): boolean {
  const v = roomProperties(room).is_long_term;
  return v === 1 || v === '1';
}

/**
 * Baijiayun's `session_id` of a class: 0 for a room that is not long-term (catalog §1.11: "0 for
 * short-term courses"); for a long-term room, the class's start in unix seconds (unique within the
 * room, as the vendor's own session ids in its examples are).
 */
export function baijiayunSessionId(room: RoomRow, session: LiveSessionRow | null): number {
  if (!isLongTerm(room) || !session) return 0;
  return Math.floor(session.started_at / 1000);
}
