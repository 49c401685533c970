import { createRoomWithBranches } from '../core/branches.js';
import type { Services } from '../core/services.js';
import type { UserRow } from '../storage/schema.js';
import { playDemoSession } from './activity.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Training-shaped demo rooms: a dual-teacher class (a lead teacher's room and two tutorial rooms),
 * the first tutorial room's students in two groups with a roster, and a mini class that has held one
 * class. Made through the core services, as any dialect would make them.
 */
export async function seedTrainingRooms(services: Services, opts: { tenantId: string; owner: UserRow; now: number; seed: number }): Promise<void> {
  const { tenantId, owner, now } = opts;
  const start = now + DAY;
  const tutorTokens = { host: '135790', assistant: '246801', student: '357912' };
  const tutorial = (title: string) => ({ tenantId, kind: 'dual_teacher' as const, title, ownerUserId: owner.id, scheduledStart: start, scheduledEnd: start + 2 * HOUR, tokens: tutorTokens });
  const { branches } = await createRoomWithBranches(services, {
    tenantId, kind: 'dual_teacher', title: '双师课堂：初二物理·浮力', description: '名师主讲，各班辅导老师带练', ownerUserId: owner.id,
    scheduledStart: start, scheduledEnd: start + 2 * HOUR, maxAttendees: 300, tokens: { host: '112233', assistant: '223344' },
  }, [tutorial('1班'), tutorial('2班')], now - HOUR);

  const groups = await services.groups.createFirst(branches[0], ['实验组', '讨论组'], now - HOUR);
  const names = ['李明', '王芳', '张伟', '刘洋', '陈静', '杨磊'];
  await services.roster.upload(branches[0], {
    students: names.slice(0, 3).map((name, i) => ({ userNumber: 20_001 + i, name })), group: groups[0], replace: false, expiresAt: now + 7 * DAY,
  }, now - HOUR);
  await services.roster.upload(branches[0], {
    students: names.slice(3).map((name, i) => ({ userNumber: 20_004 + i, name })), group: groups[1], replace: false, expiresAt: now + 7 * DAY,
  }, now - HOUR);

  const classAt = now - DAY - 3 * HOUR;
  const mini = await services.rooms.create({
    tenantId, kind: 'mini_class', title: '微课堂：英语音标', ownerUserId: owner.id, scheduledStart: classAt, scheduledEnd: classAt + 45 * 60_000,
    maxAttendees: 30, tokens: { host: '445566', student: '556677' }, properties: { action: true },
  }, classAt - DAY);
  await playDemoSession(services, { room: mini, startedAt: classAt, minutes: 45, students: 8, seed: opts.seed });
}
