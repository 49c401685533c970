import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cc, createTestEnv, newTenant, type TestEnv } from '../../../test/harness.js';
import type { RoomRow } from '../../storage/schema.js';
import type { TenantCredentials } from '../provision.js';

/** Endpoints 7, 8 and 9. T0 = 2024-03-01 10:00:00 Beijing time (the default zone). */
const T0 = Date.UTC(2024, 2, 1, 2, 0, 0);
const min = (m: number) => T0 + m * 60_000;
const DAY = 86_400_000;

let env: TestEnv;
let a: TenantCredentials;
let b: TenantCredentials;
let room: RoomRow;
let otherRoom: RoomRow;
let live1: string;
let live2: string;
let v: Record<'teacher' | 's1' | 's2', string>;

const teacher = { key: 'teacher', name: 'Ms Chen' };
const s1 = { key: 's1', name: 'Student One' };
const s2 = { key: 's2', name: 'Student Two' };
const opts = (...values: string[]) => values.map((value, i) => ({ id: 11 + i, value }));

beforeAll(async () => {
  env = await createTestEnv();
  a = await newTenant(env, 'Alpha');
  b = await newTenant(env, 'Beta');
  const ing = env.services.ingestion;
  room = await env.services.rooms.create({ tenantId: a.tenant.id, kind: 'large_class', title: 'Maths' });
  otherRoom = await env.services.rooms.create({ tenantId: a.tenant.id, kind: 'large_class', title: 'Other' });

  await ing.startSession(room, T0);
  // A one-question vote, then a two-question vote (two CC votes).
  const vote1 = await ing.publishPoll({ room, kind: 'vote', title: 'Pace?', publisher: teacher, at: min(10),
    definition: { questions: [{ id: 1, type: 'single', content: 'How is the pace?', options: opts('slow', 'fine', 'fast') }] } });
  await ing.respondPoll({ room, pollId: vote1, who: s1, answers: { 1: [12] }, at: min(10.5) });
  await ing.respondPoll({ room, pollId: vote1, who: s2, answers: { 1: [13] }, at: min(10.6) });
  const vote2 = await ing.publishPoll({ room, kind: 'vote', title: 'Survey', publisher: teacher, at: min(15),
    definition: { questions: [
      { id: 1, type: 'multi', content: 'Which topics?', options: opts('algebra', 'geometry', 'calculus') },
      { id: 2, type: 'single', content: 'More homework?', options: opts('yes', 'no') },
    ] } });
  await ing.respondPoll({ room, pollId: vote2, who: s1, answers: { 1: [13, 11], 2: [12] }, at: min(15.5) });
  await ing.respondPoll({ room, pollId: vote2, who: s2, answers: { 2: [11] }, at: min(15.6) });
  // Answer cards: one with a correct option, one multi with two, one where the teacher marked none.
  const card1 = await ing.publishPoll({ room, kind: 'answer_card', title: 'Q1', publisher: teacher, at: min(20),
    definition: { questions: [{ id: 1, type: 'single', content: '2 + 3 = ?', options: [{ id: 1, value: '4' }, { id: 2, value: '5', correct: true }, { id: 3, value: '6' }] }] } });
  await ing.respondPoll({ room, pollId: card1, who: s1, answers: { 1: [2] }, at: min(20) + 30_000 });
  await ing.respondPoll({ room, pollId: card1, who: s2, answers: { 1: [1] }, at: min(20) + 45_000 });
  const card2 = await ing.publishPoll({ room, kind: 'answer_card', title: 'Q2', publisher: teacher, at: min(22),
    definition: { questions: [{ id: 1, type: 'multi', content: 'primes', options: [{ id: 1, value: '2', correct: true }, { id: 2, value: '4' }, { id: 3, value: '5', correct: true }, { id: 4, value: '9' }] }] } });
  await ing.respondPoll({ room, pollId: card2, who: s1, answers: { 1: [3, 1] }, at: min(22.5) });
  await ing.publishPoll({ room, kind: 'answer_card', title: 'Q3', publisher: teacher, at: min(24),
    definition: { questions: [{ id: 1, type: 'single', content: 'opinion', options: [{ id: 1, value: 'a' }, { id: 2, value: 'b' }] }] } });
  // A brainstorm with free-text answers.
  const storm = await ing.publishPoll({ room, kind: 'brainstorm', title: 'Ideas', publisher: teacher, at: min(30),
    definition: { questions: [{ id: 1, type: 'text', content: 'How could class be better?', options: [] }] } });
  await ing.respondPoll({ room, pollId: storm, who: s1, answers: { 1: 'more practice' }, at: min(31) });
  await ing.respondPoll({ room, pollId: storm, who: s2, answers: { 1: '多做练习' }, at: min(32) });
  live1 = (await ing.endSession(room, min(60)))!.public_id;

  // Live 2, the next day: one more vote and one more brainstorm.
  await ing.startSession(room, T0 + DAY);
  await ing.publishPoll({ room, kind: 'vote', title: 'Again?', publisher: teacher, at: T0 + DAY + 60_000,
    definition: { questions: [{ id: 1, type: 'single', content: 'Again?', options: opts('yes', 'no') }] } });
  await ing.publishPoll({ room, kind: 'brainstorm', title: 'More ideas', publisher: teacher, at: T0 + DAY + 120_000,
    definition: { questions: [{ id: 1, type: 'text', content: 'Anything else?', options: [] }] } });
  live2 = (await ing.endSession(room, T0 + DAY + 3_600_000))!.public_id;

  const people = env.services.participants;
  const vid = async (key: string) => (await people.byKey(a.tenant.id, key))!.viewer_id;
  v = { teacher: await vid('teacher'), s1: await vid('s1'), s2: await vid('s2') };
});
afterAll(() => env?.close());

