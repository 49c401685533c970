import type { PageRequest } from '../../../core/paging.js';
import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { ParamProblem } from '../../framework/params.js';
import type { BaijiayunContext } from '../context.js';
import { requireFeature } from '../features.js';
import { bjyTime, classDay, DATE, MAX_PAGE_SIZE, peopleOf, ROOM_ID, roomByNumber, userNumberOf } from './data-common.js';

/** Question types as the vendor numbers them: 2 a choice, 4 free text. */
const QUESTION_TYPES = { choice: '2', text: '4' } as const;

const PAGING = {
  page: In.optional(In.int({ min: 1, default: 1 })),
  page_size: In.optional(In.int({ min: 1, max: MAX_PAGE_SIZE, default: 20 })),
};
const pageRequest = (input: { page?: number; page_size?: number }): PageRequest => ({ pageNo: input.page ?? 1, pageSize: input.page_size ?? 20 });

export const EVALUATION_STAT_INPUT = In.object({
  room_id: ROOM_ID(),
  date: In.optional(DATE('The class day; required for long-term rooms')),
  ...PAGING,
});

/**
 * 50 `/openapi/room_data/getEvaluationStat` (pro): the room's evaluation answers of the window, one
 * row per person and question, by submission; `page`/`page_size` (default 1/20; marked required
 * but given defaults, so they may be left out).
 */
export async function getEvaluationStat(ctx: WithInput<BaijiayunContext, typeof EVALUATION_STAT_INPUT>) {
  requireFeature(ctx, 'pro');
  const room = await roomByNumber(ctx, ctx.input.room_id);
  const window = classDay(ctx, room, ctx.input.date);
  const { rows, total } = await ctx.services.evaluations.pageAnswers(room, { ...window, page: pageRequest(ctx.input) });
  const people = await peopleOf(ctx, rows.map((r) => r.participant_id));
  return {
    list: rows.map((r) => ({
      user_name: r.name,
      // Only the example shows user_number: a string there.
      user_number: String(userNumberOf(people, r.participant_id)),
      title: r.title,
      question_id: r.question_id,
      answer: r.answer,
      create_time: bjyTime(r.submitted_at, ctx.zone),
    })),
    total,
  };
}

export const EVALUATION_LIST_INPUT = In.object({
  status: In.optional(In.oneOf([0, 1], { description: '0 unpublished, 1 published; default: both' })),
  ...PAGING,
});

/** 51 `/openapi/evaluation/getEvaluationList` (pro): the account's evaluation templates, oldest first, with their questions. */
export async function getEvaluationList(ctx: WithInput<BaijiayunContext, typeof EVALUATION_LIST_INPUT>) {
  requireFeature(ctx, 'pro');
  const published = ctx.input.status === undefined ? undefined : ctx.input.status === 1;
  const { rows, total } = await ctx.services.evaluations.pageTemplates(ctx.tenant.id, { published, page: pageRequest(ctx.input) });
  return {
    total,
    list: rows.map(({ template, questions }) => ({
      id: template.id,
      title: template.title,
      create_time: bjyTime(template.created_at, ctx.zone),
      option_list: questions.map((q) => {
        const base = { title: q.title, type: QUESTION_TYPES[q.kind as keyof typeof QUESTION_TYPES] ?? QUESTION_TYPES.text, is_force: q.required ? '1' : '0', display_order: q.display_order };
        return q.kind === 'choice' ? { ...base, options: q.choices.join('\n'), option: q.choices } : base;
      }),
    })),
  };
}

export const ROOM_EVALUATION_INPUT = In.object({
  room_id: ROOM_ID(),
  evaluate_id: In.int({ min: 1, description: 'The evaluation template (id of getEvaluationList)' }),
});

/**
 * 52 `/openapi/evaluation/bindRoomEvaluation` and 53 `updateRoomEvaluation` (pro): the room asks
 * for this template from then on. A room has one template; both calls set it, whether or not
 * one was set before (binding the same template again changes nothing).
 */
export async function setRoomEvaluation(ctx: WithInput<BaijiayunContext, typeof ROOM_EVALUATION_INPUT>) {
  requireFeature(ctx, 'pro');
  const room = await roomByNumber(ctx, ctx.input.room_id);
  if (!(await ctx.services.evaluations.template(ctx.tenant.id, ctx.input.evaluate_id))) {
    throw new ParamProblem('evaluate_id', 'out_of_range', `evaluate_id ${ctx.input.evaluate_id} is not an evaluation template of this account`);
  }
  await ctx.services.evaluations.bindRoom(room, ctx.input.evaluate_id);
  return null;
}
