import type { Services } from '../core/services.js';
import type { PassRole } from '../core/passes.js';
import type { RoomRow } from '../storage/schema.js';
import { webcastJoinLinks } from '../dialects/gensee-webcast/join-links.js';
import { trainingJoinLinks } from '../dialects/gensee-training/join-links.js';
import { baijiayunJoinLinks } from '../dialects/baijiayun/join-links.js';

/** What a join link's path and query say, as the route received them. */
export interface JoinLinkRequest {
  params: Record<string, string>;
  query: Record<string, string | undefined>;
}

/**
 * Where a link leads: a room and a role; a join code, entered as `/enter` enters it (`room`: only
 * if the code is that room's); `badToken` when the room exists but the token is wrong.
 */
export type JoinLinkTarget =
  | { room: RoomRow; role: PassRole }
  | { code: string; room?: { numericId: string } }
  | { notFound: true }
  | { badToken: true };

/**
 * One URL shape a dialect hands out as a join link (path shapes are the dialect's business, so each
 * dialect declares its own next to the code that builds the links; the live module serves them).
 */
export interface JoinLinkShape {
  /** Fastify route path, e.g. `/webcast/site/entry/:slug`. */
  path: string;
  /** Which room and role this request opens (a token from the query, if the shape takes one). */
  resolve(services: Services, request: JoinLinkRequest): Promise<JoinLinkTarget>;
}

/** Every dialect's join links (Baijiayun's codes also enter through `/enter`). */
export const JOIN_LINKS: readonly JoinLinkShape[] = [...webcastJoinLinks, ...trainingJoinLinks, ...baijiayunJoinLinks];

/** The token a Gensee-style link carries (`token`), empty when none. */
export const linkToken = (q: JoinLinkRequest['query']) => q.token ?? '';
