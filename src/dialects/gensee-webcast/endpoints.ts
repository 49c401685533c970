import { WEBCAST_PREFIX, webcastEndpoint, type WebcastEndpoint } from './context.js';
import { attachDocument, detachDocument, DOCUMENT_INPUT, syncDocuments } from './handlers/documents.js';
import { CASTMAKER_INPUT, SYNC_INPUT } from './handlers/media-view.js';
import { PLAYER_INPUT, setupPlayer } from './handlers/player.js';
import { CHOOSE_INPUT, chooseInsertPlay, REMOVE_INPUT, removeInsertPlay, syncRecordings, webcastRecordInfo } from './handlers/recordings.js';
import {
  attachWarmup, castmakerPage, detachWarmup, exportVodHistory, publishVod, syncVods, unpublishVod, updateVod, VOD_HISTORY_INPUT, VOD_ID_INPUT, VOD_UPDATE_INPUT, WARMUP_INPUT,
} from './handlers/vods.js';
import {
  CREATE_WEBCAST_INPUT, createWebcast, deleteWebcast, finishWebcast, listOngoingWebcasts, listWebcasts, ONGOING_INPUT, PAGE_INPUT, UPDATE_WEBCAST_INPUT, updateWebcast,
  WEBCAST_ID_INPUT, webcastSettingInfo,
} from './handlers/webcasts.js';
import { changeUserStatus, CREATE_USER_INPUT, createUser, UPDATE_USER_INPUT, updateUser, USER_STATUS_INPUT } from './handlers/users.js';
import { ATTACH_INPUT, attachFiles, DETACH_INPUT, detachFiles } from './handlers/attachments.js';
import { EXPORT_INPUT, exportChat, exportHistory, exportQa, exportRollcalls, exportSurveys, exportUsage, exportVotes, USAGE_INPUT } from './handlers/exports/index.js';

/**
 * Gensee Webcast endpoint table (catalog §2), in the document's order. Paths are
 * `/integration/site` + the documented path; every endpoint takes GET and POST (field notes 2).
 */
