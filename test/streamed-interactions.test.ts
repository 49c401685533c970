import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bjy, cc, createTestEnv, createWebcast, gensee, newTenant, type TestEnv } from './harness.js';
import { expectGolden } from './golden.js';
import { streamGenseeExport } from './streaming-probe.js';
import { TRAINING, trainingRoom } from './training.js';
import { seedClass, seedInteractions, SEED_START, type SeededClass } from './export-data.js';
import type { TenantCredentials } from '../src/dialects/provision.js';
import type { RoomRow } from '../src/storage/schema.js';

/**
 * Golden comparison of the interaction exports and statistics (votes, surveys, roll-calls, medals,
 * praise, CC's poll histories and roll-call pages, Baijiayun's attendance report and peaks), as
 * test/streamed-exports.test.ts does for the attendance and chat exports: the answers for a seeded
 * class (hundreds of polls, thousands of rewards: several read chunks each) were captured from the
 * implementation that loaded every row at once, and must stay byte for byte the same.
 * `LECTERN_WRITE_GOLDEN=1` rewrites the fixture (only ever done on the unstreamed implementation).
 */
const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'interactions-golden.json');

let env: TestEnv;
let a: TenantCredentials;
let webcast: RoomRow;
let training: RoomRow;
let ws: SeededClass;
let ts: SeededClass;

beforeAll(async () => {
  env = await createTestEnv();
  a = await newTenant(env, 'Golden');
  webcast = await createWebcast(env, a, '大课', { startTime: SEED_START });
  ws = await seedClass(env.storage.db, webcast, 1200);
  await seedInteractions(env.storage.db, webcast, ws, { pollsPerKind: 60, rollcalls: 6, rewards: 1100 });
  training = await trainingRoom(env, a, '培训课', { scheduledStart: SEED_START });
  ts = await seedClass(env.storage.db, training, 600);
  await seedInteractions(env.storage.db, training, ts, { pollsPerKind: 40, rollcalls: 5, rewards: 1100, vodViews: 400 });
}, 180_000);
afterAll(async () => env?.close());

type Call = { name: string; run: () => Promise<unknown> };

