import type { JoinLinkShape } from '../../live/join-links.js';

/**
 * Baijiayun's documented entry page, `/web/room/prepare?room_id=…&code=…` (the URL group-live codes
 * come with, API 31/32): the code enters as it does at `/enter`, and must be a code of that room.
 */
export const baijiayunJoinLinks: readonly JoinLinkShape[] = [
  {
    path: '/web/room/prepare',
    async resolve(_services, { query }) {
      const code = query.code ?? '';
      const roomId = query.room_id ?? '';
      if (!code || !/^\d{1,20}$/.test(roomId)) return { notFound: true };
      return { code, room: { numericId: roomId } };
    },
  },
];
