import type { PollWithResponses } from '../../../../core/activity.js';
import { tallyPoll, type QuestionTally } from '../../../../core/poll-tally.js';
import { SESSION_EXPORT, SURVEY_EXPORT } from '../../export-window.js';
import { exportScope, type ExportContext } from './common.js';

/** Poll kinds a webcast shows as 投票 (votes, quizzes, answer cards); surveys are 问卷. */
const VOTE_KINDS = ['vote', 'quiz', 'answer_card'];
const SURVEY_KINDS = ['survey', 'questionnaire'];

interface VoteOption {
  value?: string;
  result: string;
  precentage: number;
  results: Array<{ nickName: string; uid: number; answer?: string }>;
}

/**
 * One question of 5.14. Each option lists who chose it (catalog A-17: `results` sits under `options`,
 * as the document's columns put it). Free-text answers (a question without options) form one option
 * without `value` whose `results` carry each `answer`, so every answer is found at the same depth.
 */
function voteQuestion(q: QuestionTally) {
  const options: VoteOption[] = q.options.map((o) => ({
    value: o.value,
    result: String(o.chosenBy.length),
    precentage: o.percent, // sic: the document's spelling, byte-exact
    results: o.chosenBy.map((w) => ({ nickName: w.name, uid: w.participantId })),
  }));
  if (q.texts.length > 0 || q.options.length === 0) {
    options.push({
      result: String(q.texts.length),
      precentage: q.textPercent,
      results: q.texts.map((t) => ({ nickName: t.name, uid: t.participantId, answer: t.text })),
    });
  }
  return { content: q.question.content, options };
}

/** 5.14 `/webcast/export/vote`: every poll initiated in the window, with each respondent. */
export async function exportVotes(ctx: ExportContext) {
  const { filter } = await exportScope(ctx, SESSION_EXPORT);
  const polls = filter ? await ctx.services.activity.polls({ ...filter, kinds: VOTE_KINDS }) : [];
  return { voteList: polls.map((p) => ({ subject: p.poll.title, questions: tallyPoll(p).map(voteQuestion) })) };
}

function lastSubmission(p: PollWithResponses): number | undefined {
  return p.responses.reduce<number | undefined>((max, r) => (max === undefined || r.submitted_at > max ? r.submitted_at : max), undefined);
}

/**
 * 5.15 `/webcast/export/survey`. `submitTime` sits at survey level in the document (catalog A-18):
 * there it is the latest answer time; each response also carries its own `submitTime`.
 */
export async function exportSurveys(ctx: ExportContext) {
  const { filter } = await exportScope(ctx, SURVEY_EXPORT);
  const surveys = filter ? await ctx.services.activity.polls({ ...filter, kinds: SURVEY_KINDS }) : [];
  return {
    surveyList: surveys.map((p) => ({
      subject: p.poll.title,
      submitTime: lastSubmission(p),
      questions: tallyPoll(p).map((q) => ({
        question: q.question.content,
        responses: q.answers.map((a) => ({ name: a.name, uid: a.participantId, response: a.text, submitTime: a.submittedAt })),
      })),
    })),
  };
}
