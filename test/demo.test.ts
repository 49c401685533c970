import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { bjy, cc, createTestEnv, gensee, type TestEnv } from './harness.js';
import { createDemoTenant } from '../src/demo/seed.js';
import type { RoomKind } from '../src/core/room-kind.js';
import type { TenantCredentials } from '../src/dialects/provision.js';
import { WEBCAST_ENDPOINTS } from '../src/dialects/gensee-webcast/endpoints.js';
import { TRAINING_ENDPOINTS } from '../src/dialects/gensee-training/endpoints.js';
import { formatDate } from '../src/dialects/framework/time.js';

let env: TestEnv;
let demo: TenantCredentials;
let webcastId: string;
let liveId: string;
let roomId: string;
/** The demo's training room (实时课堂), read through the Training API. */
let trainingRoomId: string;
let trainingCoursewareId: string;

beforeAll(async () => {
  env = await createTestEnv();
  demo = await createDemoTenant(env.services, { site: 'demo.example.test' });
  const page = await gensee(env, demo, '/integration/site/webcast/page');
  const webcast = (page.json.list as Array<{ id: string; subject: string }>).find((w) => w.subject.includes('数学'))!;
  webcastId = webcast.id;
  const room = (await env.services.rooms.find(demo.tenant.id, { publicId: webcastId }))!;
  roomId = room.public_id.toUpperCase();
  liveId = (await env.services.sessions.latestEnded(room.id))!.public_id;
  const rooms = await env.services.rooms.page(demo.tenant.id, { limit: 50 });
  const training = rooms.find((r) => r.kind === 'interactive_class')!;
  trainingRoomId = training.public_id;
  trainingCoursewareId = (await env.services.media.vodsOfRoom(training))[0].public_id;
});
afterAll(() => env?.close());

/** Issue 4 and 5: the demo tenant's classes give every export something to return. */
describe('the demo tenant', () => {
  const exports = WEBCAST_ENDPOINTS.filter((e) => /\/export\/(history|vote|survey|qa|rollcall|chat)$/.test(e.path));

  it.each(exports.map((e) => [e.path]))('%s returns recorded data for the demo webcast', async (path) => {
    const { json } = await gensee(env, demo, path, { webcastId });
    expect(json.code).toBe('0');
    const list = Object.values(json).find(Array.isArray) as unknown[];
    expect(list.length, JSON.stringify(json).slice(0, 300)).toBeGreaterThan(0);
  });

  it('usage lists the demo sessions', async () => {
    const now = Date.now();
    const { json } = await gensee(env, demo, '/integration/site/webcast/export/usage', { startTime: now - 6 * 86_400_000, endTime: now });
    expect(json.code).toBe('0');
    expect(json.list.length).toBeGreaterThanOrEqual(6);
  });

  it.each([
    ['/collect/live/usercount/', { liveid: '' }],
    ['/collect/live/user/record/', { roomid: '', liveid: '' }],
    ['/collect/live/chat/record/', { roomid: '', liveid: '' }],
    ['/collect/brainstom/record', { roomid: '' }],
    ['/collect/vote/record', { roomid: '' }],
    ['/collect/answercard/record', { roomid: '' }],
    ['/collect/reward/record', { roomid: '', liveid: '' }],
    ['/collect/live/gather', { roomid: '', liveid: '' }],
    ['/collect/room/client/info', { roomid: '' }],
  ] as Array<[string, Record<string, string>]>)('CC %s returns recorded data for a demo live', async (path, params) => {
    const filled = Object.fromEntries(Object.keys(params).map((k) => [k, k === 'roomid' ? roomId : liveId]));
    const { json } = await cc(env, demo, path, filled);
    expect(json.result, json.error_msg).toBe('OK');
    const data = json.data as unknown;
    const size = Array.isArray(data) ? data.length : Object.values(data as object).filter((v) => v !== 0 && v !== '' && !(Array.isArray(v) && v.length === 0)).length;
    expect(size, JSON.stringify(json).slice(0, 300)).toBeGreaterThan(0);
  });

  describe('through the Gensee Training API', () => {
    const T = '/integration/site/training';
    const now = Date.now();
    const day = (offset: number) => formatDate(now - offset * 86_400_000, 'Asia/Shanghai');
    const roomExports = TRAINING_ENDPOINTS.filter((e) => /^\/integration\/site\/training\/export\/(history|qa|rollcall|vote|chat|redpacket|medal|praise|praise\/detail)$/.test(e.path));

    it('lists every room export of the catalog', () => {
      expect(roomExports).toHaveLength(9);
    });

    it.each(roomExports.map((e) => [e.path]))('%s returns recorded data for the demo training room', async (path) => {
      const { json } = await gensee(env, demo, path, { roomId: trainingRoomId });
      expect(json.code, json.message).toBe('0');
      const list = Object.values(json).find(Array.isArray) as unknown[];
      expect(list.length, JSON.stringify(json).slice(0, 300)).toBeGreaterThan(0);
    });

    it.each([
      ['/export/room/usage', () => ({ roomId: trainingRoomId, startTime: now - 6 * 86_400_000, endTime: now })],
      ['/export/room/concurrent', () => ({ startDate: day(3), endDate: day(0) })],
      ['/export/vod/concurrent', () => ({ startDate: day(3), endDate: day(0) })],
      ['/export/reward', () => ({ startDate: day(3), endDate: day(0) })],
      ['/courseware/list', () => ({ roomId: trainingRoomId })],
      ['/courseware/syn', () => ({})],
      ['/record/syn', () => ({})],
      ['/doc/syn', () => ({})],
    ] as Array<[string, () => Record<string, string | number>]>)('%s returns recorded data for the demo site', async (path, params) => {
      const { json } = await gensee(env, demo, `${T}${path}`, params());
      expect(json.code, json.message).toBe('0');
      const list = Object.values(json).find(Array.isArray) as Array<{ maxConcurrent?: number }>;
      expect(list.length, JSON.stringify(json).slice(0, 300)).toBeGreaterThan(0);
      if (path.endsWith('/concurrent')) expect(list.some((d) => (d.maxConcurrent ?? 0) > 0)).toBe(true);
    });

    it('/export/study/history lists the replays watched in the last days', async () => {
      let total = 0;
      for (const offset of [0, 1, 2, 3]) total += (await gensee(env, demo, `${T}/export/study/history`, { date: day(offset) })).json.totalCounts as number;
      expect(total).toBeGreaterThan(0);
    });

    it('the demo courseware has been watched', async () => {
      const { json } = await gensee(env, demo, `${T}/vod/vodview`, { id: trainingCoursewareId });
      expect(json.total).toBeGreaterThan(0);
    });
  });
});