const R = () => room.public_id.toUpperCase();
const HEX32 = /^[0-9a-f]{32}$/;

describe('7 /collect/brainstom/record (sic)', () => {
  const path = '/collect/brainstom/record';

  it('lists brainstorms with their free-text replies; the id field is brainsstom_id (sic)', async () => {
    const { json } = await cc(env, a, path, { roomid: R(), liveid: live1 });
    expect(json).toEqual({
      result: 'OK', page_size: 1, page_length: 20, page_count: 1,
      data: [{
        reply_data: [
          { content: 'more practice', uid: v.s1, uname: 'Student One' },
          { content: '多做练习', uid: v.s2, uname: 'Student Two' },
        ],
        publish_data: {
          content: 'How could class be better?', brainsstom_id: expect.stringMatching(HEX32), publish_time: '2024-03-01 10:30:00', roomid: R(),
          title: 'Ideas', uid: v.teacher, liveid: live1, uname: 'Ms Chen',
        },
      }],
      error_msg: '',
    });
  });

  it('without liveid covers every live of the room (C-17)', async () => {
    const { json } = await cc(env, a, path, { roomid: R() });
    expect(json.data.map((d: { publish_data: { title: string; liveid: string } }) => [d.publish_data.title, d.publish_data.liveid])).toEqual([['Ideas', live1], ['More ideas', live2]]);
    expect(json.data[1].reply_data).toEqual([]);
  });
});

