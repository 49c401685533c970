import type { Static } from '@sinclair/typebox';
import type { RoomRow } from '../../../storage/schema.js';
import { removeRooms } from '../../../core/room-removal.js';
import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { ParamProblem } from '../../framework/params.js';
import type { TrainingContext } from '../context.js';
import {
  checkDistinctTokens, checkSubjectFree, durationOf, studentTokensOf, linksOf, ownedTrainingRoom, propertiesPatch, SMALL_CLASS_KIND, STANDARD_KIND,
  trainingProperties, type ROOM_ID_INPUT, type TrainingUi,
} from '../room-view.js';
import { listedGroup } from './groups.js';

const SUBJECT_MAX = 250;
const TEXT_MAX = 4000;

export const token = (description: string, aliases?: readonly string[]) => In.string({ min: 6, max: 15, description, aliases });
/** Optional long texts; on modify an empty value clears them (T-11). */
const text = (description: string) => In.optional(In.clearableString({ max: TEXT_MAX, description }));

/** The parameters 5.1 and 5.2 share, in the document's order (after `subject`). */
const roomFields = {
  teacherToken: In.optional(token('Teacher password, 6–15 characters; generated when omitted')),
  studentToken: In.optional(In.clearableString({ max: 15, description: 'Web student password, at most 15 characters; empty: none' })),
  studentClientToken: In.optional(In.clearableString({ max: 15, description: 'Desktop-client student password, at most 15 characters; empty: none' })),
  startDate: In.time({ description: 'Planned start' }),
  invalidDate: In.optional(In.clearableTime({ description: 'Expiry (失效时间): the scheduled end' })),
  assistantToken: In.optional(token('Assistant password, 6–15 characters; generated when omitted')),
  speakerInfo: text('Teacher introduction'),
  scheduleInfo: text('Course introduction'),
  webJoin: In.optional(In.bool({ description: 'Web students may join (default true)' })),
  clientJoin: In.optional(In.bool({ description: 'Desktop-client students may join (default true)' })),
  description: text('Room introduction'),
  duration: In.optional(In.int({ min: 1, description: 'Class length in minutes' })),
  uiMode: In.optional(In.oneOf([1, 2, 3, 4, 5, 6], { description: 'Web student layout' })),
  uiColor: In.optional(In.oneOf(['blue', 'default', 'green'])),
  scene: In.optional(In.oneOf([0, 1], { description: '0 large lecture, 1 small class' })),
  uiWindow: In.optional(In.bool()),
  uiVideo: In.optional(In.bool()),
  upgrade: In.optional(In.bool()),
  realtime: In.optional(In.bool({ default: false, description: 'Real-time class; documented required, omitted by older clients: false (field notes 3)' })),
  maxAttendees: In.optional(In.int({ min: 0, description: 'Most people inside at once; 0: no limit of its own' })),
  playerTheme: In.optional(In.clearableString({ max: 50, description: 'Empty: the default skin; "skyblue"' })),
  fullScreenMode: In.optional(In.oneOf([0, 1, 2, 3])),
  aacSupport: In.optional(In.bool()),
};

export const CREATE_ROOM_INPUT = In.object({ subject: In.string({ min: 1, max: SUBJECT_MAX }), ...roomFields });
export const MODIFY_ROOM_INPUT = In.object({
  id: In.string({ description: 'Room id (the document prints `Id`)', aliases: ['Id'] }),
  subject: In.string({ min: 1, max: SUBJECT_MAX }),
  ...roomFields,
  mobileMode: In.optional(In.oneOf([1, 2, 3])),
});
export const TELCONF_INPUT = In.object({
  roomId: In.string(),
  siteName: In.optional(In.string({ max: 100, description: '263 account; without it (or the password) telephone conferencing is off' })),
  sitePassword: In.optional(In.string({ max: 100, raw: true })),
  callinSupport: In.optional(In.bool()),
  callinNum: In.optional(In.string({ max: 50 })),
  hostPasscode: In.optional(In.string({ max: 50 })),
  guestPasscode: In.optional(In.string({ max: 50 })),
});

type RoomFields = Static<typeof MODIFY_ROOM_INPUT>;