describe('the demo tenant, Gensee Training', () => {
  const T = (path: string) => `/integration/site/training${path}`;
  const byKind = (kind: RoomKind) => env.services.db.selectFrom('rooms').selectAll().where('tenant_id', '=', demo.tenant.id).where('kind', '=', kind).execute();

  it('has a dual-teacher room with two tutorial rooms, the first with two groups', async () => {
    const mains = [];
    for (const room of await byKind('dual_teacher')) if (!(await env.services.branches.mainOf(room))) mains.push(room);
    expect(mains).toHaveLength(1);
    const { json } = await gensee(env, demo, T('/famousroom/info'), { id: mains[0].public_id });
    expect(json.code).toBe('0');
    const infos = json.slaveRoomWrapper.slaveFamousRoomResultInfos as Array<{ id: string; groupList: unknown[] }>;
    expect(infos).toHaveLength(2);
    expect(json.slaveRoomWrapper.teacherToken).toMatch(/^\d{6}$/);
    expect(infos[0].groupList).toHaveLength(2);
    const tutorial = (await gensee(env, demo, T('/tutorialroom/info'), { roomId: infos[0].id })).json;
    expect(tutorial).toMatchObject({ code: '0', id: mains[0].public_id, tutorialRoomName: '1班' });
    const roster = await env.services.roster.list((await env.services.rooms.find(demo.tenant.id, { publicId: infos[0].id }))!);
    expect(roster.filter((s) => s.group_id !== null)).toHaveLength(6);
  });

  it('has a mini room whose class gives per-student figures and room totals', async () => {
    const [mini] = await byKind('mini_class');
    const history = (await gensee(env, demo, T('/miniroom/export/history'), { id: mini.public_id })).json;
    expect(history.code).toBe('0');
    expect(history.recordStatistics.length).toBeGreaterThan(0);
    const synced = (await gensee(env, demo, T('/miniroom/syn'))).json;
    expect(synced.roomStatistics).toEqual([expect.objectContaining({ id: mini.public_id, visitNum: history.page.totalCounts })]);
    expect(synced.duration).toBeGreaterThan(0);
  });
});

