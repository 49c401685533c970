import type { RoomRow } from '../storage/schema.js';
import { GROUP_CODE } from './room-groups.js';
import type { Services } from './services.js';

/**
 * Deletes rooms together with what hangs off them, in the caller's transaction: whoever is inside
 * leaves and an open session ends; the warm-up, relay links (both ways), groups with their join
 * passes, roster and branch links go; the room itself is soft-deleted. Recorded history (sessions,
 * activity, recordings) is kept, as every delete in Lectern keeps it.
 */
export async function removeRooms(tx: Services, rooms: readonly RoomRow[], at = Date.now()): Promise<void> {
  if (rooms.length === 0) return;
  const ids = rooms.map((r) => r.id);
  for (const room of rooms) await tx.ingestion.endSession(room, at);
  const db = tx.db;
  await db.deleteFrom('room_warmups').where('room_id', 'in', ids).execute();
  await db.deleteFrom('room_relays').where((eb) => eb.or([eb('room_id', 'in', ids), eb('source_room_id', 'in', ids)])).execute();
  await db.deleteFrom('room_roster').where('room_id', 'in', ids).execute();
  await db.deleteFrom('room_passes').where('room_id', 'in', ids).where('kind', '=', GROUP_CODE).execute();
  await db.deleteFrom('room_groups').where('room_id', 'in', ids).execute();
  await db.deleteFrom('room_branches').where((eb) => eb.or([eb('branch_room_id', 'in', ids), eb('main_room_id', 'in', ids)])).execute();
  for (const room of rooms) await tx.rooms.softDelete(room, at);
}
