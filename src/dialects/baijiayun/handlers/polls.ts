import { pollDefinition, type PollWithResponses } from '../../../core/activity.js';
import type { PollRow } from '../../../storage/schema.js';
import { streamedList } from '../../framework/streamed-envelope.js';
import type { PollAnswers, PollQuestion } from '../../../core/ingestion.js';
import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { ParamProblem } from '../../framework/params.js';
import type { BaijiayunContext } from '../context.js';
import { requireFeature } from '../features.js';
import { bjyTime, classDay, DATE, peopleOf, ROOM_ID, roomByNumber, userNumberOf } from './data-common.js';

/** Which recorded polls each export reads: quizzes (测验), questionnaires and forms (邀请函), and clicker questions (答题器). */
const QUIZ_KINDS = ['quiz'];
const QUESTIONNAIRE_KINDS = ['questionnaire', 'survey'];
const ANSWERER_KINDS = ['answerer', 'answer_card'];

/**
 * A question's id on the wire: unique in the account, as the vendor's are. Poll questions are
 * numbered within their poll, so the poll's id leads: poll 12's question 3 is 12003.
 */
export const questionIdOf = (pollId: number, questionId: number): number => pollId * 1000 + questionId;

const QUESTION_TYPES: Record<string, string> = { judge: 'judge_question', single: 'single_select', multi: 'multi_select', text: 'question_answer' };
const hasOptions = (q: PollQuestion) => q.type !== 'text' && q.options.length > 0;

/** The answer of one response to one question, as text: chosen option ids comma-separated, or the free text. */
function answerText(answers: PollAnswers, q: PollQuestion, choice: (optionId: number) => string = String): string | undefined {
  const a = answers[String(q.id)];
  if (a === undefined) return undefined;
  return Array.isArray(a) ? a.map(choice).join(',') : a;
}

/** The room's polls of these kinds in the window, a chunk at a time, with their responses. */
function pollChunks(ctx: BaijiayunContext, roomId: number, kinds: string[], window: { from?: number; to?: number } = {}): AsyncGenerator<PollWithResponses[]> {
  return ctx.services.activity.pollChunks({ tenantId: ctx.tenant.id, roomId, kinds, ...window });
}

/** The same polls without their responses (definitions only). */
function pollRowChunks(ctx: BaijiayunContext, roomId: number, kinds: string[], window: { from?: number; to?: number } = {}): AsyncGenerator<PollRow[]> {
  return ctx.services.activity.pollRowChunks({ tenantId: ctx.tenant.id, roomId, kinds, ...window });
}

export const ROOM_QUIZ_INPUT = In.object({ room_id: ROOM_ID() });

/** 28 `/openapi/room_data/getRoomQuiz`: the room's quizzes with their questions, options and answer keys. */
export async function getRoomQuiz(ctx: WithInput<BaijiayunContext, typeof ROOM_QUIZ_INPUT>) {
  const room = await roomByNumber(ctx, ctx.input.room_id);
  return {
    quiz_list: streamedList(pollRowChunks(ctx, room.id, QUIZ_KINDS), (rows) => rows.map((poll) => {
      const definition = pollDefinition(poll);
      return {
        quiz_id: poll.id,
        title: poll.title,
        force_join: definition.forceJoin === true ? 1 : 0,
        question_list: definition.questions.map((q) => {
          const base = { question_id: questionIdOf(poll.id, q.id), type: QUESTION_TYPES[q.type] ?? (hasOptions(q) ? 'single_select' : 'question_answer'), title: q.content };
          if (!hasOptions(q)) return { ...base, suggested_solution: q.solution ?? '' };
          // is_right is typed string in the table but the vendor sends 1/0 (catalog §5-20): numbers, as sent.
          return { ...base, option_list: q.options.map((o) => ({ option_id: o.id, value: o.value, is_right: o.correct ? 1 : 0 })) };
        }),
      };
    })),
  };
}

export const QUIZ_ANSWER_INPUT = In.object({ room_id: ROOM_ID(), quiz_id: In.int({ min: 1, description: 'The quiz (quiz_id of getRoomQuiz)' }) });

/** 29 `/openapi/room_data/getQuizUserAnswer`: each student's answers to one quiz of the room. */
export async function getQuizUserAnswer(ctx: WithInput<BaijiayunContext, typeof QUIZ_ANSWER_INPUT>) {
  const room = await roomByNumber(ctx, ctx.input.room_id);
  const row = await ctx.services.activity.pollRow(ctx.tenant.id, room.id, ctx.input.quiz_id, QUIZ_KINDS);
  const [quiz] = row ? await ctx.services.activity.withResponses([row]) : [];
  if (!quiz) throw new ParamProblem('quiz_id', 'out_of_range', `quiz_id ${ctx.input.quiz_id} is not a quiz of room ${room.numeric_id}`);
  const people = await peopleOf(ctx, quiz.responses.map((r) => r.participant_id));
  return {
    student_answer_list: quiz.responses.map((r) => ({
      user_number: userNumberOf(people, r.participant_id),
      user_name: r.name,
      answer_list: quiz.definition.questions.flatMap((q) => {
        const answer = answerText(r.parsed, q);
        return answer === undefined ? [] : [{ question_id: questionIdOf(quiz.poll.id, q.id), answer }];
      }),
    })),
  };
}

