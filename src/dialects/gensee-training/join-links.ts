import type { JoinLinkShape } from '../../live/join-links.js';
import { linkToken } from '../../live/join-links.js';

/**
 * `/training/site/s/{number}` is both the teacher's and the students' link (room/info): the token
 * decides the role, as on Gensee — the teacher token makes a teacher, the assistant token an
 * assistant, the student token (or none, when the room has no student token) a student.
 */
export const trainingJoinLinks: readonly JoinLinkShape[] = [
  {
    path: '/training/site/s/:number',
    async resolve(services, { params, query }) {
      if (!/^\d{8}$/.test(params.number)) return { notFound: true };
      const room = await services.rooms.findAnyTenant({ number: params.number });
      if (!room) return { notFound: true };
      const tokens = await services.passes.roleTokens(room);
      const given = linkToken(query);
      if (given && given === tokens.host) return { room, role: 'host' };
      if (given && given === tokens.assistant) return { room, role: 'assistant' };
      if (tokens.student === null ? given === '' : given === tokens.student) return { room, role: 'student' };
      return { badToken: true };
    },
  },
];
