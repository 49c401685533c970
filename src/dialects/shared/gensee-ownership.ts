import type { RoomRow } from '../../storage/schema.js';
import type { GenseeContext } from './gensee-auth.js';
import { genseeError } from './gensee-errors.js';

type Caller = Pick<GenseeContext, 'isAdmin' | 'user'>;

/**
 * Gensee's ownership rule (Webcast §2, Training §1.4): an admin acts on everything of its site, an
 * organizer (teacher) only on what it created.
 */
export function mayActOn(ctx: Caller, ownerUserId: number | null): boolean {
  return ctx.isAdmin || ownerUserId === ctx.user.id;
}

/** The owner a listing is narrowed to: nobody for admins, the caller for organizers. */
export function ownerScope(ctx: Caller): number | undefined {
  return ctx.isAdmin ? undefined : ctx.user.id;
}

/**
 * The caller's room (webcast, training room) by its public id. Another owner's room answers 501
 * exactly like a missing or deleted one, so an organizer cannot learn which ids exist.
 */
export async function ownedRoom(ctx: Caller & Pick<GenseeContext, 'services' | 'tenant'>, publicId: string, noun: string): Promise<RoomRow> {
  const room = await ctx.services.rooms.find(ctx.tenant.id, { publicId });
  if (!room || room.deleted_at !== null || !mayActOn(ctx, room.owner_user_id)) throw genseeError('NOT_FOUND', `${noun} "${publicId}" does not exist`);
  return room;
}
