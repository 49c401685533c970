import type { Services } from '../core/services.js';
import type { RoomKey } from '../core/rooms.js';

/** How a room is named on the command line: its Baijiayun `room_id` or its Gensee id (or number). */
export function roomKeyOf(text: string): Exclude<RoomKey, { id: number }> {
  const t = text.trim();
  if (/^\d{14}$/.test(t)) return { numericId: t };
  if (/^[0-9a-fA-F]{32}$/.test(t)) return { publicId: t.toLowerCase() };
  if (/^\d{8}$/.test(t)) return { number: t };
  throw new Error(`--room must be a Baijiayun room_id (14 digits), a Gensee id (32 hex digits) or a Gensee number (8 digits), got "${text}"`);
}

/**
 * The teacher and student codes of a room of any tenant, read from the server's own database: only
 * someone who can open that database (on the server host) gets them this way, so the simulator
 * needs no tenant credentials and the server no new route that hands out codes.
 */
export async function roomCodes(services: Services, roomText: string): Promise<{ teacher: string; student: string; publicId: string }> {
  const room = await services.rooms.findAnyTenant(roomKeyOf(roomText));
  if (!room || room.deleted_at !== null) throw new Error(`no room has the id "${roomText}"`);
  const codes = await services.passes.roleCodes(room);
  return { teacher: codes.host, student: codes.student, publicId: room.public_id };
}
