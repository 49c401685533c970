import type { Static } from '@sinclair/typebox';
import type { RoleTokens } from '../../../core/passes.js';
import { createRoomWithBranches } from '../../../core/branches.js';
import { removeRooms } from '../../../core/room-removal.js';
import { roomProperties, type NewRoom } from '../../../core/rooms.js';
import type { Services } from '../../../core/services.js';
import type { RoomRow } from '../../../storage/schema.js';
import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { ParamProblem } from '../../framework/params.js';
import { ownedRoom } from '../../shared/gensee-ownership.js';
import type { TrainingContext } from '../context.js';
import { trainingError } from '../errors.js';
import { checkDistinctTokens, DUAL_TEACHER_KIND, freshToken, linksOf, propertiesPatch, roleLinks } from '../room-view.js';
import { listedGroup } from './groups.js';
import { token } from './rooms.js';

const SUBJECT_MAX = 50;
const TEXT_MAX = 4000;
const MAX_CLASSES = 30;
const CLASS_NAME_MAX = 20;
/** Main-room property: the tutorial rooms' shared tokens (T-33), given to tutorial rooms added later too. */
const BRANCH_TOKENS = 'branchTokens';

const text = (description: string) => In.optional(In.clearableString({ max: TEXT_MAX, description }));
const classList = () => In.optional(In.records(In.object({ clazzName: In.optional(In.string({ min: 1, max: CLASS_NAME_MAX })) }), {
  bare: 'clazzName', maxItems: MAX_CLASSES, description: 'Tutorial class names in order (default "1班", "2班", …)',
}));
/** The room's texts and settings that creating and modifying take alike. */
const roomTexts = {
  description: text('Room introduction'),
  speakerInfo: text('Teacher introduction'),
  scheduleInfo: text('Course introduction'),
  realtime: In.optional(In.bool({ default: false })),
  maxAttendees: In.optional(In.int({ min: 0 })),
  slaveClazzList: classList(),
};
const slaveTokens = {
  slaveTeacherToken: In.optional(token('Tutorial teacher password, shared by every tutorial room')),
  slaveAssistantToken: In.optional(token('Tutorial assistant password, shared by every tutorial room')),
};

export const CREATE_FAMOUS_INPUT = In.object({
  subject: In.string({ min: 1, max: SUBJECT_MAX }),
  classCount: In.optional(In.int({ min: 1, max: MAX_CLASSES, default: 1, description: 'Number of tutorial rooms' })),
  teacherToken: In.optional(token('Lead teacher password')),
  assistantToken: In.optional(token('Lead assistant password')),
  slaveStudentClientToken: In.optional(token('Tutorial student (desktop client) password', ['slavestudentClientToken'])),
  ...slaveTokens,
  startDate: In.time(),
  invalidDate: In.optional(In.time()),
  ...roomTexts,
});
export const MODIFY_FAMOUS_INPUT = In.object({
  id: In.string({ description: 'Main (lead teacher) room id' }),
  classCount: In.optional(In.int({ min: 1, max: MAX_CLASSES, description: 'Tutorial rooms wanted: more are added, the last ones removed' })),
  subject: In.optional(In.string({ min: 1, max: SUBJECT_MAX, notEmpty: true })),
  teacherToken: In.optional(token('Lead teacher password')),
  assistantToken: In.optional(token('Lead assistant password')),
  slavestudentClientToken: In.optional(token('Tutorial student (desktop client) password', ['slaveStudentClientToken'])),
  ...slaveTokens,
  startDate: In.time(),
  invalidDate: In.optional(In.clearableTime()),
  ...roomTexts,
});
export const MODIFY_SLAVE_INPUT = In.object({ roomId: In.string({ description: 'Tutorial room id' }), className: In.optional(In.string({ min: 1, max: CLASS_NAME_MAX })) });
export const FAMOUS_ID_INPUT = In.object({ id: In.string({ description: 'Main room id' }) });
export const TUTORIAL_ID_INPUT = In.object({ roomId: In.string({ description: 'Tutorial room id' }) });
export const FAMOUS_DELETE_INPUT = In.object({ roomId: In.string({ description: 'A main or a tutorial room id' }) });

type ClassList = Static<typeof CREATE_FAMOUS_INPUT>['slaveClazzList'] | Static<typeof MODIFY_FAMOUS_INPUT>['slaveClazzList'];

const defaultClassName = (position: number) => `${position}班`;

