import { parseJsonObject, type JsonValue } from '../../../core/json.js';
import { ROOM_FORMAT, type RoomKind } from '../../../core/room-kind.js';
import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { streamedList } from '../../framework/streamed-envelope.js';
import type { CcContext, CcResult } from '../context.js';
import {
  ccRoomId, ccTime, LIVE_ID, liveOf, pageRequest, pagedResult, rangeBound, RECORD_PAGING, ROOM_ID, roomOf, timeWindow, VIEWER_ID, viewerFilter, viewerIdOf,
} from './common.js';

export const LIVE_USERS_INPUT = In.object({ roomid: ROOM_ID, liveid: LIVE_ID, viewerid: In.optional(VIEWER_ID) });
export const LIVE_CHAT_INPUT = In.object({ roomid: ROOM_ID, liveid: LIVE_ID });
export const LIVE_RECORD_INPUT = In.object({
  roomid: In.optional(ROOM_ID),
  start_time: rangeBound('start'),
  end_time: rangeBound('end'),
  ...RECORD_PAGING,
});
export const REWARD_INPUT = In.object({ roomid: ROOM_ID, liveid: LIVE_ID, ...RECORD_PAGING });
export const CLIENT_INFO_INPUT = In.object({ roomid: ROOM_ID, viewerid: In.optional(VIEWER_ID) });

/** CC's classroom role names for Lectern's roles (the catalog shows only `talker`). */
const CC_ROLES: Record<string, string> = { host: 'presenter', assistant: 'assistant', speaker: 'talker', student: 'talker', attendee: 'audience' };

/** 4 `/collect/live/user/record/`: every entry and exit of one live (a re-entry is its own row), optionally of one viewer. */
export async function liveUserRecord(ctx: WithInput<CcContext, typeof LIVE_USERS_INPUT>): Promise<CcResult> {
  const room = await roomOf(ctx, ctx.input.roomid);
  const live = await liveOf(ctx, ctx.input.liveid, { room });
  const viewer = await viewerFilter(ctx, ctx.input.viewerid);
  const activity = ctx.services.activity;
  const extra = { roomid: ccRoomId(room), liveid: live.public_id };
  if (viewer === null) return { data: [], extra };
  const chunks = activity.participationChunks({ tenantId: ctx.tenant.id, roomId: room.id, sessionId: live.id, participantId: viewer });
  const data = streamedList(chunks, async (rows) => {
    const people = await activity.participantsByIds(ctx.tenant.id, rows.map((r) => r.participant_id));
    return rows.map((r) => ({
      username: r.name,
      viewerid: viewerIdOf(people, r.participant_id),
      role: CC_ROLES[r.role] ?? r.role,
      ip: r.ip ?? '',
      platform: r.platform ?? '',
      enter_time: ccTime(r.joined_at, ctx.zone),
      exit_time: ccTime(r.left_at, ctx.zone),
    }));
  });
  return { data, extra };
}

/** 5 `/collect/live/chat/record/`: the public chat of one live, oldest first (private messages are not exported). */
export async function liveChatRecord(ctx: WithInput<CcContext, typeof LIVE_CHAT_INPUT>): Promise<CcResult> {
  const room = await roomOf(ctx, ctx.input.roomid);
  const live = await liveOf(ctx, ctx.input.liveid, { room });
  const activity = ctx.services.activity;
  const chunks = activity.chatChunks({ tenantId: ctx.tenant.id, roomId: room.id, sessionId: live.id, publicOnly: true });
  const data = streamedList(chunks, async (rows) => {
    const people = await activity.participantsByIds(ctx.tenant.id, rows.flatMap((r) => (r.sender_participant_id === null ? [] : [r.sender_participant_id])));
    return rows.map((r) => ({
      id: r.id,
      timestamp: ccTime(r.sent_at, ctx.zone),
      username: r.sender_name,
      content: r.content,
      chat_userid: viewerIdOf(people, r.sender_participant_id),
    }));
  });
  return { data, extra: { roomid: ccRoomId(room), liveid: live.public_id } };
}

/**
 * CC's `room_type` has no published enum: a room that carries an integer `room_type` property
 * reports it; otherwise interactive classes report 2 and broadcast-style rooms 3.
 */
