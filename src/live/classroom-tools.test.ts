import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { bjy, nowSeconds, type TestEnv } from '../../test/harness.js';
import type { TenantCredentials } from '../dialects/provision.js';
import { type LiveClient } from '../../test/live-client.js';
import { enterWithCode, startLiveServer, stopLiveServer } from '../../test/live-server.js';
import { drawWinners } from './commands.js';

let env: TestEnv;
let app: FastifyInstance;
let base: string;
let school: TenantCredentials;
const clients: LiveClient[] = [];

beforeAll(async () => {
  ({ env, app, base, school } = await startLiveServer('Tools School'));
});
afterAll(() => stopLiveServer(env && { env, app }, clients));

const join = (code: string, name: string): Promise<LiveClient> => enterWithCode({ app, base }, clients, code, name);

describe('the classroom tools the page uses: lottery, document pages, poll answers, rewards', () => {
  it('draws lottery winners among the students present, shows a document page, and tells only staff what students answered', async () => {
    const { json } = await bjy(env, school, '/openapi/room/create', { title: 'Tools', start_time: nowSeconds() + 60, end_time: nowSeconds() + 3600 });
    const room = json.data as { room_id: number; teacher_code: string; student_code: string };
    const teacher = await join(room.teacher_code, 'Teacher');
    const ann = await join(room.student_code, 'Ann');
    const bob = await join(room.student_code, 'Bob');
    await teacher.ok({ type: 'class.start' });

    const { lotteryId } = await teacher.ok({ type: 'lottery.draw', prize: 'A book', winners: 5 });
    const drawn = await ann.waitForEvent('lottery.drawn');
    expect(drawn.type === 'event' && drawn.event.data).toMatchObject({ id: lotteryId, prize: 'A book', winners: 2 });
    expect(drawn.type === 'event' && [...(drawn.event.data as { winnerNames: string[] }).winnerNames].sort()).toEqual(['Ann', 'Bob']);
    const awards = (await bjy(env, school, '/openapi/room_data/exportAwardStat', { room_id: room.room_id })).json;
    expect(awards.code).toBe(0);
    expect(JSON.stringify(awards.data)).toContain('A book');
    expect(await ann.call({ type: 'lottery.draw', prize: 'x', winners: 1 })).toMatchObject({ type: 'error', code: 'forbidden' });
    expect(await teacher.call({ type: 'lottery.draw', prize: 'x', winners: 0 })).toMatchObject({ type: 'error', code: 'invalid' });

    await teacher.ok({ type: 'document.show', page: 3, title: 'Chapter 1' });
    const shown = await bob.waitForEvent('document.shown');
    expect(shown.type === 'event' && shown.event.data).toEqual({ page: 3, title: 'Chapter 1' });
    expect(await teacher.call({ type: 'document.show', page: 0 })).toMatchObject({ type: 'error', code: 'invalid' });
    expect(await bob.call({ type: 'document.show', page: 2 })).toMatchObject({ type: 'error', code: 'forbidden' });

    const { pollId } = await teacher.ok({ type: 'poll.publish', title: 'Q', kind: 'quiz', questions: [{ type: 'single', content: '1+1?', options: [{ value: '2', correct: true }, { value: '3' }] }] });
    const published = await ann.waitForEvent('poll.published');
    // Students get the questions, not the answer key.
    expect(published.type === 'event' && published.event.data).toMatchObject({ questions: [{ id: 1, content: '1+1?', options: [{ id: 1, value: '2' }, { id: 2, value: '3' }] }] });
    expect(JSON.stringify(published)).not.toContain('correct');
    await ann.ok({ type: 'poll.answer', pollId, answers: { 1: [1] } });
    const toTeacher = await teacher.waitForEvent('poll.answered');
    const toBob = await bob.waitForEvent('poll.answered');
    expect(toTeacher.type === 'event' && toTeacher.event.data).toMatchObject({ answers: { 1: [1] } });
    expect(toBob.type === 'event' && toBob.event.data).not.toHaveProperty('answers');

    await teacher.ok({ type: 'reward', to: (await bob.welcome()).participantId, kind: 'red_packet', amount: 5 });
    const reward = await bob.waitForEvent('reward.given');
    expect(reward.type === 'event' && reward.event.data).toMatchObject({ kind: 'red_packet', toName: 'Bob', amount: 5 });
  });

  it('draws each person at most once, and everyone when there are fewer than asked', () => {
    const people = ['a', 'b', 'c', 'd'];
    for (let i = 0; i < 20; i++) {
      const two = drawWinners(people, 2);
      expect(new Set(two).size).toBe(2);
      expect(two.every((p) => people.includes(p))).toBe(true);
    }
    expect(drawWinners(people, 10).sort()).toEqual(people);
    expect(drawWinners([], 3)).toEqual([]);
  });
});
