import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, gensee, newTenant, type TestEnv } from '../../../test/harness.js';
import type { TenantCredentials } from '../provision.js';
import type { RoomRow } from '../../storage/schema.js';
import { webcastSettings } from './webcast-view.js';

const API = '/integration/site/webcast';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let env: TestEnv;
let a: TenantCredentials;
let b: TenantCredentials;
const ORG = { loginName: 'org1', password: 'org1-pass' };

interface Created { id: string; number: string; organizerJoinUrl: string; panelistJoinUrl: string; attendeeJoinUrl: string }

const tenantOf = async (creds: TenantCredentials) => (await env.services.tenants.findCredential('gensee-site', creds.gensee.site))!.tenantId;
const roomOf = async (creds: TenantCredentials, id: string): Promise<RoomRow> => (await env.services.rooms.find(await tenantOf(creds), { publicId: id }))!;

async function newWebcast(creds: TenantCredentials, extra: Record<string, string | number> = {}, who: { loginName?: string; password?: string } = {}): Promise<Created> {
  const res = await gensee(env, creds, `${API}/created`, { subject: 'Lesson', startTime: '2030-01-02 09:00:00', organizerToken: '111111', panelistToken: '222222', ...extra }, who);
  expect(res.json.code).toBe('0');
  return res.json as unknown as Created;
}

const info = async (creds: TenantCredentials, id: string, who = {}) => (await gensee(env, creds, `${API}/setting/info`, { webcastId: id }, who)).json;
const call = async (creds: TenantCredentials, path: string, params: Record<string, string | number>, who = {}) => (await gensee(env, creds, `${API}/${path}`, params, who)).json;
const guest = (n: string) => ({ key: `guest:${n}`, name: n });

async function orgIn(creds: TenantCredentials, login = 'org1', password = 'org1-pass') {
  return env.services.users.create(await tenantOf(creds), login, password, { name: 'Organizer', role: 'organizer' });
}

beforeAll(async () => {
  env = await createTestEnv();
  a = await newTenant(env, 'Alpha');
  b = await newTenant(env, 'Beta');
  await orgIn(a);
});
afterAll(() => env?.close());

