import type { PollWithResponses } from './activity.js';
import type { PollQuestion } from './ingestion.js';

/** One person's answer to one question, as recorded. */
export interface AnswerBy {
  participantId: number;
  name: string;
  submittedAt: number;
}

export interface OptionTally {
  id: number;
  value: string;
  /** Who chose this option, in submission order. */
  chosenBy: AnswerBy[];
  /** Share of the question's respondents who chose it, in percent with two decimals (0 when nobody answered). */
  percent: number;
}

export interface QuestionTally {
  question: PollQuestion;
  /** How many people answered this question at all. */
  respondents: number;
  options: OptionTally[];
  /**
   * Free-text answers: answers to text questions, and any answer that does not name options
   * (kept rather than dropped, so an export shows everything that was recorded).
   */
  texts: Array<AnswerBy & { text: string }>;
  /** Share of the respondents who gave a free-text answer, in percent like `OptionTally.percent`. */
  textPercent: number;
  /** Every respondent's answer in readable form: option values joined by ",", or the text. */
  answers: Array<AnswerBy & { text: string }>;
}

const percentOf = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part * 10_000) / whole) / 100);

/** Counts a poll's responses per question and option. */
export function tallyPoll(poll: PollWithResponses): QuestionTally[] {
  return poll.definition.questions.map((question) => {
    const options = question.options.map((o) => ({ id: o.id, value: o.value, chosenBy: [] as AnswerBy[], percent: 0 }));
    const byId = new Map(options.map((o) => [o.id, o]));
    const texts: QuestionTally['texts'] = [];
    const answers: QuestionTally['answers'] = [];
    let respondents = 0;
    for (const r of poll.responses) {
      const answer = r.parsed[String(question.id)];
      if (answer === undefined || answer === null) continue;
      const who: AnswerBy = { participantId: r.participant_id, name: r.name, submittedAt: r.submitted_at };
      if (Array.isArray(answer)) {
        const chosen = answer.map((id) => byId.get(Number(id))).filter((o): o is OptionTally => o !== undefined);
        if (chosen.length === 0 && answer.length === 0) continue;
        respondents++;
        for (const o of chosen) o.chosenBy.push(who);
        if (chosen.length === answer.length) answers.push({ ...who, text: chosen.map((o) => o.value).join(',') });
        else {
          // Ids the definition does not know: keep what was sent, readable.
          const text = answer.map((id) => byId.get(Number(id))?.value ?? String(id)).join(',');
          texts.push({ ...who, text });
          answers.push({ ...who, text });
        }
      } else {
        const text = String(answer);
        if (text === '') continue;
        respondents++;
        texts.push({ ...who, text });
        answers.push({ ...who, text });
      }
    }
    for (const o of options) o.percent = percentOf(o.chosenBy.length, respondents);
    return { question, respondents, options, texts, textPercent: percentOf(texts.length, respondents), answers };
  });
}
