import { WEBCAST_PREFIX, type WebcastEndpoint } from './context.js';
import { createWebcast, webcastSettingInfo } from './handlers/webcasts.js';

/**
 * Gensee Webcast endpoint table (catalog §2), in the document's order. Paths are
 * `/integration/site` + the documented path; every endpoint takes GET and POST (field notes 2).
 */
export const WEBCAST_ENDPOINTS: WebcastEndpoint[] = [
  // --- users (5.1–5.3) ---
  // --- webcast lifecycle (5.4–5.9, 5.22) ---
  { path: `${WEBCAST_PREFIX}/created`, role: 'organizer', summary: '5.4 Create a webcast; returns its join URLs', handle: createWebcast },
  { path: `${WEBCAST_PREFIX}/setting/info`, role: 'organizer', summary: "5.8 Get a webcast's settings", handle: webcastSettingInfo },
  // --- attachments and player (5.11, 5.12, 5.29) ---
  // --- VOD, recordings, warm-up, insert-play, documents (5.10, 5.18–5.21, 5.23–5.28, 5.30–5.33) ---
  // --- exports (5.13–5.17, 5.34, 5.35) ---
];