function roomType(kind: RoomKind, properties: string): number {
  const stored = parseJsonObject(properties).room_type;
  if (typeof stored === 'number' && Number.isInteger(stored)) return stored;
  return ROOM_FORMAT[kind] === 'interactive' ? 2 : 3;
}

/** 6 `/collect/live/record`: the account's lives that started in the window (optionally of one room), oldest first, paged. */
export async function liveRecord(ctx: WithInput<CcContext, typeof LIVE_RECORD_INPUT>): Promise<CcResult> {
  const window = timeWindow(ctx.input, ctx.zone)!;
  const room = ctx.input.roomid === undefined ? undefined : await roomOf(ctx, ctx.input.roomid);
  const page = pageRequest(ctx.input);
  const userid = ctx.account;
  const { total, rows } = await ctx.services.activity.sessionsStartedPage({
    tenantId: ctx.tenant.id, roomId: room?.id, from: window.from, to: window.to, page,
  });
  const data = rows.map((s) => ({
    end_time: ccTime(s.ended_at, ctx.zone),
    room_type: roomType(s.room_kind, s.room_properties),
    userid,
    roomid: s.room_public_id.toUpperCase(),
    class_name: s.room_title,
    liveid: s.public_id,
    start_time: ccTime(s.started_at, ctx.zone),
  }));
  return pagedResult(data, total, page);
}

/** 10 `/collect/reward/record`: rewards given in one live, oldest first, paged; `uid`/`uname` are the receiver. */
export async function rewardRecord(ctx: WithInput<CcContext, typeof REWARD_INPUT>): Promise<CcResult> {
  const room = await roomOf(ctx, ctx.input.roomid);
  const live = await liveOf(ctx, ctx.input.liveid, { room });
  const page = pageRequest(ctx.input);
  const activity = ctx.services.activity;
  const { rows, total } = await activity.rewardsPage({ tenantId: ctx.tenant.id, roomId: room.id, sessionId: live.id }, page);
  const people = await activity.participantsByIds(ctx.tenant.id, rows.flatMap((r) => (r.receiver_participant_id === null ? [] : [r.receiver_participant_id])));
  const data = rows.map((r) => ({
    reward_time: ccTime(r.created_at, ctx.zone),
    uname: r.receiver_name ?? '',
    liveid: live.public_id,
    type: r.kind,
    uid: viewerIdOf(people, r.receiver_participant_id),
    roomid: ccRoomId(room),
  }));
  return pagedResult(data, total, page);
}

const flag = (v: JsonValue | undefined): number => (v === true || v === 1 || v === '1' || v === 'true' ? 1 : 0);
const text = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** 12 `/collect/room/client/info`: what viewers' clients reported in a room (every live), oldest first, optionally of one viewer. */
export async function roomClientInfo(ctx: WithInput<CcContext, typeof CLIENT_INFO_INPUT>): Promise<CcResult> {
  const room = await roomOf(ctx, ctx.input.roomid);
  const viewer = await viewerFilter(ctx, ctx.input.viewerid);
  const activity = ctx.services.activity;
  if (viewer === null) return { data: [] };
  const chunks = activity.clientReportChunks({ tenantId: ctx.tenant.id, roomId: room.id, participantId: viewer });
  const data = streamedList(chunks, async (rows) => {
    const people = await activity.participantsByIds(ctx.tenant.id, rows.map((r) => r.participant_id));
    return rows.map((r) => {
      const report = parseJsonObject(r.report);
      return {
        camera_enable: flag(report.camera_enable),
        submit_time: ccTime(r.reported_at, ctx.zone),
        roomid: ccRoomId(room),
        browser: text(report.browser),
        browser_kernel: text(report.browser_kernel),
        ip: r.ip ?? '',
        username: people.get(r.participant_id)?.name ?? '',
        micro_enable: flag(report.micro_enable),
        system: text(report.system),
        // The viewer's id under CC's name `userid` (C-11), unlike the request's account `userid`.
        userid: viewerIdOf(people, r.participant_id),
        screen_resolution: text(report.screen_resolution),
      };
    });
  });
  return { data };
}