/** The player settings sent (5.1/5.2 write them; nothing reads them back, T-49). */
function uiOf(input: Partial<RoomFields>): TrainingUi {
  const ui: TrainingUi = {};
  if (input.uiMode !== undefined) ui.mode = input.uiMode;
  if (input.uiColor !== undefined) ui.color = input.uiColor;
  if (input.uiWindow !== undefined) ui.window = input.uiWindow;
  if (input.uiVideo !== undefined) ui.video = input.uiVideo;
  if (input.mobileMode !== undefined) ui.mobileMode = input.mobileMode;
  if (input.playerTheme !== undefined) ui.theme = input.playerTheme ?? '';
  if (input.fullScreenMode !== undefined) ui.fullScreenMode = input.fullScreenMode;
  if (input.upgrade !== undefined) ui.upgrade = input.upgrade;
  return ui;
}

/** Both join switches off reverts both to on (5.1 补充说明, T-13): the call is not refused. */
function joinSwitches(web: boolean, client: boolean) {
  return web || client ? { webJoin: web, clientJoin: client } : { webJoin: true, clientJoin: true };
}

/** The scheduled end: `invalidDate` when given, else the start plus `duration`, else open-ended. */
function scheduledEnd(start: number, invalidDate: number | null | undefined, duration: number | undefined): number | null {
  const end = invalidDate ?? (duration !== undefined ? start + duration * 60_000 : null);
  if (end !== null && end < start) throw new ParamProblem('invalidDate', 'out_of_range', 'invalidDate must not be before startDate');
  return end;
}

/** What 5.1 answers, and 5.4 adds to. */
async function roomAnswer(ctx: TrainingContext, room: RoomRow) {
  const props = trainingProperties(room);
  const { tokens, codes } = await ctx.services.passes.rolePasses(room);
  const links = linksOf(ctx, codes);
  const students = studentTokensOf(room, props, tokens);
  return {
    id: room.public_id,
    number: room.number,
    assistantToken: tokens.assistant,
    studentToken: students.web,
    teacherToken: tokens.host,
    studentClientToken: students.client,
    startDate: room.scheduled_start,
    webJoin: String(props.webJoin),
    clientJoin: String(props.clientJoin),
    invalidDate: room.scheduled_end,
    teacherJoinUrl: links.teacher,
    studentJoinUrl: links.student,
  };
}

/**
 * 5.1 `/training/room/created`: an interactive classroom (`scene=1`: a small class). Tokens not sent
 * are generated for teacher and assistant; the ones sent must differ (502), and no other Training room
 * of the site may have the same subject (502, T-12).
 */
export async function createRoom(ctx: WithInput<TrainingContext, typeof CREATE_ROOM_INPUT>) {
  const i = ctx.input;
  checkDistinctTokens({ teacherToken: i.teacherToken, assistantToken: i.assistantToken, studentToken: i.studentToken, studentClientToken: i.studentClientToken });
  const end = scheduledEnd(i.startDate, i.invalidDate, i.duration);
  await checkSubjectFree(ctx, i.subject);
  const scene = i.scene ?? 0;
  const room = await ctx.services.rooms.create({
    tenantId: ctx.tenant.id,
    kind: scene === 1 ? SMALL_CLASS_KIND : STANDARD_KIND,
    title: i.subject,
    description: i.description ?? null,
    ownerUserId: ctx.user.id,
    scheduledStart: i.startDate,
    scheduledEnd: end,
    maxAttendees: i.maxAttendees ? i.maxAttendees : null,
    aac: i.aacSupport ?? false,
    tokens: { host: i.teacherToken, assistant: i.assistantToken, student: i.studentToken ?? null },
    properties: propertiesPatch({
      studentClientToken: i.studentClientToken ?? null,
      ...joinSwitches(i.webJoin ?? true, i.clientJoin ?? true),
      speakerInfo: i.speakerInfo ?? null,
      scheduleInfo: i.scheduleInfo ?? null,
      realtime: i.realtime ?? false,
      duration: i.duration ?? null,
      ui: { color: 'default', window: false, video: false, ...uiOf(i) },
    }),
  });
  return { ...(await roomAnswer(ctx, room)), scene };
}

/**
 * 5.2 `/training/room/modify`: `subject`, `startDate` and `realtime` (false when omitted, field
 * notes 3) are set on every call, being required; the optional settings change only when sent, and
 * sent empty clear (T-11). With 263 telephone conferencing configured (5.30), `aacSupport` is
 * ignored yet the call succeeds (T-39).
 */