describe('5.5 /webcast/update', () => {
  it('updates every documented setting; setting/info (5.8) reads them back', async () => {
    const w = await newWebcast(a, { attendeeToken: '333333' });
    const res = await call(a, 'update', {
      id: w.id, skin: 'blue', subject: '新主题', startTime: '2031-05-06 07:08:09', maxAttendees: 200, loginRequired: 'true', opened: 'true',
      endTime: Date.UTC(2031, 4, 6, 1), description: 'desc', plan: 'plan', speakerInfo: 'speaker', switchClient: 'true',
      organizerToken: 'org-token', panelistToken: 'pan-token', attendeeToken: 'att-token', realtime: 'true', aac: 'true', telconf: '1',
    });
    expect(res).toEqual({ code: '0', message: '成功' });
    expect(await info(a, w.id)).toEqual({
      code: '0', message: '成功', id: w.id, number: w.number, subject: '新主题', description: 'desc', startTime: Date.UTC(2031, 4, 5, 23, 8, 9), endTime: Date.UTC(2031, 4, 6, 1),
      maxAttendees: 200, loginRequired: true, opened: true, plan: 'plan', speakerInfo: 'speaker', organizerToken: 'org-token', panelistToken: 'pan-token',
      attendeeToken: 'att-token', switchClient: 'true', warmUpId: null, organizerJoinUrl: w.organizerJoinUrl, panelistJoinUrl: w.panelistJoinUrl, attendeeJoinUrl: w.attendeeJoinUrl,
    });
    expect(webcastSettings(await roomOf(a, w.id))).toMatchObject({ skin: 'blue', realtime: true, aac: true, telconf: '1' });
  });

  it('changes only what is sent; an absent attendeeToken is kept (A-11)', async () => {
    const w = await newWebcast(a, { attendeeToken: '333333', description: 'keep me', plan: 'p', loginRequired: 'true', maxAttendees: 50, endTime: '2030-01-02 10:00:00' });
    const before = await info(a, w.id);
    expect((await call(a, 'update', { id: w.id, subject: 'Renamed' })).code).toBe('0');
    expect(await info(a, w.id)).toEqual({ ...before, subject: 'Renamed' });
  });

  it('clears optional values sent empty: attendeeToken= means no token, maxAttendees=0 no limit', async () => {
    const w = await newWebcast(a, { attendeeToken: '333333', description: 'd', plan: 'p', maxAttendees: 50, endTime: '2030-01-02 10:00:00' });
    expect((await call(a, 'update', { id: w.id, attendeeToken: '', description: '', plan: '', maxAttendees: 0, endTime: '' })).code).toBe('0');
    expect(await info(a, w.id)).toMatchObject({ attendeeToken: '', description: null, plan: null, maxAttendees: null, endTime: null, subject: 'Lesson' });
  });

  it('forces aac off whenever telconf is 2, also when only aac is sent later (A-27)', async () => {
    const w = await newWebcast(a);
    await call(a, 'update', { id: w.id, telconf: '2', aac: 'true' });
    expect(webcastSettings(await roomOf(a, w.id))).toMatchObject({ telconf: '2', aac: false });
    await call(a, 'update', { id: w.id, aac: 'true' });
    expect(webcastSettings(await roomOf(a, w.id))).toMatchObject({ telconf: '2', aac: false });
    await call(a, 'update', { id: w.id, telconf: '1', aac: 'true' });
    expect(webcastSettings(await roomOf(a, w.id))).toMatchObject({ telconf: '1', aac: true });
  });

  it('accepts endTime as epoch ms or as a string (A-12) and checks it against the stored startTime', async () => {
    const w = await newWebcast(a, { startTime: '2030-01-02 09:00:00' });
    expect((await call(a, 'update', { id: w.id, endTime: '2030-01-02 08:00:00' })).code).toBe('101');
    expect((await call(a, 'update', { id: w.id, endTime: Date.UTC(2030, 0, 2, 2) })).code).toBe('0');
    expect((await info(a, w.id)).endTime).toBe(Date.UTC(2030, 0, 2, 2));
    expect((await call(a, 'update', { id: w.id, startTime: '2030-01-02 11:00:00' })).code).toBe('101');
    expect((await call(a, 'update', { id: w.id, endTime: '2030-01-02 12:00:00' })).code).toBe('0');
    expect((await info(a, w.id)).endTime).toBe(Date.UTC(2030, 0, 2, 4));
  });

  it('refuses bad values with 101 and changes nothing', async () => {
    const w = await newWebcast(a);
    const before = await roomOf(a, w.id);
    const cases: Array<Record<string, string>> = [
      { subject: '' }, { subject: 'x'.repeat(251) }, { startTime: '' }, { startTime: 'soon' }, { organizerToken: '' }, { organizerToken: '12345' },
      { panelistToken: '1234567890123456' }, { skin: 'red' }, { telconf: '3' }, { loginRequired: 'maybe' }, { maxAttendees: '-1' },
    ];
    for (const bad of cases) {
      const res = await call(a, 'update', { id: w.id, description: 'must not stick', ...bad });
      expect(res.code, JSON.stringify(bad)).toBe('101');
    }
    expect(await roomOf(a, w.id)).toEqual(before);
    expect((await call(a, 'update', { subject: 'no id' })).code).toBe('101');
  });

  it("keeps organizers to their own webcasts and sites to their own (501)", async () => {
    const admins = await newWebcast(a);
    const mine = await newWebcast(a, {}, ORG);
    expect((await call(a, 'update', { id: admins.id, subject: 'hijack' }, ORG)).code).toBe('501');
    expect((await call(a, 'update', { id: mine.id, subject: 'mine' }, ORG)).code).toBe('0');
    expect((await call(a, 'update', { id: mine.id, subject: 'admin may' })).code).toBe('0');
    expect((await call(b, 'update', { id: admins.id, subject: 'other site' })).code).toBe('501');
    expect((await call(a, 'update', { id: 'f'.repeat(32), subject: 'nothing' })).code).toBe('501');
    expect((await info(a, admins.id)).subject).toBe('Lesson');
  });
});