/** The demo tenant's Baijiayun room: every data endpoint returns what its two classes recorded. */
describe('the demo tenant through Baijiayun', () => {
  let bjyRoom: string;
  const zone = 'Asia/Shanghai';
  const classDays = [2, 1].map((d) => DateTime.now().setZone(zone).minus({ days: d, hours: 2 }).toFormat('yyyy-MM-dd'));
  const call = async (path: string, params: Record<string, string | number> = {}) => {
    const { json } = await bjy(env, demo, path, params);
    expect(json.code, `${path}: ${json.msg}`).toBe(0);
    return json.data;
  };
  /** Whether the answer holds something: a non-empty list or map, or a non-zero figure, somewhere in it. */
  const holdsData = (v: unknown): boolean => {
    if (Array.isArray(v)) return v.length > 0;
    if (v && typeof v === 'object') return Object.values(v).some(holdsData);
    return typeof v === 'number' ? v > 0 : false;
  };

  beforeAll(async () => {
    const rooms = (await call('/openapi/room/list', { limit: 100 })).list as Array<{ room_id: number; title: string }>;
    bjyRoom = String(rooms.find((r) => r.title === '英语口语训练营')!.room_id);
  });

  it.each([
    '/openapi/room_data/exportChatMsg', '/openapi/room_data/exportLiveReport', '/openapi/room_data/getRoomQuiz', '/openapi/room_data/getUserCheckinInfo',
    '/openapi/room-data/getRoomRedPackage', '/openapi/room_data/exportAwardStat', '/openapi/room_data/exportQaStat', '/openapi/room_data/exportQuestionnaireStat',
    '/openapi/room_data/exportAnswerStat', '/openapi/room_data/exportRoomPraiseStat', '/openapi/room_data/getExpReportList', '/openapi/room_data/getEvaluationStat',
    '/openapi/room_data/exportAttentionList',
  ])('%s returns recorded data for the demo room', async (path) => {
    const data = await call(path, { room_id: bjyRoom });
    expect(holdsData(data), JSON.stringify(data).slice(0, 300)).toBe(true);
  });

  it('answers quiz answers, attention details, hand-raises and evaluation templates for the demo room', async () => {
    const quizId = (await call('/openapi/room_data/getRoomQuiz', { room_id: bjyRoom })).quiz_list[0].quiz_id;
    expect(holdsData(await call('/openapi/room_data/getQuizUserAnswer', { room_id: bjyRoom, quiz_id: quizId }))).toBe(true);
    const attentionId = (await call('/openapi/room_data/exportAttentionList', { room_id: bjyRoom })).list[0].attention_id;
    expect(holdsData(await call('/openapi/room_data/exportAttentionDetail', { room_id: bjyRoom, attention_id: attentionId }))).toBe(true);
    expect(holdsData(await call('/openapi/room_data/getRoomRaiseData', { room_id: bjyRoom, start_time: classDays[0], end_time: classDays[1] }))).toBe(true);
    expect(holdsData(await call('/openapi/evaluation/getEvaluationList'))).toBe(true);
  });

  it('answers account usage for the demo class days', async () => {
    const [first, last] = classDays;
    for (const [path, params] of [
      ['/openapi/room_data/getAllRoomUserStat', { date: last }],
      ['/openapi/live_account/getHourPeakUser', { date: last, product_type: 1 }],
      ['/openapi/live_account/getDayPeakUser', { start_date: first, end_date: last }],
      ['/openapi/live_account/getPartnerDailyCost', { start_date: first, end_date: last }],
      ['/openapi/live_account/getAllRoomCost', { date: first }],
      ['/openapi/room_data/getRoomPeakUser', { room_id: bjyRoom, start_time: `${last} 00:00:00`, end_time: `${last} 23:59:59` }],
    ] as Array<[string, Record<string, string | number>]>) {
      const data = await call(path, params);
      expect(holdsData(data), `${path} ${JSON.stringify(data).slice(0, 300)}`).toBe(true);
    }
  });
});
