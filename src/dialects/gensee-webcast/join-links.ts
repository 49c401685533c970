import type { JoinLinkShape } from '../../live/join-links.js';
import { webcastSettings } from './webcast-view.js';

const ATTENDEE = /^join-([0-9a-f]{32})$/i;
const PANELIST = /^live-([0-9a-f]{32})$/i;
const ORGANIZER = /^organizer-(\d{8})-([0-9a-f-]{8,64})$/i;

/**
 * The three links of `joinUrls` (webcast-view.ts). The attendee and panelist links name the webcast
 * by id and take the role's token as `?token=` (an attendee needs none when the webcast has no
 * attendee token); the organizer link carries the webcast's secret organizer key, which is enough.
 */
export const webcastJoinLinks: readonly JoinLinkShape[] = [
  {
    path: '/webcast/site/entry/:slug',
    async resolve(services, { params, query }) {
      const attendee = ATTENDEE.exec(params.slug);
      const panelist = PANELIST.exec(params.slug);
      const publicId = attendee?.[1] ?? panelist?.[1];
      if (!publicId) return { notFound: true };
      const room = await services.rooms.findAnyTenant({ publicId });
      if (!room) return { notFound: true };
      const tokens = await services.passes.roleTokens(room);
      const given = (query.token ?? '');
      if (attendee) return tokens.student === null || tokens.student === given ? { room, role: 'student' } : { badToken: true };
      return tokens.assistant === given ? { room, role: 'assistant' } : { badToken: true };
    },
  },
  {
    path: '/webcast/site/live/:slug',
    async resolve(services, { params }) {
      const m = ORGANIZER.exec(params.slug);
      if (!m) return { notFound: true };
      const room = await services.rooms.findAnyTenant({ number: m[1] });
      if (!room) return { notFound: true };
      return webcastSettings(room).organizerKey === m[2] ? { room, role: 'host' } : { badToken: true };
    },
  },
];
