import { randomUUID } from 'node:crypto';
import type { Services } from '../core/services.js';
import { createTenant, type FixedCredentials, type TenantCredentials } from '../dialects/provision.js';
import { playDemoSession } from './activity.js';
import type { JsonObject } from '../core/json.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Demo rooms: one of each kind a vendor integration creates, each with two finished classes. */
const DEMO_ROOMS = [
  { product: 'webcast', title: '高一数学：函数与方程', students: 24, minutes: 45 },
  { product: 'live-edu', title: '英语口语训练营', students: 18, minutes: 40, properties: { type: 2, industry_type: 0 } },
  { product: 'training', title: 'Python 编程入门', students: 12, minutes: 50, properties: { teacherToken: '123456', assistantToken: '234567', studentToken: '345678' } },
] as const;

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

export async function createDemoTenant(services: Services, opts: { name?: string; site?: string; now?: number; fixed?: FixedCredentials } = {}): Promise<TenantCredentials> {
  const now = opts.now ?? Date.now();
  const { tenant, credentials } = await createTenant(services, { name: opts.name ?? 'Demo School', site: opts.site, isDemo: true, fixed: opts.fixed });
  const admin = await services.users.getByLogin(tenant.id, credentials.gensee.loginName);
  let seed = 7;
  for (const spec of DEMO_ROOMS) {
    const firstClass = now - 2 * DAY - 2 * HOUR;
    const properties: JsonObject = spec.product === 'webcast'
      ? { organizerToken: '888888', panelistToken: '666666', attendeeToken: '', organizerKey: randomUUID(), loginRequired: false, opened: true }
      : 'properties' in spec ? { ...spec.properties } : {};
    const room = await services.rooms.create({
      tenantId: tenant.id, product: spec.product, title: spec.title, description: `演示课堂：${spec.title}`, ownerUserId: admin.id,
      scheduledStart: firstClass, scheduledEnd: firstClass + DAY + spec.minutes * 60_000, maxAttendees: 200, properties,
    }, firstClass - DAY);
    for (const dayOffset of [2, 1]) {
      const fresh = await services.rooms.get(tenant.id, { id: room.id });
      await playDemoSession(services, { room: fresh, startedAt: now - dayOffset * DAY - 2 * HOUR, minutes: spec.minutes, students: spec.students, seed: seed++ });
    }
  }
  await services.rooms.create({ tenantId: tenant.id, product: 'webcast', title: '下周公开课（未开始）', ownerUserId: admin.id, scheduledStart: now + 7 * DAY, scheduledEnd: now + 7 * DAY + HOUR,
    properties: { organizerToken: '888888', panelistToken: '666666', attendeeToken: '', organizerKey: randomUUID() } }, now);
  return credentials;
}
