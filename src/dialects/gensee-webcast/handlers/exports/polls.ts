import type { PollWithResponses } from '../../../../core/activity.js';
import { tallyPoll, type QuestionTally } from '../../../../core/poll-tally.js';
import { streamedList } from '../../../framework/streamed-envelope.js';
import { voteOptions } from '../../../shared/gensee-exports.js';
import { SESSION_EXPORT, SURVEY_EXPORT } from '../../../shared/gensee-window.js';
import { exportScope, type ExportContext } from './common.js';

/** Poll kinds a webcast shows as 投票 (votes, quizzes, answer cards); surveys are 问卷. */
const VOTE_KINDS = ['vote', 'quiz', 'answer_card'];
const SURVEY_KINDS = ['survey', 'questionnaire'];

/** One question of 5.14 (catalog A-17: `results` sits under `options`; free-text answers under `answer`). */
function voteQuestion(q: QuestionTally) {
  return { content: q.question.content, options: voteOptions(q, 'answer') };
}

/** 5.14 `/webcast/export/vote`: every poll initiated in the window, with each respondent (streamed, a chunk of polls at a time). */
export async function exportVotes(ctx: ExportContext) {
  const { filter } = await exportScope(ctx, SESSION_EXPORT);
  if (!filter) return { voteList: [] };
  const chunks = ctx.services.activity.pollChunks({ ...filter, kinds: VOTE_KINDS });
  return { voteList: streamedList(chunks, (polls) => polls.map((p) => ({ subject: p.poll.title, questions: tallyPoll(p).map(voteQuestion) }))) };
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
  if (!filter) return { surveyList: [] };
  const chunks = ctx.services.activity.pollChunks({ ...filter, kinds: SURVEY_KINDS });
  return {
    surveyList: streamedList(chunks, (surveys) => surveys.map((p) => ({
      subject: p.poll.title,
      submitTime: lastSubmission(p),
      questions: tallyPoll(p).map((q) => ({
        question: q.question.content,
        responses: q.answers.map((a) => ({ name: a.name, uid: a.participantId, response: a.text, submitTime: a.submittedAt })),
      })),
    }))),
  };
}