// `satisfies`, not a type annotation: rows keep their literal paths and input types for the typed clients.
export const WEBCAST_ENDPOINTS = [
  // --- users (5.1–5.3) ---
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/user/created`, role: 'admin', summary: '5.1 Create a site user with a role', input: CREATE_USER_INPUT, handle: createUser }),
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/user/update`, role: 'admin', summary: '5.2 Update a user found by login name (profile, password, role)', input: UPDATE_USER_INPUT, handle: updateUser }),
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/user/change`, role: 'admin', summary: '5.3 Enable or disable a user', input: USER_STATUS_INPUT, handle: changeUserStatus }),
  // --- webcast lifecycle (5.4–5.9, 5.22) ---
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/created`, role: 'organizer', summary: '5.4 Create a webcast; returns its join URLs', input: CREATE_WEBCAST_INPUT, handle: createWebcast }),
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/update`, role: 'organizer', summary: "5.5 Update a webcast's settings (only what is sent)", input: UPDATE_WEBCAST_INPUT, handle: updateWebcast }),
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/deleted`, role: 'organizer', summary: '5.6 Delete a webcast', input: WEBCAST_ID_INPUT, handle: deleteWebcast }),
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/finish`, role: 'organizer', summary: '5.7 Terminate a webcast for good', input: WEBCAST_ID_INPUT, handle: finishWebcast }),
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/setting/info`, role: 'organizer', summary: "5.8 Get a webcast's settings", input: WEBCAST_ID_INPUT, handle: webcastSettingInfo }),
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/page`, role: 'organizer', summary: '5.9 Paged list of non-terminated webcasts, 50 a page', input: PAGE_INPUT, handle: listWebcasts }),
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/ongoing/page`, role: 'organizer', summary: '5.22 Paged list of webcasts that are live now', input: ONGOING_INPUT, handle: listOngoingWebcasts }),
  // --- attachments and player (5.11, 5.12, 5.29) ---
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/file/attach`, role: 'organizer', summary: '5.11 Add document attachments (URLs) to a webcast', input: ATTACH_INPUT, handle: attachFiles }),
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/file/detach`, role: 'organizer', summary: '5.12 Remove document attachments by URL', input: DETACH_INPUT, handle: detachFiles }),
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/player/setup`, role: 'organizer', summary: '5.29 Set the web player mode of a webcast or a VOD', input: PLAYER_INPUT, handle: setupPlayer }),
  // --- VOD, recordings, warm-up, insert-play, documents (5.10, 5.18–5.21, 5.23–5.28, 5.30–5.33) ---
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/record/info`, role: 'organizer', summary: '5.10 VODs recorded during a webcast', input: WEBCAST_ID_INPUT, handle: webcastRecordInfo }),
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/vod/update`, role: 'organizer', summary: "5.18 Update a VOD's information", input: VOD_UPDATE_INPUT, handle: updateVod }),
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/vod/unpublish`, role: 'organizer', summary: '5.19 Unpublish a published VOD', input: VOD_ID_INPUT, handle: unpublishVod }),
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/vod/publish`, role: 'organizer', summary: '5.20 Publish an unpublished VOD', input: VOD_ID_INPUT, handle: publishVod }),
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/castmaker/page`, role: 'organizer', summary: '5.21 Paged list of uploaded (castmaker) VODs, 50 a page', input: CASTMAKER_INPUT, handle: castmakerPage }),
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/record/sync`, role: 'admin', summary: '5.23 Paged sync of recordings, 50 a page', input: SYNC_INPUT, handle: syncRecordings }),
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/vod/sync`, role: 'admin', summary: '5.24 Paged sync of published VODs, 50 a page', input: SYNC_INPUT, handle: syncVods }),
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/warmup/attach`, role: 'admin', summary: "5.25 Make a VOD the webcast's warm-up", input: WARMUP_INPUT, handle: attachWarmup }),
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/warmup/detach`, role: 'admin', summary: "5.26 Remove the webcast's warm-up", input: WARMUP_INPUT, handle: detachWarmup }),
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/record/choose`, role: 'admin', summary: '5.27 Set recordings as insert-play sources of a webcast', input: CHOOSE_INPUT, handle: chooseInsertPlay }),
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/record/remove`, role: 'admin', summary: '5.28 Remove insert-play recordings from a webcast', input: REMOVE_INPUT, handle: removeInsertPlay }),
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/doc/sync`, role: 'admin', summary: '5.30 Paged sync of server documents, 50 a page', input: SYNC_INPUT, handle: syncDocuments }),
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/doc/attach`, role: 'admin', summary: '5.31 Assign a server document to a webcast', input: DOCUMENT_INPUT, handle: attachDocument }),
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/doc/detach`, role: 'admin', summary: '5.32 Remove a server document from a webcast', input: DOCUMENT_INPUT, handle: detachDocument }),
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/export/vod/history`, role: 'admin', summary: '5.33 Daily VOD access records, 50 a page', input: VOD_HISTORY_INPUT, handle: exportVodHistory }),
  // --- exports (5.13–5.17, 5.34, 5.35) ---
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/export/history`, role: 'organizer', summary: '5.13 Export attendee access history', input: EXPORT_INPUT, handle: exportHistory }),
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/export/vote`, role: 'organizer', summary: '5.14 Export poll results', input: EXPORT_INPUT, handle: exportVotes }),
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/export/survey`, role: 'organizer', summary: '5.15 Export survey results', input: EXPORT_INPUT, handle: exportSurveys }),
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/export/qa`, role: 'organizer', summary: '5.16 Export attendee Q&A', input: EXPORT_INPUT, handle: exportQa }),
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/export/rollcall`, role: 'organizer', summary: '5.17 Export roll-call sign-ins', input: EXPORT_INPUT, handle: exportRollcalls }),
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/export/chat`, role: 'organizer', summary: '5.34 Export public chat', input: EXPORT_INPUT, handle: exportChat }),
  webcastEndpoint({ path: `${WEBCAST_PREFIX}/export/usage`, role: 'admin', summary: '5.35 Export usage sessions (场次)', input: USAGE_INPUT, handle: exportUsage }),
] satisfies WebcastEndpoint[];
