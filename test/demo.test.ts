import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cc, createTestEnv, gensee, type TestEnv } from './harness.js';
import { createDemoTenant } from '../src/demo/seed.js';
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
    const roomExports = TRAINING_ENDPOINTS.filter((e) => /\/export\/(history|qa|rollcall|vote|chat|redpacket|medal|praise|praise\/detail)$/.test(e.path));

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
