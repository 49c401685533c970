import type { QuestionRow } from '../../../../storage/schema.js';
import { SESSION_EXPORT } from '../../../shared/gensee-window.js';
import { streamedList } from '../../../framework/streamed-envelope.js';
import { exportScope, shown, type ExportContext } from './common.js';

/** One 5.16 item; user ids are participant ids, answer fields are left out until answered (§3.5). */
function qaItem(q: QuestionRow) {
  return {
    submitTime: q.asked_at,
    published: q.published === 1,
    question: q.content,
    response: shown(q.answer),
    responder: shown(q.answerer_name),
    submitter: shown(q.asker_participant_id),
    answerBy: shown(q.answerer_participant_id),
    name: q.asker_name,
  };
}

/** 5.16 `/webcast/export/qa`: questions asked in the window (the range filters on the asking time). */
export async function exportQa(ctx: ExportContext) {
  const { filter } = await exportScope(ctx, SESSION_EXPORT);
  return { qaList: filter ? streamedList(ctx.services.activity.questionChunks(filter), (rows) => rows.map(qaItem)) : [] };
}