function calls(): Call[] {
  const out: Call[] = [];
  const W = '/integration/site/webcast';
  const g = (p: string, params: Record<string, string | number>) => async () => (await gensee(env, a, `${W}${p}`, { webcastId: webcast.public_id, ...params })).json;
  const window = { startTime: '2024-03-01 10:30:00', endTime: '2024-03-01 11:29:00' };
  for (const p of ['/export/vote', '/export/survey', '/export/rollcall']) {
    out.push({ name: `webcast ${p}`, run: g(p, {}) });
    out.push({ name: `webcast ${p} window`, run: g(p, window) });
  }
  const t = (p: string, params: Record<string, string | number>) => async () => (await gensee(env, a, `${TRAINING}${p}`, { roomId: training.public_id, ...params })).json;
  for (const p of ['/export/vote', '/export/rollcall']) {
    out.push({ name: `training ${p}`, run: t(p, {}) });
    out.push({ name: `training ${p} window`, run: t(p, window) });
  }
  for (const p of ['/export/medal', '/export/praise', '/export/praise/detail']) {
    for (const pageNo of [1, 2, 3, 40, 1000]) out.push({ name: `training ${p} page ${pageNo}`, run: t(p, { pageNo }) });
    out.push({ name: `training ${p} window`, run: t(p, { ...window, pageNo: 2 }) });
  }
  out.push({ name: 'training /export/reward', run: t('/export/reward', { startDate: '2024-02-28', endDate: '2024-03-02' }) });
  out.push({ name: 'training /export/redpacket', run: t('/export/redpacket', {}) });
  out.push({ name: 'training /export/vod/concurrent', run: t('/export/vod/concurrent', { startDate: '2024-02-29', endDate: '2024-03-02' }) });
  const c = (p: string, params: Record<string, string | number>) => async () => (await cc(env, a, p, params)).json;
  for (const p of ['/collect/vote/record', '/collect/brainstom/record', '//collect/answercard/record']) {
    for (const [page, size] of [[1, 25], [2, 25], [3, 50], [8, 10], [100, 10]]) {
      out.push({ name: `cc ${p} room page ${page}/${size}`, run: c(p, { roomid: webcast.public_id, page_size: page, page_length: size }) });
    }
    out.push({ name: `cc ${p} live page 2/30`, run: c(p, { roomid: webcast.public_id, liveid: ws.session.public_id, page_size: 2, page_length: 30 }) });
  }
  for (const [index, num] of [[1, 50], [2, 50], [3, 7], [1, 500], [99, 50]]) {
    out.push({ name: `cc rollcall page ${index}/${num}`, run: c('/openapi/collect/rollcall/get', { live_id: ws.session.public_id, page_index: index, page_num: num }) });
  }
  const b = (p: string, params: Record<string, string | number>) => async () => {
    const { json } = await bjy(env, a, `/openapi${p}`, params);
    // The envelope's clock is the answer's own moment, not data.
    return { ...json, ts: 0 };
  };
  const room = webcast.numeric_id;
  for (const type of ['all', 'student', 'teacher']) out.push({ name: `bjy exportLiveReport ${type}`, run: b('/room_data/exportLiveReport', { room_id: room, type }) });
  out.push({ name: 'bjy exportLiveReport page 2/7', run: b('/room_data/exportLiveReport', { room_id: room, type: 'all', page: 2, page_size: 7 }) });
  out.push({ name: 'bjy exportLiveReport date', run: b('/room_data/exportLiveReport', { room_id: room, date: '2024-03-01', page: 1, page_size: 1000 }) });
  out.push({ name: 'bjy getRoomPeakUser', run: b('/room_data/getRoomPeakUser', { room_id: room, start_time: '2024-03-01 09:55:00', end_time: '2024-03-01 12:31:30' }) });
  out.push({ name: 'bjy getHourPeakUser', run: b('/live_account/getHourPeakUser', { product_type: 0, date: '2024-03-01' }) });
  out.push({ name: 'bjy getDayPeakUser', run: b('/live_account/getDayPeakUser', { start_date: '2024-02-28', end_date: '2024-03-02' }) });
  out.push({ name: 'bjy getAllRoomUserStat', run: b('/room_data/getAllRoomUserStat', { date: '2024-03-01' }) });
  out.push({ name: 'bjy getUserCheckinInfo', run: b('/room_data/getUserCheckinInfo', { room_id: room }) });
  out.push({ name: 'bjy getRoomQuiz', run: b('/room_data/getRoomQuiz', { room_id: room }) });
  out.push({ name: 'bjy exportAnswerStat', run: b('/room_data/exportAnswerStat', { room_id: room }) });
  out.push({ name: 'bjy exportQuestionnaireStat', run: b('/room_data/exportQuestionnaireStat', { room_id: room }) });
  out.push({ name: 'bjy getRoomRedPackage', run: b('/room-data/getRoomRedPackage', { room_id: room }) });
  out.push({ name: 'bjy exportQaStat', run: b('/room_data/exportQaStat', { room_id: room }) });
  out.push({ name: 'bjy getQuizUserAnswer', run: async () => {
    const quiz = await env.storage.db.selectFrom('polls').select('id').where('room_id', '=', webcast.id).where('kind', '=', 'quiz').orderBy('id').executeTakeFirstOrThrow();
    return b('/room_data/getQuizUserAnswer', { room_id: room, quiz_id: quiz.id + 3 })();
  } });
  out.push({ name: 'bjy getQuizUserAnswer of a vote', run: async () => {
    const vote = await env.storage.db.selectFrom('polls').select('id').where('room_id', '=', webcast.id).where('kind', '=', 'vote').orderBy('id').executeTakeFirstOrThrow();
    return b('/room_data/getQuizUserAnswer', { room_id: room, quiz_id: vote.id })();
  } });
  out.push({ name: 'bjy exportRoomPraiseStat', run: b('/room_data/exportRoomPraiseStat', { room_id: room }) });
  return out;
}