describe('8 /collect/vote/record', () => {
  const path = '/collect/vote/record';

  it('lists votes, one per question, with 0-based choice indexes', async () => {
    const { json } = await cc(env, a, path, { roomid: R(), liveid: live1 });
    const by = { publish_time: '', roomid: R(), uid: v.teacher, liveid: live1, uname: 'Ms Chen' };
    expect(json).toMatchObject({ result: 'OK', page_size: 1, page_length: 20, page_count: 1, error_msg: '' });
    expect(json.data).toEqual([
      {
        reply_data: [{ uid: v.s1, choices: [1], uname: 'Student One' }, { uid: v.s2, choices: [2], uname: 'Student Two' }],
        publish_data: { ...by, style: 0, choices: ['slow', 'fine', 'fast'], publish_time: '2024-03-01 10:10:00', vote_id: expect.stringMatching(HEX32), title: 'Pace?' },
      },
      {
        reply_data: [{ uid: v.s1, choices: [0, 2], uname: 'Student One' }],
        publish_data: { ...by, style: 1, choices: ['algebra', 'geometry', 'calculus'], publish_time: '2024-03-01 10:15:00', vote_id: expect.stringMatching(HEX32), title: 'Which topics?' },
      },
      {
        reply_data: [{ uid: v.s1, choices: [1], uname: 'Student One' }, { uid: v.s2, choices: [0], uname: 'Student Two' }],
        publish_data: { ...by, style: 0, choices: ['yes', 'no'], publish_time: '2024-03-01 10:15:00', vote_id: expect.stringMatching(HEX32), title: 'More homework?' },
      },
    ]);
    expect(new Set(json.data.map((d: { publish_data: { vote_id: string } }) => d.publish_data.vote_id)).size).toBe(3);
  });

  it('pages: page_size is the page number, page_count the number of pages', async () => {
    const p2 = await cc(env, a, path, { roomid: R(), liveid: live1, page_size: 2, page_length: 2 });
    expect(p2.json).toMatchObject({ page_size: 2, page_length: 2, page_count: 2 });
    expect(p2.json.data.map((d: { publish_data: { title: string } }) => d.publish_data.title)).toEqual(['More homework?']);
    const all = await cc(env, a, path, { roomid: R(), page_length: 3 });
    expect(all.json).toMatchObject({ page_count: 2 });
    expect(all.json.data).toHaveLength(3);
  });

  it('keeps the ids stable between calls', async () => {
    const first = (await cc(env, a, path, { roomid: R() })).json.data.map((d: { publish_data: { vote_id: string } }) => d.publish_data.vote_id);
    const again = (await cc(env, a, path, { roomid: R() })).json.data.map((d: { publish_data: { vote_id: string } }) => d.publish_data.vote_id);
    expect(again).toEqual(first);
  });

  it('refuses a missing room, a live of another room, and another account', async () => {
    expect((await cc(env, a, path, { liveid: live1 })).json.error_msg).toMatch(/roomid is required/);
    expect((await cc(env, a, path, { roomid: otherRoom.public_id, liveid: live1 })).json.error_msg).toMatch(/not a live of room/);
    expect((await cc(env, a, path, { roomid: R(), liveid: 'ABCDEF0123456789' })).json.error_msg).toMatch(/live/);
    expect((await cc(env, b, path, { roomid: R() })).json).toMatchObject({ result: 'FAIL', data: null });
    expect((await cc(env, a, path, { roomid: otherRoom.public_id })).json).toMatchObject({ result: 'OK', data: [], page_count: 0 });
  });
});

describe('9 //collect/answercard/record', () => {
  const path = '//collect/answercard/record';

  it('lists answer cards: correct indexes ([-1] when none was marked), answers with their time', async () => {
    const { json } = await cc(env, a, path, { roomid: R(), liveid: live1 });
    expect(json).toEqual({
      result: 'OK', page_size: 1, page_length: 20, page_count: 1,
      data: [
        {
          publish_data: { qvote_id: expect.stringMatching(HEX32), uid: v.teacher, style: 0, count: 3, publish_time: '2024-03-01 10:20:00', liveid: live1, correct: [1] },
          reply_data: [
            { uid: v.s1, choice: [1], reply_time: '2024-03-01 10:20:30' },
            { uid: v.s2, choice: [0], reply_time: '2024-03-01 10:20:45' },
          ],
        },
        {
          publish_data: { qvote_id: expect.stringMatching(HEX32), uid: v.teacher, style: 1, count: 4, publish_time: '2024-03-01 10:22:00', liveid: live1, correct: [0, 2] },
          reply_data: [{ uid: v.s1, choice: [0, 2], reply_time: '2024-03-01 10:22:30' }],
        },
        {
          publish_data: { qvote_id: expect.stringMatching(HEX32), uid: v.teacher, style: 0, count: 2, publish_time: '2024-03-01 10:24:00', liveid: live1, correct: [-1] },
          reply_data: [],
        },
      ],
      error_msg: '',
    });
  });

  it('routes with one slash as well as the documented two (C-1)', async () => {
    const one = await cc(env, a, '/collect/answercard/record', { roomid: R(), page_length: 1, page_size: 3 });
    expect(one.json).toMatchObject({ result: 'OK', page_size: 3, page_length: 1, page_count: 3 });
    expect(one.json.data[0].publish_data.correct).toEqual([-1]);
    const two = await cc(env, a, '//collect/answercard/record/', { x: 1 }, { withoutAccount: true, omit: ['time', 'hash'] });
    expect(two.res.statusCode).toBe(200);
    expect(two.json.error_msg).toMatch(/userid is required/);
  });

  it('refuses another account', async () => {
    expect((await cc(env, b, path, { roomid: R(), liveid: live1 })).json.result).toBe('FAIL');
  });
});