function checkClassList(list: ClassList, count: number): void {
  if (list && list.length > count) throw new ParamProblem('slaveClazzList', 'out_of_range', `slaveClazzList names ${list.length} classes, more than classCount (${count})`);
}

function checkSchedule(start: number, end: number | null | undefined): void {
  if (end != null && end < start) throw new ParamProblem('invalidDate', 'out_of_range', 'invalidDate must not be before startDate');
}

/** The tutorial rooms' shared tokens, as stored on the main room. */
function branchTokensOf(main: RoomRow): RoleTokens | null {
  const v = roomProperties(main)[BRANCH_TOKENS];
  return v && typeof v === 'object' && !Array.isArray(v) && typeof v.host === 'string' ? (v as unknown as RoleTokens) : null;
}

/** A main room of the caller: a dual-teacher room that is not itself a tutorial room. */
async function ownedMain(ctx: TrainingContext, id: string): Promise<RoomRow> {
  const room = await ownedRoom(ctx, id, 'dual-teacher room');
  if (room.kind !== DUAL_TEACHER_KIND || (await ctx.services.branches.mainOf(room))) throw trainingError('NOT_FOUND', `dual-teacher room "${id}" does not exist`);
  return room;
}

/** A tutorial room of the caller, with its main room. */
async function ownedTutorial(ctx: TrainingContext, id: string): Promise<{ branch: RoomRow; main: RoomRow }> {
  const branch = await ownedRoom(ctx, id, 'tutorial room');
  const main = await ctx.services.branches.mainOf(branch);
  if (!main || main.deleted_at !== null) throw trainingError('NOT_FOUND', `tutorial room "${id}" does not exist`);
  return { branch, main };
}

/** A tutorial room's Training settings: desktop-client students only. */
const branchProperties = (realtime: boolean) => propertiesPatch({ realtime, webJoin: false, clientJoin: true });

/** Adds tutorial rooms to the main room, each at its position with its name. */
async function addBranches(tx: Services, main: RoomRow, tokens: RoleTokens, rooms: ReadonlyArray<{ position: number; name: string }>, realtime: boolean): Promise<void> {
  for (const { position, name } of rooms) {
    const branch = await tx.rooms.create({
      tenantId: main.tenant_id,
      kind: DUAL_TEACHER_KIND,
      title: name,
      ownerUserId: main.owner_user_id,
      scheduledStart: main.scheduled_start,
      scheduledEnd: main.scheduled_end,
      tokens,
      properties: branchProperties(realtime),
    });
    await tx.branches.link(main, branch, position);
  }
}

/** 5.44 / 5.45 / 5.47's answer: the main room and its tutorial rooms (5.44 has no groups, 5.45 no `code`). */
async function famousAnswer(ctx: TrainingContext, main: RoomRow, opts: { code: boolean; groups: boolean }) {
  const branches = await ctx.services.branches.branchesOf(main);
  const tokens = await ctx.services.passes.roleTokens(main);
  // Rooms made otherwise than by 5.44 (the core, another dialect) keep no shared set: the first tutorial room's tokens are it.
  const shared = branchTokensOf(main) ?? (branches.length ? (await ctx.services.passes.rolePassesOf(branches.slice(0, 1))).get(branches[0].id)!.tokens : null);
  const groups = opts.groups ? await ctx.services.groups.listOf(branches) : undefined;
  const passes = await ctx.services.passes.rolePassesOf(branches);
  const infos = branches.map((b) => {
    const links = linksOf(ctx, passes.get(b.id)!.codes);
    return {
      id: b.public_id,
      ...(opts.code ? { code: b.number } : {}),
      clientUrl: links.teacher,
      studentClientUrl: links.student,
      ...(groups ? { groupList: (groups.get(b.id) ?? []).map((g) => listedGroup(ctx, g)) } : {}),
    };
  });
  return {
    id: main.public_id,
    number: main.number,
    assistantToken: tokens.assistant,
    teacherToken: tokens.host,
    startDate: main.scheduled_start,
    clientUrl: (await roleLinks(ctx, main)).teacher,
    invalidDate: main.scheduled_end,
    slaveRoomWrapper: {
      teacherToken: shared?.host ?? '',
      assistantToken: shared?.assistant ?? '',
      studentClientToken: shared?.student ?? '',
      slaveFamousRoomResultInfos: infos,
    },
  };
}

