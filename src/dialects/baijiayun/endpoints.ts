import { BAIJIAYUN_PREFIX, type BaijiayunEndpoint } from './context.js';
import { createKey } from './handlers/partner.js';
import { createRoom, listRooms, roomInfo } from './handlers/rooms.js';

/** Baijiayun endpoint table (catalog §2). Every endpoint takes GET and POST. */
// `satisfies`, not a type annotation: rows keep their literal paths and input types for the typed clients.
export const BAIJIAYUN_ENDPOINTS = [
  { path: `${BAIJIAYUN_PREFIX}/partner/createkey`, auth: 'secret_key', summary: '1 Get or regenerate the partner_key (authenticated by secret_key)', handle: createKey },
  { path: `${BAIJIAYUN_PREFIX}/room/create`, summary: '2 Create a room; returns room_id and the role codes', handle: createRoom },
  { path: `${BAIJIAYUN_PREFIX}/room/info`, summary: '5 Get room info', handle: roomInfo },
  { path: `${BAIJIAYUN_PREFIX}/room/list`, summary: "9 List the account's rooms (paged)", handle: listRooms },
] satisfies BaijiayunEndpoint[];
