import { randomUUID } from 'node:crypto';
import type { Services } from '../core/services.js';
import { createTenant, type FixedCredentials, type TenantCredentials } from '../dialects/provision.js';
import { playDemoReplays, playDemoSession } from './activity.js';
import { seedTrainingRooms } from './training.js';
import { playDemoEngagement, playDemoEvaluations, setUpDemoEvaluation } from './engagement.js';
import type { JsonObject } from '../core/json.js';
import type { NewRoom } from '../core/rooms.js';
import type { LiveSessionRow, RoomRow } from '../storage/schema.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * `webcast`: made as the Webcast dialect makes rooms (an organizer link key); the demo slides go to it.
 * `baijiayun`: made as the Baijiayun dialect makes rooms; its classes also record quizzes, lotteries,
 * attention checks, expressions and evaluations.
 */
type DemoRoom = Pick<NewRoom, 'kind' | 'title' | 'tokens' | 'properties'> & { students: number; minutes: number; webcast?: true; baijiayun?: true };

/** Demo rooms: one as each dialect creates them, each with two finished classes. */
const DEMO_ROOMS: DemoRoom[] = [
  { kind: 'large_class', title: '高一数学：函数与方程', students: 24, minutes: 45, tokens: { host: '888888', assistant: '666666' }, properties: { loginRequired: false, opened: true }, webcast: true },
  { kind: 'large_class', title: '英语口语训练营', students: 18, minutes: 40, properties: { type: 2 }, baijiayun: true },
  { kind: 'interactive_class', title: 'Python 编程入门', students: 12, minutes: 50, tokens: { host: '123456', assistant: '234567', student: '345678' } },
];

/**
 * Creates a demo tenant whose rooms hold realistic, generated classroom activity, all written through
 * the ingestion service so every export endpoint has something to return.
 */
/**
 * Well-known credentials of the demo tenant that `lectern serve` creates on an empty data directory,
 * so the README's curl examples work as written. Never use them for real classes.
 */
export const WELL_KNOWN_DEMO: FixedCredentials & { site: string } = {
  site: 'demo.localhost',
  gensee: { password: 'demo-admin-pass' },
  baijiayun: { partner_id: '10000001', partner_key: 'demo-partner-key', secret_key: 'demo-secret-key', private_domain: 'demo' },
  cc: { userid: 'DE30000000000001', api_key: 'demo-api-key' },
};

export async function createDemoTenant(services: Services, opts: { name?: string; site?: string; now?: number; fixed?: FixedCredentials; onProgress?: DemoProgress } = {}): Promise<TenantCredentials> {
  const now = opts.now ?? Date.now();
  // Steps: the tenant, each room's classes, the uploads, the Training rooms.
  const total = 1 + DEMO_ROOMS.length * 2 + 2;
  let done = 0;
  const step = (what: string) => opts.onProgress?.(++done, total, what);
  const { tenant, credentials } = await createTenant(services, { name: opts.name ?? 'Demo School', site: opts.site, isDemo: true, fixed: opts.fixed });
  const admin = await services.users.getByLogin(tenant.id, credentials.gensee.loginName);
  step('tenant created');
  let seed = 7;
  let webcast: RoomRow | undefined;
  for (const spec of DEMO_ROOMS) {
    const firstClass = now - 2 * DAY - 2 * HOUR;
    const properties: JsonObject = spec.webcast ? { ...spec.properties, organizerKey: randomUUID() } : { ...spec.properties };
    const room = await services.rooms.create({
      tenantId: tenant.id, kind: spec.kind, title: spec.title, description: `演示课堂：${spec.title}`, ownerUserId: admin.id,
      scheduledStart: firstClass, scheduledEnd: firstClass + DAY + spec.minutes * 60_000, maxAttendees: 200, tokens: spec.tokens, properties,
    }, firstClass - DAY);
    if (spec.webcast) webcast = room;
    // The Baijiayun room also records what its data APIs report beyond the other vendors'.
    const evaluation = spec.baijiayun ? await setUpDemoEvaluation(services, room, firstClass - DAY) : undefined;
    for (const dayOffset of [2, 1]) {
      const fresh = await services.rooms.get(tenant.id, { id: room.id });
      const classSeed = seed++;
      const extras = spec.baijiayun ? playDemoEngagement : undefined;
      const played = await playDemoSession(services, { room: fresh, startedAt: now - dayOffset * DAY - 2 * HOUR, minutes: spec.minutes, students: spec.students, seed: classSeed, extras });
      if (evaluation !== undefined) await playDemoEvaluations(services, fresh, evaluation, played.students, played.session.ended_at!, classSeed);
      // Every class is recorded; the older class's replay is published and has been watched since.
      const ended = await services.rooms.get(tenant.id, { id: room.id });
      const { vod } = await services.media.recordSession({ room: ended, session: played.session, size: recordingBytes(played.session), publish: dayOffset === 2 });
      if (vod.published) {
        await playDemoReplays(services, { vod, viewers: played.students, from: played.session.ended_at! + HOUR, hours: 20, minutes: spec.minutes, seed: classSeed * 31 + 1 });
      }
      step(`class of ${spec.title}`);
    }
  }
  // A lesson recorded offline and uploaded, and the webcast's slides in the document library.
  const uploadedAt = now - 3 * DAY;
  await services.media.importUpload({
    tenantId: tenant.id, subject: '函数专题复习（录播）', description: '课前预习用录播课', size: 40 * 60 * 64_000, ownerUserId: admin.id, fileName: 'functions-review.mp4',
    startedAt: uploadedAt - 2 * HOUR, endedAt: uploadedAt - 2 * HOUR + 40 * 60_000, publish: true, at: uploadedAt,
  });
  const slides = await services.media.createDocument({ tenantId: tenant.id, name: '函数与方程.pptx', fileName: 'functions.pptx', size: 2_457_600, source: 'upload', pageCount: 24, ownerUserId: admin.id, at: uploadedAt });
  if (webcast) await services.media.attachDocument(webcast, slides, uploadedAt);
  step('recordings and documents');
  await services.rooms.create({ tenantId: tenant.id, kind: 'large_class', title: '下周公开课（未开始）', ownerUserId: admin.id, scheduledStart: now + 7 * DAY, scheduledEnd: now + 7 * DAY + HOUR,
    tokens: { host: '888888', assistant: '666666' }, properties: { organizerKey: randomUUID() } }, now);
  await seedTrainingRooms(services, { tenantId: tenant.id, owner: admin, now, seed });
  step('Training rooms');
  return credentials;
}

/** Told after each step of demo generation (the CLI draws a progress bar). */
export type DemoProgress = (done: number, total: number, step: string) => void;

/** Bytes of a class recording: its length at a 512 kbit/s stream. */
function recordingBytes(session: LiveSessionRow): number {
  return Math.round(((session.ended_at ?? session.started_at) - session.started_at) / 1000) * 64_000;
}
