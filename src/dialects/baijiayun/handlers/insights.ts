import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { ParamProblem } from '../../framework/params.js';
import type { BaijiayunContext } from '../context.js';
import { bjyTime, peopleOf, ROOM_ID, roomByNumber, userNumberOf, userRole } from './data-common.js';
import type { ROOM_ONLY_INPUT } from './interactions.js';
import { clientType } from './live-report.js';

/** 55's device names, by the `client_type` codes of 20. */
const CLIENT_LABELS = ['PC网页', 'pc客户端', 'm站', 'ios', 'android', 'mac客户端', '微信小程序'];

/** 49 `/openapi/room_data/getExpReportList`: each person's expression captures in the room, in time order. */
export async function getExpReportList(ctx: WithInput<BaijiayunContext, typeof ROOM_ONLY_INPUT>) {
  const room = await roomByNumber(ctx, ctx.input.room_id);
  const captures = await ctx.services.engagement.expressionCaptures({ roomId: room.id });
  const people = await peopleOf(ctx, captures.map((c) => c.participant_id));
  const byPerson = new Map<number, { user_name: string; user_number: number; user_role: number; exp_list: Array<{ exp_desc: string; exp_type: string; exp_url: string }> }>();
  for (const c of captures) {
    const entry = byPerson.get(c.participant_id) ?? { user_name: c.name, user_number: userNumberOf(people, c.participant_id), user_role: userRole(c.role), exp_list: [] };
    entry.exp_list.push({ exp_desc: c.description, exp_type: c.expression, exp_url: c.image_url });
    byPerson.set(c.participant_id, entry);
  }
  return { title: room.title, room_id: Number(room.numeric_id), list: [...byPerson.values()] };
}

/** 54 `/openapi/room_data/exportAttentionList`: the room's attention checks, oldest first. */
export async function exportAttentionList(ctx: WithInput<BaijiayunContext, typeof ROOM_ONLY_INPUT>) {
  const room = await roomByNumber(ctx, ctx.input.room_id);
  const checks = await ctx.services.engagement.attentionChecks(room.id);
  return { list: checks.map((c) => ({ attention_id: String(c.id) })), total: checks.length };
}

export const ATTENTION_DETAIL_INPUT = In.object({
  room_id: ROOM_ID(),
  attention_id: In.int({ min: 1, description: 'One check (attention_id of exportAttentionList)' }),
});

/** 55 `/openapi/room_data/exportAttentionDetail`: each checked person's result (0 attentive, 1 not), every value a string as the vendor sends. */
export async function exportAttentionDetail(ctx: WithInput<BaijiayunContext, typeof ATTENTION_DETAIL_INPUT>) {
  const room = await roomByNumber(ctx, ctx.input.room_id);
  const check = await ctx.services.engagement.attentionCheck(room.id, ctx.input.attention_id);
  if (!check) throw new ParamProblem('attention_id', 'out_of_range', `attention_id ${ctx.input.attention_id} is not a check of room ${room.numeric_id}`);
  const results = await ctx.services.engagement.attentionResults(check.id);
  const people = await peopleOf(ctx, results.map((r) => r.participant_id));
  const list = results.map((r) => ({
    user_number: String(userNumberOf(people, r.participant_id)),
    user_role: String(userRole(r.role)),
    user_name: r.name,
    group: String(r.group_id),
    client_type: CLIENT_LABELS[clientType(r.platform)],
    attention_level: r.attentive ? '0' : '1',
    ip: r.ip ?? '',
    create_time: bjyTime(r.recorded_at, ctx.zone),
  }));
  return { list, total: list.length };
}
