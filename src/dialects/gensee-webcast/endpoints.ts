import { WEBCAST_PREFIX, webcastEndpoint, type WebcastEndpoint } from './context.js';
import { attachDocument, detachDocument, syncDocuments } from './handlers/documents.js';
import { setupPlayer } from './handlers/player.js';
import { chooseInsertPlay, removeInsertPlay, syncRecordings, webcastRecordInfo } from './handlers/recordings.js';
import { attachWarmup, castmakerPage, detachWarmup, exportVodHistory, publishVod, syncVods, unpublishVod, updateVod } from './handlers/vods.js';
import { CREATE_PARAMS, createWebcast, deleteWebcast, finishWebcast, listOngoingWebcasts, listWebcasts, ONGOING_PARAMS, PAGE_PARAMS, UPDATE_PARAMS, updateWebcast, WEBCAST_ID_PARAMS, webcastSettingInfo } from './handlers/webcasts.js';
import { changeUserStatus, CREATE_USER_INPUT, createUser, UPDATE_USER_INPUT, updateUser, USER_STATUS_INPUT } from './handlers/users.js';
import { ATTACH_PARAMS, attachFiles, DETACH_PARAMS, detachFiles } from './handlers/attachments.js';
import { EXPORT_PARAMS, exportChat, exportHistory, exportQa, exportRollcalls, exportSurveys, exportUsage, exportVotes } from './handlers/exports/index.js';

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
  { path: `${WEBCAST_PREFIX}/created`, role: 'organizer', summary: '5.4 Create a webcast; returns its join URLs', params: CREATE_PARAMS, handle: createWebcast },
  { path: `${WEBCAST_PREFIX}/update`, role: 'organizer', summary: "5.5 Update a webcast's settings (only what is sent)", params: UPDATE_PARAMS, handle: updateWebcast },
  { path: `${WEBCAST_PREFIX}/deleted`, role: 'organizer', summary: '5.6 Delete a webcast', params: WEBCAST_ID_PARAMS, handle: deleteWebcast },
  { path: `${WEBCAST_PREFIX}/finish`, role: 'organizer', summary: '5.7 Terminate a webcast for good', params: WEBCAST_ID_PARAMS, handle: finishWebcast },
  { path: `${WEBCAST_PREFIX}/setting/info`, role: 'organizer', summary: "5.8 Get a webcast's settings", params: WEBCAST_ID_PARAMS, handle: webcastSettingInfo },
  { path: `${WEBCAST_PREFIX}/page`, role: 'organizer', summary: '5.9 Paged list of non-terminated webcasts, 50 a page', params: PAGE_PARAMS, handle: listWebcasts },
  { path: `${WEBCAST_PREFIX}/ongoing/page`, role: 'organizer', summary: '5.22 Paged list of webcasts that are live now', params: ONGOING_PARAMS, handle: listOngoingWebcasts },
  // --- attachments and player (5.11, 5.12, 5.29) ---
  { path: `${WEBCAST_PREFIX}/file/attach`, role: 'organizer', summary: '5.11 Add document attachments (URLs) to a webcast', params: ATTACH_PARAMS, handle: attachFiles },
  { path: `${WEBCAST_PREFIX}/file/detach`, role: 'organizer', summary: '5.12 Remove document attachments by URL', params: DETACH_PARAMS, handle: detachFiles },
  { path: `${WEBCAST_PREFIX}/player/setup`, role: 'organizer', summary: '5.29 Set the web player mode of a webcast or a VOD', params: ['id', 'live', 'mode', 'mobileMode', 'padMode', 'autoPlay', 'video', 'showWindow'], handle: setupPlayer },
  // --- VOD, recordings, warm-up, insert-play, documents (5.10, 5.18–5.21, 5.23–5.28, 5.30–5.33) ---
  { path: `${WEBCAST_PREFIX}/record/info`, role: 'organizer', summary: '5.10 VODs recorded during a webcast', params: ['webcastId'], handle: webcastRecordInfo },
  { path: `${WEBCAST_PREFIX}/vod/update`, role: 'organizer', summary: "5.18 Update a VOD's information", params: ['id', 'subject', 'speakerInfo', 'agenda', 'description', 'loginRequired', 'opened', 'vodPassword', 'pwdRequired', 'skin'], handle: updateVod },
  { path: `${WEBCAST_PREFIX}/vod/unpublish`, role: 'organizer', summary: '5.19 Unpublish a published VOD', params: ['vodId'], handle: unpublishVod },
  { path: `${WEBCAST_PREFIX}/vod/publish`, role: 'organizer', summary: '5.20 Publish an unpublished VOD', params: ['vodId'], handle: publishVod },
  { path: `${WEBCAST_PREFIX}/castmaker/page`, role: 'organizer', summary: '5.21 Paged list of uploaded (castmaker) VODs, 50 a page', params: ['pageNo', 'startTime', 'endTime'], handle: castmakerPage },
  { path: `${WEBCAST_PREFIX}/record/sync`, role: 'admin', summary: '5.23 Paged sync of recordings, 50 a page', params: ['pageNo', 'startTime', 'endTime'], handle: syncRecordings },
  { path: `${WEBCAST_PREFIX}/vod/sync`, role: 'admin', summary: '5.24 Paged sync of published VODs, 50 a page', params: ['pageNo', 'startTime', 'endTime'], handle: syncVods },
  { path: `${WEBCAST_PREFIX}/warmup/attach`, role: 'admin', summary: "5.25 Make a VOD the webcast's warm-up", params: ['webcastId', 'vodId'], handle: attachWarmup },
  { path: `${WEBCAST_PREFIX}/warmup/detach`, role: 'admin', summary: "5.26 Remove the webcast's warm-up", params: ['webcastId', 'vodId'], handle: detachWarmup },
  { path: `${WEBCAST_PREFIX}/record/choose`, role: 'admin', summary: '5.27 Set recordings as insert-play sources of a webcast', params: ['webcastId', 'recordId'], handle: chooseInsertPlay },
  { path: `${WEBCAST_PREFIX}/record/remove`, role: 'admin', summary: '5.28 Remove insert-play recordings from a webcast', params: ['webcastId', 'recordid'], handle: removeInsertPlay },
  { path: `${WEBCAST_PREFIX}/doc/sync`, role: 'admin', summary: '5.30 Paged sync of server documents, 50 a page', params: ['pageNo', 'startTime', 'endTime'], handle: syncDocuments },
  { path: `${WEBCAST_PREFIX}/doc/attach`, role: 'admin', summary: '5.31 Assign a server document to a webcast', params: ['webcastId', 'docId'], handle: attachDocument },
  { path: `${WEBCAST_PREFIX}/doc/detach`, role: 'admin', summary: '5.32 Remove a server document from a webcast', params: ['webcastId', 'docId'], handle: detachDocument },
  { path: `${WEBCAST_PREFIX}/export/vod/history`, role: 'admin', summary: '5.33 Daily VOD access records, 50 a page', params: ['pageNo', 'date', 'hour'], handle: exportVodHistory },
  // --- exports (5.13–5.17, 5.34, 5.35) ---
  { path: `${WEBCAST_PREFIX}/export/history`, role: 'organizer', summary: '5.13 Export attendee access history', params: EXPORT_PARAMS, handle: exportHistory },
  { path: `${WEBCAST_PREFIX}/export/vote`, role: 'organizer', summary: '5.14 Export poll results', params: EXPORT_PARAMS, handle: exportVotes },
  { path: `${WEBCAST_PREFIX}/export/survey`, role: 'organizer', summary: '5.15 Export survey results', params: EXPORT_PARAMS, handle: exportSurveys },
  { path: `${WEBCAST_PREFIX}/export/qa`, role: 'organizer', summary: '5.16 Export attendee Q&A', params: EXPORT_PARAMS, handle: exportQa },
  { path: `${WEBCAST_PREFIX}/export/rollcall`, role: 'organizer', summary: '5.17 Export roll-call sign-ins', params: EXPORT_PARAMS, handle: exportRollcalls },
  { path: `${WEBCAST_PREFIX}/export/chat`, role: 'organizer', summary: '5.34 Export public chat', params: EXPORT_PARAMS, handle: exportChat },
  { path: `${WEBCAST_PREFIX}/export/usage`, role: 'admin', summary: '5.35 Export usage sessions (场次)', params: EXPORT_PARAMS, handle: exportUsage },
] satisfies WebcastEndpoint[];
