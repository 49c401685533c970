import { describe, expect, it } from 'vitest';
import type { PollWithResponses } from './activity.js';
import type { PollAnswers, PollDefinition } from './ingestion.js';
import { tallyPoll } from './poll-tally.js';

function poll(definition: PollDefinition, answers: Array<[string, PollAnswers]>): PollWithResponses {
  return {
    poll: { id: 1, tenant_id: 't', room_id: 1, session_id: null, kind: 'vote', title: 'p', publisher_participant_id: null, publisher_name: null, published_at: 0, closed_at: null, definition: JSON.stringify(definition) },
    definition,
    responses: answers.map(([name, parsed], i) => ({
      id: i + 1, tenant_id: 't', poll_id: 1, room_id: 1, session_id: null, participant_id: 100 + i, name, answers: JSON.stringify(parsed), submitted_at: 1000 + i, parsed,
    })),
  };
}

const choice: PollDefinition = { questions: [{ id: 1, type: 'multi', content: 'Q', options: [{ id: 1, value: 'A' }, { id: 2, value: 'B' }, { id: 3, value: 'C' }] }] };

describe('tallyPoll', () => {
  it('counts each option against the respondents of its question (multi-choice shares can exceed 100 in sum)', () => {
    const [q] = tallyPoll(poll(choice, [['x', { 1: [1, 2] }], ['y', { 1: [2] }], ['z', { 1: [2, 3] }]]));
    expect(q.respondents).toBe(3);
    expect(q.options.map((o) => [o.value, o.chosenBy.map((w) => w.name), o.percent])).toEqual([['A', ['x'], 33.33], ['B', ['x', 'y', 'z'], 100], ['C', ['z'], 33.33]]);
    expect(q.answers.map((a) => a.text)).toEqual(['A,B', 'B', 'B,C']);
    expect(q.texts).toEqual([]);
  });

  it('keeps answers that name unknown options or are text as free text, and skips empty answers', () => {
    const [q] = tallyPoll(poll(choice, [['x', { 1: [1, 9] }], ['y', { 1: 'typed' }], ['z', { 1: [] }], ['w', { 2: [1] }], ['v', { 1: '' }]]));
    expect(q.respondents).toBe(2);
    expect(q.options[0].chosenBy.map((w) => w.name)).toEqual(['x']);
    expect(q.texts.map((t) => [t.name, t.text])).toEqual([['x', 'A,9'], ['y', 'typed']]);
    expect(q.textPercent).toBe(100);
  });

  it('answers 0 percent, not NaN, when nobody answered', () => {
    const [q] = tallyPoll(poll(choice, []));
    expect(q.options.every((o) => o.percent === 0)).toBe(true);
    expect(q.textPercent).toBe(0);
  });
});