/** The answer as stored in the fixture: ids that differ between runs replaced by placeholders (room numbers sent as numbers too). */
function normalized(body: unknown): unknown {
  const ids: Array<[string, string]> = [
    [webcast.public_id, 'ROOM'], [training.public_id, 'TRAINING'], [ws.session.public_id, 'LIVE'], [ts.session.public_id, 'TLIVE'], [a.cc.userid, 'ACCOUNT'],
    [webcast.numeric_id, 'ROOMNO'], [training.numeric_id, 'TROOMNO'], [String(a.baijiayun.partner_id), 'PARTNER'],
  ];
  const text = (t: string) => ids.reduce((out, [id, name]) => out.split(id).join(`<${name}>`).split(id.toUpperCase()).join(`<${name}>`).split(id.toLowerCase()).join(`<${name}>`), t);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return text(v);
    if (typeof v === 'number') return ids.find(([id]) => Number(id) === v)?.[1] ?? v;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [text(k), walk(x)]));
    return v;
  };
  return walk(body);
}

describe('streamed interaction exports and statistics answer exactly what the unstreamed ones did', () => {
  it('every answer for the seeded classes matches the captured one', async () => {
    const answers: Record<string, unknown> = {};
    for (const call of calls()) answers[call.name] = normalized(await call.run());
    expectGolden(FIXTURE, answers);
    // The seed reaches the exports: none of them answered an error or nothing.
    const sizes = Object.fromEntries(Object.entries(answers).map(([name, answer]) => [name, JSON.stringify(answer).length]));
    expect((answers['webcast /export/vote'] as { voteList: unknown[] }).voteList.length).toBeGreaterThan(100);
    expect((answers['training /export/praise/detail page 40'] as { praiseDtos: unknown[] }).praiseDtos.length).toBe(50);
    expect((answers['cc /collect/vote/record room page 2/25'] as { data: unknown[] }).data.length).toBe(25);
    expect((answers['bjy exportLiveReport all'] as { data: { room_user_info: unknown[] } }).data.room_user_info.length).toBeGreaterThan(30);
    for (const [name, size] of Object.entries(sizes)) expect(size, name).toBeGreaterThan(20);
  }, 300_000);
});

describe('a large vote export streams while other requests are answered', () => {
  it('answers a signed call between the chunks of a 2,000-poll export (about 40,000 responses), which arrives whole and in order', async () => {
    const big = await createWebcast(env, a, '投票大课', { startTime: SEED_START });
    const bigSeed = await seedClass(env.storage.db, big, 200);
    await seedInteractions(env.storage.db, big, bigSeed, { pollsPerKind: 400, rollcalls: 0, rewards: 0 });
    const address = await env.app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const form = new URLSearchParams({ loginName: a.gensee.loginName, password: a.gensee.password, webcastId: big.public_id }).toString();
      // While it streams: a signed call of another dialect is answered before the export ends.
      const received = await streamGenseeExport(address, a.gensee.site, '/integration/site/webcast/export/vote', form, async () => {
        const small = await cc(env, a, '/collect/live/duration/', { liveid: bigSeed.session.public_id });
        expect(small.json.result).toBe('OK');
      });
      const body = JSON.parse(received) as { code: string; voteList: Array<{ subject: string }> };
      expect(body.code).toBe('0');
      // Votes, quizzes and answer cards of the live (400 of each kind, a few published outside it).
      const published = await env.storage.db.selectFrom('polls').select('title').where('session_id', '=', bigSeed.session.id).where('kind', 'in', ['vote', 'quiz', 'answer_card'])
        .orderBy('published_at').orderBy('id').execute();
      expect(published.length).toBeGreaterThan(1000);
      expect(body.voteList.map((v) => v.subject)).toEqual(published.map((p) => p.title));
    } finally {
      await env.app.close();
    }
  }, 300_000);
});
