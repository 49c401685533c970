import { WEBCAST_PREFIX, type WebcastEndpoint } from './context.js';
import { createWebcast, webcastSettingInfo } from './handlers/webcasts.js';

/**
 * Gensee Webcast endpoint table (catalog §2). Paths are `/integration/site` + the documented path;
 * every endpoint takes GET and POST (field notes 2).
 */
export const WEBCAST_ENDPOINTS: WebcastEndpoint[] = [
  { path: `${WEBCAST_PREFIX}/created`, role: 'organizer', summary: '5.4 Create a webcast; returns its join URLs', handle: createWebcast },
  { path: `${WEBCAST_PREFIX}/setting/info`, role: 'organizer', summary: "5.8 Get a webcast's settings", handle: webcastSettingInfo },
];
