import type { JoinLinkShape } from '../../live/join-links.js';
import type { TrainingContext } from './context.js';

/**
 * A Training join link: this server's classroom entry for one join code. A code resolves to one
 * (room, role) — a role code of the room, or a group's student code — so each role's link differs
 * and cannot be derived from the room's id or number.
 */
export function joinUrl(ctx: Pick<TrainingContext, 'config' | 'req'>, code: string): string {
  return `${ctx.config.publicUrl ?? ctx.req.origin}/training/join/${code}`;
}

/**
 * The live runtime's Training links: `/training/join/{code}` (what room/info hands out: the code
 * decides room and role), and the older `/training/site/s/{number}`, where the token decides the
 * role (teacher token → teacher, assistant token → assistant, student token or none → student).
 * A deleted room's links lead nowhere (the live entry answers 404).
 */
export const trainingJoinLinks: readonly JoinLinkShape[] = [
  {
    path: '/training/join/:code',
    async resolve(_services, { params }) {
      // Entered as `/enter` enters a code: role, personal and group codes alike.
      return { code: params.code };
    },
  },
  {
    path: '/training/site/s/:number',
    async resolve(services, { params, query }) {
      if (!/^\d{8}$/.test(params.number)) return { notFound: true };
      const room = await services.rooms.findAnyTenant({ number: params.number });
      if (!room) return { notFound: true };
      const tokens = await services.passes.roleTokens(room);
      const given = (query.token ?? '');
      if (given && given === tokens.host) return { room, role: 'host' };
      if (given && given === tokens.assistant) return { room, role: 'assistant' };
      if (tokens.student === null ? given === '' : given === tokens.student) return { room, role: 'student' };
      return { badToken: true };
    },
  },
];