/**
 * 5.44 `/training/famousroom/created` (POST): a main room for the lead teacher and `classCount`
 * tutorial rooms, in one transaction. Tutorial rooms share one set of tokens (T-33), generated where
 * not sent, and follow the main room's schedule; students join the tutorial rooms.
 */
export async function createFamousRoom(ctx: WithInput<TrainingContext, typeof CREATE_FAMOUS_INPUT>) {
  const i = ctx.input;
  const count = i.classCount ?? 1;
  checkClassList(i.slaveClazzList, count);
  checkSchedule(i.startDate, i.invalidDate);
  checkDistinctTokens({ teacherToken: i.teacherToken, assistantToken: i.assistantToken });
  checkDistinctTokens({ slaveTeacherToken: i.slaveTeacherToken, slaveAssistantToken: i.slaveAssistantToken, slaveStudentClientToken: i.slaveStudentClientToken });
  const taken = new Set([i.slaveTeacherToken, i.slaveAssistantToken, i.slaveStudentClientToken].filter((t): t is string => t !== undefined));
  const shared: RoleTokens = { host: i.slaveTeacherToken ?? freshToken(taken), assistant: i.slaveAssistantToken ?? freshToken(taken), student: i.slaveStudentClientToken ?? freshToken(taken) };
  const realtime = i.realtime ?? false;
  const branch = (k: number): NewRoom => ({
    tenantId: ctx.tenant.id, kind: DUAL_TEACHER_KIND, title: i.slaveClazzList?.[k]?.clazzName ?? defaultClassName(k + 1), ownerUserId: ctx.user.id,
    scheduledStart: i.startDate, scheduledEnd: i.invalidDate ?? null, tokens: shared, properties: branchProperties(realtime),
  });
  const { main } = await createRoomWithBranches(ctx.services, {
    tenantId: ctx.tenant.id,
    kind: DUAL_TEACHER_KIND,
    title: i.subject,
    description: i.description ?? null,
    ownerUserId: ctx.user.id,
    scheduledStart: i.startDate,
    scheduledEnd: i.invalidDate ?? null,
    maxAttendees: i.maxAttendees || null,
    tokens: { host: i.teacherToken, assistant: i.assistantToken, student: null },
    properties: { ...propertiesPatch({ speakerInfo: i.speakerInfo ?? null, scheduleInfo: i.scheduleInfo ?? null, realtime, webJoin: false, clientJoin: false }), [BRANCH_TOKENS]: { ...shared } },
  }, Array.from({ length: count }, (_, k) => branch(k)));
  return famousAnswer(ctx, main, { code: true, groups: false });
}

/**
 * 5.45 `/training/famousroom/modify` (POST), one transaction: the main room changes as sent
 * (`startDate` and `realtime` always, being required); tutorial rooms follow its schedule and take
 * the shared tokens sent; `slaveClazzList` renames them in order; a larger `classCount` adds rooms
 * ("n班"), a smaller one removes the last ones — refused (500) while one of those is live (T-33).
 */