describe('5.6 /webcast/deleted', () => {
  it('deletes a webcast: later calls answer 501 and listings leave it out', async () => {
    const w = await newWebcast(a);
    expect(await call(a, 'deleted', { webcastId: w.id })).toEqual({ code: '0', message: '成功' });
    expect((await info(a, w.id)).code).toBe('501');
    expect((await call(a, 'update', { id: w.id, subject: 'x' })).code).toBe('501');
    expect((await call(a, 'deleted', { webcastId: w.id })).code).toBe('501');
    expect((await call(a, 'page', {})).list.map((x: { id: string }) => x.id)).not.toContain(w.id);
  });

  it('ends an open session first: everyone inside leaves (A-30)', async () => {
    const w = await newWebcast(a);
    const room = await roomOf(a, w.id);
    const t0 = Date.now() - 2 * HOUR;
    await env.services.ingestion.startSession(room, t0);
    await env.services.ingestion.join({ room, who: guest('Ann'), role: 'attendee', at: t0 + 60_000 });
    expect((await call(a, 'deleted', { webcastId: w.id })).code).toBe('0');
    const [session] = await env.services.sessions.ofRoom(room.id);
    expect(session.started_at).toBe(t0);
    expect(session.ended_at).toBeGreaterThan(t0);
    const open = await env.storage.db.selectFrom('participations').select('id').where('room_id', '=', room.id).where('left_at', 'is', null).execute();
    expect(open).toEqual([]);
    expect((await call(a, 'ongoing/page', {})).list.map((x: { id: string }) => x.id)).not.toContain(w.id);
  });

  it("refuses other organizers' webcasts and other sites (501), deleting nothing", async () => {
    const w = await newWebcast(a);
    expect((await call(a, 'deleted', { webcastId: w.id }, ORG)).code).toBe('501');
    expect((await call(b, 'deleted', { webcastId: w.id })).code).toBe('501');
    expect((await call(a, 'deleted', {})).code).toBe('101');
    expect((await info(a, w.id)).code).toBe('0');
    const mine = await newWebcast(a, {}, ORG);
    expect((await call(a, 'deleted', { webcastId: mine.id }, ORG)).code).toBe('0');
  });
});

describe('5.7 /webcast/finish', () => {
  it('terminates for good: the open session ends and the webcast can never start again', async () => {
    const w = await newWebcast(a);
    const room = await roomOf(a, w.id);
    const t0 = Date.now() - HOUR;
    await env.services.ingestion.startSession(room, t0);
    await env.services.ingestion.join({ room, who: guest('Bo'), role: 'attendee', at: t0 + 1000 });
    expect(await call(a, 'finish', { webcastId: w.id })).toEqual({ code: '0', message: '成功' });
    const after = await roomOf(a, w.id);
    expect(after.status).toBe('terminated');
    const [session] = await env.services.sessions.ofRoom(room.id);
    expect(session.ended_at).toBeGreaterThanOrEqual(t0 + 1000);
    await expect(env.services.ingestion.startSession(after, Date.now())).rejects.toMatchObject({ kind: 'conflict' });
    // Still readable, finishing again is harmless, and it no longer appears as ongoing or in the default list.
    expect((await info(a, w.id)).code).toBe('0');
    expect((await call(a, 'finish', { webcastId: w.id })).code).toBe('0');
    expect((await env.services.sessions.ofRoom(room.id)).length).toBe(1);
    expect((await call(a, 'ongoing/page', {})).list.map((x: { id: string }) => x.id)).not.toContain(w.id);
    expect((await call(a, 'page', {})).list.map((x: { id: string }) => x.id)).not.toContain(w.id);
  });

  it("refuses other organizers' webcasts, other sites and deleted webcasts (501)", async () => {
    const w = await newWebcast(a);
    expect((await call(a, 'finish', { webcastId: w.id }, ORG)).code).toBe('501');
    expect((await call(b, 'finish', { webcastId: w.id })).code).toBe('501');
    expect((await roomOf(a, w.id)).status).toBe('scheduled');
    await call(a, 'deleted', { webcastId: w.id });
    expect((await call(a, 'finish', { webcastId: w.id })).code).toBe('501');
    expect((await call(a, 'finish', {})).code).toBe('101');
  });
});

