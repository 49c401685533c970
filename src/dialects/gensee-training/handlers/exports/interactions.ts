import type { PollWithResponses } from '../../../../core/activity.js';
import type { PollQuestion } from '../../../../core/ingestion.js';
import { tallyPoll } from '../../../../core/poll-tally.js';
import type { WithInput } from '../../../framework/dialect.js';
import { rollcallSummaries, voteOptions } from '../../../shared/gensee-exports.js';
import { listItem } from '../../../shared/gensee-lists.js';
import { streamedList } from '../../../framework/streamed-envelope.js';
import type { TrainingContext } from '../../context.js';
import { type EXPORT_INPUT, exportScope, STUDENT_ROLES } from './common.js';

type ExportContext = WithInput<TrainingContext, typeof EXPORT_INPUT>;

/** 5.19 `/training/export/qa`: questions asked in the window; answer fields are left out until answered (§3.5). */
export async function exportQa(ctx: ExportContext) {
  const { filter } = await exportScope(ctx);
  if (!filter) return { list: [] };
  return {
    list: streamedList(ctx.services.activity.questionChunks(filter), (rows) => rows.map((q) => listItem({
      submitter: q.asker_participant_id,
      // a String "true"/"false" here (a boolean in Webcast).
      published: String(q.published === 1),
      submitTime: q.asked_at,
      name: q.asker_name,
      answerBy: q.answerer_participant_id,
      question: q.content,
      response: q.answer,
      answerTime: q.answered_at,
    }))),
  };
}

/** 5.20 `/training/export/rollcall`: roll-calls started in the window, with who answered and who did not. */
export async function exportRollcalls(ctx: ExportContext) {
  const { room, filter } = await exportScope(ctx);
  if (!filter) return { rollcall: [] };
  return {
    rollcall: streamedList(ctx.services.activity.rollcallChunks(filter), async (calls) => {
      const summaries = await rollcallSummaries(ctx, room.id, calls);
      return summaries.map((summary, i) => ({ id: String(calls[i].rollcall.id), ...summary }));
    }),
  };
}

/** Votes (投票, quizzes count as votes) and answer cards (答题卡): 5.21 `type` 0 and 1. */
const VOTE_TYPES: Record<string, number> = { vote: 0, quiz: 0, answer_card: 1 };
/** 5.21 options[].type: 0 single, 1 multiple choice, 2 text (a judgement is a single choice). */
const QUESTION_TYPES: Record<string, number> = { single: 0, judge: 0, multi: 1, text: 2 };

/** The correct options as 1-based positions joined by commas (`1,2`); none marked: left out. */
function correctAnswer(q: PollQuestion): string | undefined {
  const positions = q.options.flatMap((o, i) => (o.correct ? [String(i + 1)] : []));
  return positions.length ? positions.join(',') : undefined;
}

function voteItem(p: PollWithResponses) {
  return listItem({
    id: String(p.poll.id),
    subject: p.poll.title || undefined,
    type: VOTE_TYPES[p.poll.kind],
    questions: tallyPoll(p).map((q) => {
      const type = QUESTION_TYPES[q.question.type] ?? (q.question.options.length ? 0 : 2);
      return listItem({
        id: String(q.question.id),
        content: q.question.content || undefined,
        answer: correctAnswer(q.question),
        // `type` is printed at option level; it is the question's, repeated on each option.
        options: voteOptions(q, 'content').map((o) => ({ ...o, type })),
      });
    }),
  });
}

/** 5.21 `/training/export/vote`: votes and answer cards published in the window, with every respondent. */
export async function exportVotes(ctx: ExportContext) {
  const { filter } = await exportScope(ctx);
  if (!filter) return { list: [] };
  return { list: streamedList(ctx.services.activity.pollChunks({ ...filter, kinds: Object.keys(VOTE_TYPES) }), (polls) => polls.map(voteItem)) };
}

/** 5.26 `/training/export/chat`: the students' public chat in the window; private messages are never exported. */
export async function exportChat(ctx: ExportContext) {
  const { filter } = await exportScope(ctx);
  if (!filter) return { list: [] };
  const chunks = ctx.services.activity.chatChunks({ ...filter, publicOnly: true, senderRoles: [...STUDENT_ROLES] });
  return {
    list: streamedList(chunks, (rows) => rows.map((m) => listItem({ time: m.sent_at, sender: m.sender_name, senderId: m.sender_participant_id, msg: m.content }))),
  };
}