export async function modifyFamousRoom(ctx: WithInput<TrainingContext, typeof MODIFY_FAMOUS_INPUT>) {
  const i = ctx.input;
  const main = await ownedMain(ctx, i.id);
  const end = i.invalidDate === undefined ? main.scheduled_end : i.invalidDate;
  checkSchedule(i.startDate, end);
  const tokens = await ctx.services.passes.roleTokens(main);
  checkDistinctTokens({ teacherToken: i.teacherToken ?? tokens.host, assistantToken: i.assistantToken ?? tokens.assistant });
  const stored = branchTokensOf(main);
  const taken = new Set([i.slaveTeacherToken, i.slaveAssistantToken, i.slavestudentClientToken, stored?.host, stored?.assistant, stored?.student ?? undefined].filter((t): t is string => !!t));
  const shared: RoleTokens = {
    host: i.slaveTeacherToken ?? stored?.host ?? freshToken(taken),
    assistant: i.slaveAssistantToken ?? stored?.assistant ?? freshToken(taken),
    student: i.slavestudentClientToken ?? stored?.student ?? freshToken(taken),
  };
  checkDistinctTokens({ slaveTeacherToken: shared.host, slaveAssistantToken: shared.assistant, slaveStudentClientToken: shared.student });
  const realtime = i.realtime ?? false;
  await ctx.services.transaction(async (tx) => {
    const updated = await tx.rooms.update(main, {
      title: i.subject,
      description: i.description,
      scheduledStart: i.startDate,
      scheduledEnd: end,
      maxAttendees: i.maxAttendees === undefined ? undefined : i.maxAttendees || null,
      tokens: { host: i.teacherToken, assistant: i.assistantToken },
      properties: { ...propertiesPatch({ speakerInfo: i.speakerInfo, scheduleInfo: i.scheduleInfo, realtime }), [BRANCH_TOKENS]: { ...shared } },
    });
    const branches = await tx.branches.branchesOf(updated);
    const count = i.classCount ?? branches.length;
    checkClassList(i.slaveClazzList, count);
    const removed = branches.slice(count);
    if (removed.some((b) => b.status === 'live')) throw trainingError('BUSINESS', 'a tutorial room to remove is in class');
    await removeRooms(tx, removed);
    const kept = branches.slice(0, count);
    for (const [k, b] of kept.entries()) {
      await tx.rooms.update(b, {
        title: i.slaveClazzList?.[k]?.clazzName,
        scheduledStart: i.startDate,
        scheduledEnd: end,
        tokens: { host: shared.host, assistant: shared.assistant, student: shared.student },
        properties: propertiesPatch({ realtime }),
      });
    }
    // New rooms come after the kept ones, named by their place in the list ("n班" by default).
    const next = await tx.branches.nextPosition(updated);
    const added = Array.from({ length: Math.max(0, count - kept.length) }, (_, k) => {
      const place = kept.length + k;
      return { position: next + k, name: i.slaveClazzList?.[place]?.clazzName ?? defaultClassName(place + 1) };
    });
    await addBranches(tx, updated, shared, added, realtime);
  });
  const fresh = await ctx.services.rooms.get(ctx.tenant.id, { id: main.id });
  return famousAnswer(ctx, fresh, { code: false, groups: true });
}

/** 5.46 `/training/slaveroom/modify`: renames a tutorial room (`className`); answers `code` (and `message`, T-32). */
export async function modifySlaveRoom(ctx: WithInput<TrainingContext, typeof MODIFY_SLAVE_INPUT>) {
  const { branch } = await ownedTutorial(ctx, ctx.input.roomId);
  if (ctx.input.className !== undefined) await ctx.services.rooms.update(branch, { title: ctx.input.className });
  return {};
}

/** 5.47 `/training/famousroom/info`. */
export async function famousRoomInfo(ctx: WithInput<TrainingContext, typeof FAMOUS_ID_INPUT>) {
  return famousAnswer(ctx, await ownedMain(ctx, ctx.input.id), { code: true, groups: true });
}

/** 5.48 `/training/tutorialroom/info`: `id`/`number`/`subject` are the main room's (T-32), the rest the tutorial room's. */
export async function tutorialRoomInfo(ctx: WithInput<TrainingContext, typeof TUTORIAL_ID_INPUT>) {
  const { branch, main } = await ownedTutorial(ctx, ctx.input.roomId);
  const tokens = await ctx.services.passes.roleTokens(branch);
  const links = await roleLinks(ctx, branch);
  return {
    id: main.public_id,
    number: main.number,
    tutorialRoomId: branch.public_id,
    subject: main.title,
    tutorialRoomName: branch.title,
    assistantToken: tokens.assistant,
    teacherToken: tokens.host,
    studentClientToken: tokens.student ?? '',
    startDate: branch.scheduled_start,
    clientUrl: links.teacher,
    joinUrl: links.student,
    invalidDate: branch.scheduled_end,
    groupList: (await ctx.services.groups.list(branch)).map((g) => listedGroup(ctx, g)),
  };
}

/**
 * 5.49 `/training/famousroom/deleted`: a main room goes with its tutorial rooms; a tutorial room
 * alone (the main room keeps the others). One transaction, as 5.3.
 */
export async function deleteFamousRoom(ctx: WithInput<TrainingContext, typeof FAMOUS_DELETE_INPUT>) {
  const room = await ownedRoom(ctx, ctx.input.roomId, 'dual-teacher room');
  const main = await ctx.services.branches.mainOf(room);
  if (!main && room.kind !== DUAL_TEACHER_KIND) throw trainingError('NOT_FOUND', `dual-teacher room "${ctx.input.roomId}" does not exist`);
  await ctx.services.transaction(async (tx) => removeRooms(tx, main ? [room] : [...(await tx.branches.branchesOf(room)), room]));
  return {};
}