describe('5.9 /webcast/page', () => {
  let site: TenantCredentials;
  const W: Record<string, Created> = {};
  const ids = (list: Array<{ id: string }>) => list.map((x) => x.id);
  const page = async (params: Record<string, string | number> = {}, who = {}) => call(site, 'page', params, who);

  beforeAll(async () => {
    site = await newTenant(env, 'Listing');
    await orgIn(site);
    const now = Date.now();
    W.idle = await newWebcast(site, { startTime: now + 2 * DAY, description: 'idle one' });
    W.occupied = await newWebcast(site, { startTime: now - 2 * DAY });
    W.live = await newWebcast(site, { startTime: now - 2 * DAY });
    W.finished = await newWebcast(site, { startTime: now + DAY });
    W.ended = await newWebcast(site, { startTime: now - 3 * DAY, endTime: now - 3 * DAY + HOUR }, ORG);
    W.deleted = await newWebcast(site);
    W.orgIdle = await newWebcast(site, { startTime: now + DAY }, ORG);
    const tenantId = await tenantOf(site);
    await env.services.rooms.create({ tenantId, kind: 'interactive_class', title: 'not a webcast', scheduledStart: now });

    const t0 = now - 3 * DAY;
    await env.services.ingestion.join({ room: await roomOf(site, W.occupied.id), who: guest('early'), role: 'speaker', at: t0 });
    const live = await roomOf(site, W.live.id);
    await env.services.ingestion.startSession(live, t0);
    await env.services.ingestion.join({ room: live, who: guest('x'), role: 'attendee', at: t0 + 1 });
    const ended = await roomOf(site, W.ended.id);
    await env.services.ingestion.startSession(ended, t0);
    await env.services.ingestion.endSession(ended, t0 + HOUR);
    await call(site, 'finish', { webcastId: W.finished.id });
    await call(site, 'deleted', { webcastId: W.deleted.id });
  });

  it('lists the non-terminated webcasts of the site in creation order, with the response status enum (A-14)', async () => {
    const res = await page();
    expect(Object.keys(res).sort()).toEqual(['code', 'list', 'message']);
    expect(ids(res.list)).toEqual([W.idle.id, W.occupied.id, W.live.id, W.ended.id, W.orgIdle.id]);
    expect(res.list.map((x: { status: number }) => x.status)).toEqual([0, 1, 2, 0, 0]);
  });

  it('answers the fields of the document example (Fig. 3), attendeeJoinUrl in lower camel case (A-13)', async () => {
    const room = await roomOf(site, W.idle.id);
    const [item] = (await page()).list;
    expect(item).toEqual({
      attendeeJoinUrl: W.idle.attendeeJoinUrl, createdTime: room.created_at, description: 'idle one', id: W.idle.id, organizerJoinUrl: W.idle.organizerJoinUrl,
      panelistJoinUrl: W.idle.panelistJoinUrl, startTime: room.scheduled_start, status: 0, subject: 'Lesson',
    });
    expect(Object.keys(item)).toEqual([...Object.keys(item)].sort());
  });

  it('filters by the request status enum; 99 lists terminated webcasts (A-14)', async () => {
    expect(ids((await page({ status: 0 })).list)).toEqual([W.idle.id, W.ended.id, W.orgIdle.id]);
    expect(ids((await page({ status: 1 })).list)).toEqual([W.occupied.id]);
    expect(ids((await page({ status: 2 })).list)).toEqual([W.live.id]);
    const terminated = (await page({ status: 99 })).list;
    expect(ids(terminated)).toEqual([W.finished.id]);
    expect(terminated[0].status).toBe(99);
  });

  it('filters by expired: past its end (or start, without an end) and not live (A-15)', async () => {
    expect(ids((await page({ expired: 'true' })).list)).toEqual([W.occupied.id, W.ended.id]);
    expect(ids((await page({ expired: 'false' })).list)).toEqual([W.idle.id, W.live.id, W.orgIdle.id]);
    expect(ids((await page({ expired: 'true', status: 0 })).list)).toEqual([W.ended.id]);
  });

  it('never counts a webcast without any schedule as expired', async () => {
    const bare = await newTenant(env, 'Bare');
    const room = await env.services.rooms.create({ tenantId: await tenantOf(bare), kind: 'large_class', title: 'unscheduled' });
    expect(ids((await call(bare, 'page', { expired: 'false' })).list)).toEqual([room.public_id]);
    expect((await call(bare, 'page', { expired: 'true' })).list).toEqual([]);
    // Without a start time the item leaves startTime out (§3.5: empty attributes are not shown).
    expect((await call(bare, 'page', {})).list[0]).not.toHaveProperty('startTime');
  });

  it("shows organizers their own webcasts only, and another site's admin nothing", async () => {
    expect(ids((await page({}, ORG)).list)).toEqual([W.ended.id, W.orgIdle.id]);
    const other = await call(b, 'page', {});
    expect(other.code).toBe('0');
    expect(ids(other.list)).not.toContain(W.idle.id);
  });

  it('refuses bad parameters with 101', async () => {
    for (const bad of <Array<Record<string, string | number>>>[{ pageNo: 0 }, { pageNo: 'two' }, { status: 3 }, { status: 'live' }, { expired: 'perhaps' }]) {
      expect((await page(bad)).code, JSON.stringify(bad)).toBe('101');
    }
  });

  it('pages by 50 (P1)', async () => {
    const many = await newTenant(env, 'Many');
    const created: string[] = [];
    for (let i = 0; i < 51; i++) created.push((await newWebcast(many, { subject: `W${i}` })).id);
    const first = await call(many, 'page', {});
    const second = await call(many, 'page', { pageNo: '2' });
    expect(ids(first.list)).toEqual(created.slice(0, 50));
    expect(ids(second.list)).toEqual([created[50]]);
    expect((await call(many, 'page', { pageNo: 3 })).list).toEqual([]);
  });
});

