import type { RollcallWithResponses } from '../../core/activity.js';
import type { QuestionTally } from '../../core/poll-tally.js';
import type { GenseeContext } from './gensee-auth.js';
import { shown } from './gensee-lists.js';

/** Teachers, assistants and panelists run the roll-call; they are not counted as absent. */
const STAFF_ROLES = ['host', 'assistant', 'speaker'];

/**
 * One roll-call of the roll-call exports. `total` is everyone who answered plus every student who
 * was in the room at some moment while the roll-call was open (an open roll-call runs to now);
 * `absent` = total − present.
 */
export async function rollcallSummary(ctx: GenseeContext, roomId: number, { rollcall, responses }: RollcallWithResponses) {
  const until = rollcall.ended_at ?? Date.now();
  const inRoom = await ctx.services.activity.participantsDuring(roomId, rollcall.started_at, until, { excludeRoles: STAFF_ROLES });
  const answered = new Set(responses.map((r) => r.participant_id));
  const users = [
    ...responses.map((r) => ({ id: r.participant_id, name: r.name, present: true })),
    ...inRoom.filter((p) => !answered.has(p.participantId)).map((p) => ({ id: p.participantId, name: p.name, present: false })),
  ];
  return {
    startTime: rollcall.started_at,
    endTime: shown(rollcall.ended_at),
    total: users.length,
    present: responses.length,
    absent: users.length - responses.length,
    users,
  };
}

/** `rollcallSummary` of each roll-call, in order. */
export async function rollcallSummaries(ctx: GenseeContext, roomId: number, calls: readonly RollcallWithResponses[]) {
  const out = [];
  for (const c of calls) out.push(await rollcallSummary(ctx, roomId, c));
  return out;
}

/** Who chose an option, or gave a free-text answer (under the dialect's text key). */
export type VoteRespondent = { nickName: string; uid: number } & Record<string, string | number>;

export interface VoteOption {
  value?: string;
  result: string;
  precentage: number;
  results: VoteRespondent[];
}

/**
 * The options of one question of the vote exports. Each option lists who chose it (`results` under
 * `options`, as both documents' columns put it). Free-text answers (a question without options)
 * form one option without `value` whose `results` carry each answer under `textKey` (Webcast
 * `answer`, Training `content`), so every answer is found at the same depth.
 */
export function voteOptions(q: QuestionTally, textKey: 'answer' | 'content'): VoteOption[] {
  const options: VoteOption[] = q.options.map((o) => ({
    value: o.value,
    result: String(o.chosenBy.length),
    precentage: o.percent, // sic: the documents' spelling, byte-exact
    results: o.chosenBy.map((w) => ({ nickName: w.name, uid: w.participantId })),
  }));
  if (q.texts.length > 0 || q.options.length === 0) {
    options.push({
      result: String(q.texts.length),
      precentage: q.textPercent,
      results: q.texts.map((t) => ({ nickName: t.name, uid: t.participantId, [textKey]: t.text })),
    });
  }
  return options;
}