export const DATED_ROOM_INPUT = In.object({
  room_id: ROOM_ID(),
  date: In.optional(DATE('The class day; required for long-term rooms')),
});

/**
 * 41 `/openapi/room_data/exportQuestionnaireStat` (pro): the room's questionnaires (forms) of the
 * window: every question, and one `{question_id: answer}` per respondent and questionnaire (choices
 * by their text). `total` counts those answer sets.
 */
export async function exportQuestionnaireStat(ctx: WithInput<BaijiayunContext, typeof DATED_ROOM_INPUT>) {
  requireFeature(ctx, 'pro');
  const room = await roomByNumber(ctx, ctx.input.room_id);
  const window = classDay(ctx, room, ctx.input.date);
  // Two passes over the forms, a chunk at a time: their answer sets, then their questions. The
  // count comes from the database first: the envelope around the lists is written before they stream.
  const total = await ctx.services.activity.pollResponseCount({ tenantId: ctx.tenant.id, roomId: room.id, kinds: QUESTIONNAIRE_KINDS, ...window });
  const userAnswers = streamedList(pollChunks(ctx, room.id, QUESTIONNAIRE_KINDS, window), (forms) => forms.flatMap(({ poll, definition, responses }) => responses.map((r) => {
    const answers: Record<string, string> = {};
    for (const q of definition.questions) {
      const text = answerText(r.parsed, q, (id) => q.options.find((o) => o.id === id)?.value ?? String(id));
      if (text !== undefined) answers[String(questionIdOf(poll.id, q.id))] = text;
    }
    return answers;
  })));
  const question = streamedList(pollRowChunks(ctx, room.id, QUESTIONNAIRE_KINDS, window), (rows) => rows.flatMap((poll) => pollDefinition(poll).questions.map((q) => ({
    question_id: questionIdOf(poll.id, q.id),
    title: q.content,
    option_list: q.options.map((o) => o.value),
    create_time: bjyTime(poll.published_at, ctx.zone),
  }))));
  return { list: { user_answer_list: userAnswers, question }, total };
}

const letter = (index: number) => (index < 26 ? String.fromCharCode(65 + index) : String(index + 1));

/**
 * 42 `/openapi/room_data/exportAnswerStat` (pro): the room's clicker questions of the window: options
 * lettered A, B, … in order, the right ones, and each student's choice and whether it was exactly right.
 */
export async function exportAnswerStat(ctx: WithInput<BaijiayunContext, typeof DATED_ROOM_INPUT>) {
  requireFeature(ctx, 'pro');
  const room = await roomByNumber(ctx, ctx.input.room_id);
  const window = classDay(ctx, room, ctx.input.date);
  // `total` (the questions with options) is counted in a first pass over the definitions; the list streams.
  let total = 0;
  for await (const rows of pollRowChunks(ctx, room.id, ANSWERER_KINDS, window)) for (const poll of rows) total += pollDefinition(poll).questions.filter(hasOptions).length;
  const list = streamedList(pollChunks(ctx, room.id, ANSWERER_KINDS, window), async (cards) => {
    const people = await peopleOf(ctx, cards.flatMap((c) => c.responses.map((r) => r.participant_id)));
    return cards.flatMap(({ poll, definition, responses }) => definition.questions.filter(hasOptions).map((q) => {
      const letters = (ids: readonly number[]) => q.options.map((o, i) => (ids.includes(o.id) ? letter(i) : null)).filter((l): l is string => l !== null).join(',');
      const right = q.options.filter((o) => o.correct).map((o) => o.id);
      const questionId = questionIdOf(poll.id, q.id);
      return {
        question_id: questionId,
        description: q.content,
        right_option: letters(right),
        option_list: q.options.map((o, i) => ({ option: letter(i), is_right: o.correct === true })),
        student_answer: responses.flatMap((r) => {
          const chosen = r.parsed[String(q.id)];
          if (!Array.isArray(chosen)) return [];
          const exact = right.length > 0 && chosen.length === right.length && chosen.every((id) => right.includes(id));
          return [{ user_number: userNumberOf(people, r.participant_id), user_name: r.name, question_id: questionId, select_option: letters(chosen), is_right: exact }];
        }),
      };
    }));
  });
  return { list, total };
}
