import { DateTime } from 'luxon';
import { RoomListing, type RoomPhase } from '../../../core/room-listing.js';
import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { ParamProblem } from '../../framework/params.js';
import { parseGenseeTime } from '../../shared/gensee-time.js';
import { ownerScope } from '../../shared/gensee-ownership.js';
import type { TrainingContext } from '../context.js';
import { durationOf, linksOf, studentTokensOf, TRAINING_KINDS, trainingProperties } from '../room-view.js';
import { liveStatus } from './status.js';

/** 5.54 states no page size (T-27): 50, as the sync endpoints that state one. */
const PAGE_SIZE = 50;

export const ROOM_SYNC_INPUT = In.object({
  pageNo: In.optional(In.int({ min: 1, default: 1 })),
  createTime: In.optional(In.string({ max: 40, description: 'A time on the day the rooms were created ("yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd" or epoch ms); default today' })),
  status: In.optional(In.oneOf([-1, 0, 1, 2], { default: -1, description: '0 not started, 1 someone inside but not started, 2 live, -1 all' })),
  finished: In.optional(In.oneOf([0, 1, 2], { default: 0, description: '1 finished, 2 not finished, 0 all' })),
});

const STATUS_PHASES: Record<0 | 1 | 2, RoomPhase[]> = { 0: ['idle', 'terminated'], 1: ['occupied'], 2: ['live'] };

/** 5.54's `loginType` (its values were lost in the export, T-35): 1 client only, 2 web only, 3 both. */
const loginType = (web: boolean, client: boolean) => (web && client ? 3 : web ? 2 : 1);

/** The day `createTime` names, in the site's zone; the document prints it with a full-width colon (T-4). */
function creationDay(ctx: TrainingContext, text: string | undefined): { from: number; to: number } {
  let at = Date.now();
  if (text !== undefined) {
    const parsed = parseGenseeTime(text.replace(/：/g, ':'), ctx.zone);
    if (parsed === undefined) throw new ParamProblem('createTime', 'malformed', `createTime must be "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd" or epoch milliseconds, got "${text}"`);
    at = parsed;
  }
  const day = DateTime.fromMillis(at, { zone: ctx.zone }).startOf('day');
  return { from: day.toMillis(), to: day.plus({ days: 1 }).toMillis() };
}

/**
 * 5.54 `/training/room/sync`: the Training rooms (every kind Training makes) created on one day,
 * oldest first, 50 a page; teachers see their own. `status` is 5.41's (T-31); a room is finished
 * once a class of it has ended and none is under way (or it was closed for good).
 */
export async function syncRooms(ctx: WithInput<TrainingContext, typeof ROOM_SYNC_INPUT>) {
  const { pageNo = 1, status = -1, finished = 0 } = ctx.input;
  const created = creationDay(ctx, ctx.input.createTime);
  const { rows, total } = await ctx.services.roomListing.page({
    tenantId: ctx.tenant.id,
    kinds: TRAINING_KINDS,
    ownerUserId: ownerScope(ctx),
    phases: status === -1 ? undefined : STATUS_PHASES[status],
    createdFrom: created.from,
    createdBefore: created.to,
    finished: finished === 0 ? undefined : finished === 1,
  }, { pageNo, pageSize: PAGE_SIZE });
  const inside = await ctx.services.roomListing.presence(rows.map((r) => r.id));
  const passes = await ctx.services.passes.rolePassesOf(rows);
  const list = rows.map((room) => {
    const props = trainingProperties(room);
    const { tokens, codes } = passes.get(room.id)!;
    const links = linksOf(ctx, codes);
    const students = studentTokensOf(room, props, tokens);
    return {
      roomId: room.public_id,
      subject: room.title,
      beginTime: room.scheduled_start,
      createTime: room.created_at,
      code: room.number,
      teacherJoinUrl: links.teacher,
      assistantJoinUrl: links.assistant,
      studentJoinUrl: links.student,
      loginType: loginType(props.webJoin, props.clientJoin),
      assistantToken: tokens.assistant,
      studentClientToken: students.client,
      studentWebToken: students.web,
      teacherToken: tokens.host,
      description: room.description ?? '',
      scheduleInfo: props.scheduleInfo ?? '',
      speakerInfo: props.speakerInfo ?? '',
      status: liveStatus(RoomListing.phaseOf(room, inside.get(room.id) ?? 0)),
      action: props.action,
      duration: durationOf(room, props),
    };
  });
  return { list, page: { pageNo, totalPages: Math.ceil(total / PAGE_SIZE), totalCounts: total } };
}