describe('5.22 /webcast/ongoing/page', () => {
  let site: TenantCredentials;
  const W: Record<string, Created> = {};
  const ids = (list: Array<{ id: string }>) => list.map((x) => x.id);

  beforeAll(async () => {
    site = await newTenant(env, 'Ongoing');
    await orgIn(site);
    W.busy = await newWebcast(site, { attendeeToken: '999999', description: 'busy' });
    W.empty = await newWebcast(site);
    W.idle = await newWebcast(site);
    W.org = await newWebcast(site, {}, ORG);
    const t0 = Date.now() - HOUR;
    const busy = await roomOf(site, W.busy.id);
    await env.services.ingestion.startSession(busy, t0);
    const joined: Record<string, number> = {};
    for (const n of ['Alice', 'Bob', 'Carol']) joined[n] = (await env.services.ingestion.join({ room: busy, who: guest(n), role: 'attendee', at: t0 + 1000 })).participantId;
    await env.services.ingestion.leave(busy, joined.Bob, t0 + 2000);
    await env.services.ingestion.join({ room: busy, who: guest('Alice'), role: 'attendee', at: t0 + 3000 });
    await env.services.ingestion.startSession(await roomOf(site, W.empty.id), t0);
    const org = await roomOf(site, W.org.id);
    await env.services.ingestion.startSession(org, t0);
    await env.services.ingestion.join({ room: org, who: guest('Dan'), role: 'attendee', at: t0 + 1000 });
    // Someone waiting in a room that is not live does not make it ongoing.
    await env.services.ingestion.join({ room: await roomOf(site, W.idle.id), who: guest('Eve'), role: 'speaker', at: t0 });
  });

  it('lists live webcasts with the people inside now, and the page object (P3, default 20)', async () => {
    const res = await call(site, 'ongoing/page', {});
    expect(res.page).toEqual({ pageNo: 1, totalPages: 1, totalCounts: 3 });
    expect(ids(res.list)).toEqual([W.busy.id, W.empty.id, W.org.id]);
    expect(res.list.map((x: { online: number }) => x.online)).toEqual([2, 0, 1]);
    const room = await roomOf(site, W.busy.id);
    expect(res.list[0]).toEqual({
      attendeeJoinUrl: W.busy.attendeeJoinUrl, attendeeToken: '999999', createdTime: room.created_at, description: 'busy', id: W.busy.id, online: 2,
      organizerToken: '111111', panelistJoinUrl: W.busy.panelistJoinUrl, panelistToken: '222222', startTime: room.scheduled_start, subject: 'Lesson',
    });
  });

  it('pages by pageSize', async () => {
    const first = await call(site, 'ongoing/page', { pageNo: 1, pageSize: 2 });
    expect(first.page).toEqual({ pageNo: 1, totalPages: 2, totalCounts: 3 });
    expect(ids(first.list)).toEqual([W.busy.id, W.empty.id]);
    const second = await call(site, 'ongoing/page', { pageNo: 2, pageSize: 2 });
    expect(ids(second.list)).toEqual([W.org.id]);
    const beyond = await call(site, 'ongoing/page', { pageNo: 3, pageSize: 2 });
    expect(beyond).toMatchObject({ code: '0', page: { pageNo: 3, totalPages: 2, totalCounts: 3 }, list: [] });
    // No maximum is documented: a huge page size is served in pages of 1000.
    expect((await call(site, 'ongoing/page', { pageSize: 50_000 })).page).toEqual({ pageNo: 1, totalPages: 1, totalCounts: 3 });
  });

  it('shows organizers their own webcasts only; other sites see none of these', async () => {
    const mine = await call(site, 'ongoing/page', {}, ORG);
    expect(ids(mine.list)).toEqual([W.org.id]);
    expect(mine.page.totalCounts).toBe(1);
    expect((await call(b, 'ongoing/page', {})).page.totalCounts).toBe(0);
  });

  it('refuses bad paging with 101', async () => {
    for (const bad of <Array<Record<string, string | number>>>[{ pageNo: 0 }, { pageSize: 0 }, { pageSize: 'many' }, { pageNo: -1 }]) {
      expect((await call(site, 'ongoing/page', bad)).code, JSON.stringify(bad)).toBe('101');
    }
  });

  it('drops a webcast once its session ends', async () => {
    const room = await roomOf(site, W.empty.id);
    await env.services.ingestion.endSession(room, Date.now());
    expect(ids((await call(site, 'ongoing/page', {})).list)).toEqual([W.busy.id, W.org.id]);
  });
});