export async function modifyRoom(ctx: WithInput<TrainingContext, typeof MODIFY_ROOM_INPUT>) {
  const i = ctx.input;
  const room = await ownedTrainingRoom(ctx, i.id);
  const props = trainingProperties(room);
  const tokens = await ctx.services.passes.roleTokens(room);
  checkDistinctTokens({
    teacherToken: i.teacherToken ?? tokens.host,
    assistantToken: i.assistantToken ?? tokens.assistant,
    studentToken: i.studentToken === undefined ? tokens.student : i.studentToken,
    studentClientToken: i.studentClientToken === undefined ? props.studentClientToken : i.studentClientToken,
  });
  await checkSubjectFree(ctx, i.subject, room);
  const end = i.invalidDate !== undefined || i.duration !== undefined ? scheduledEnd(i.startDate, i.invalidDate, i.duration) : room.scheduled_end;
  if (end !== null && end < i.startDate) throw new ParamProblem('startDate', 'out_of_range', 'startDate must not be after the room\'s invalidDate');
  const switches = i.webJoin !== undefined || i.clientJoin !== undefined ? joinSwitches(i.webJoin ?? props.webJoin, i.clientJoin ?? props.clientJoin) : {};
  // The scene picks the kind only between the two kinds 5.1 makes; other kinds keep theirs.
  const kind = i.scene !== undefined && (room.kind === STANDARD_KIND || room.kind === SMALL_CLASS_KIND) ? (i.scene === 1 ? SMALL_CLASS_KIND : STANDARD_KIND) : undefined;
  await ctx.services.rooms.update(room, {
    title: i.subject,
    description: i.description,
    kind,
    scheduledStart: i.startDate,
    scheduledEnd: end,
    maxAttendees: i.maxAttendees === undefined ? undefined : i.maxAttendees || null,
    aac: props.telephoneConference ? undefined : i.aacSupport,
    tokens: { host: i.teacherToken, assistant: i.assistantToken, student: i.studentToken },
    properties: propertiesPatch({
      studentClientToken: i.studentClientToken,
      ...switches,
      speakerInfo: i.speakerInfo,
      scheduleInfo: i.scheduleInfo,
      realtime: i.realtime ?? false,
      duration: i.invalidDate !== undefined || i.duration !== undefined ? i.duration ?? null : undefined,
      ui: { ...props.ui, ...uiOf(i) },
    }),
  });
  return {};
}

/**
 * 5.3 `/training/room/deleted`: in one transaction, whoever is inside leaves, the warm-up, relays,
 * groups and roster go, and the room is deleted; a dual-teacher main room takes its tutorial rooms
 * along (as 5.49). Recordings and coursewares made in it stay (T-30).
 */
export async function deleteRoom(ctx: WithInput<TrainingContext, typeof ROOM_ID_INPUT>) {
  const room = await ownedTrainingRoom(ctx, ctx.input.roomId);
  await ctx.services.transaction(async (tx) => removeRooms(tx, [...(await tx.branches.branchesOf(room)), room]));
  return {};
}

/** 5.4 `/training/room/info`: teachers see their own rooms, admins every room of the site. */
export async function roomInfo(ctx: WithInput<TrainingContext, typeof ROOM_ID_INPUT>) {
  const room = await ownedTrainingRoom(ctx, ctx.input.roomId);
  const props = trainingProperties(room);
  const groups = await ctx.services.groups.list(room);
  const base = await roomAnswer(ctx, room);
  return {
    ...base,
    subject: room.title,
    action: props.action,
    duration: durationOf(room, props),
    groupList: groups.map((g) => listedGroup(ctx, g)),
    aacSupport: room.audio_aac === 1,
  };
}

/**
 * 5.30 `/training/room/telconf`: with `siteName` and `sitePassword` the room gets 263 telephone
 * conferencing and AAC is turned off (it stays off while configured); without them conferencing is
 * turned off (T-39) and AAC may be turned on again through 5.2.
 */
export async function configureTelconf(ctx: WithInput<TrainingContext, typeof TELCONF_INPUT>) {
  const i = ctx.input;
  if ((i.siteName === undefined) !== (i.sitePassword === undefined)) {
    const missing = i.siteName === undefined ? 'siteName' : 'sitePassword';
    throw new ParamProblem(missing, 'missing', `${missing} is required with ${missing === 'siteName' ? 'sitePassword' : 'siteName'}`);
  }
  const room = await ownedTrainingRoom(ctx, i.roomId);
  if (i.siteName === undefined) {
    await ctx.services.rooms.update(room, { properties: propertiesPatch({ telephoneConference: null }) });
    return {};
  }
  await ctx.services.rooms.update(room, {
    aac: false,
    properties: propertiesPatch({
      telephoneConference: {
        siteName: i.siteName, sitePassword: i.sitePassword!, callinSupport: i.callinSupport ?? false,
        callinNum: i.callinNum ?? null, hostPasscode: i.hostPasscode ?? null, guestPasscode: i.guestPasscode ?? null,
      },
    }),
  });
  return {};
}
