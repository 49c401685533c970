import type { TrainingContext } from './context.js';

/**
 * A Training join link: this server's classroom entry for one join code. A code resolves to one
 * (room, role) — a role code of the room, or a group's student code — so each role's link differs
 * and cannot be derived from the room's id or number.
 */
export function joinUrl(ctx: Pick<TrainingContext, 'config' | 'req'>, code: string): string {
  return `${ctx.config.publicUrl ?? ctx.req.origin}/training/join/${code}`;
}
