import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, gensee, newTenant, type TestEnv, createWebcast as createWebcastThrough } from '../../../test/harness.js';
import type { TenantCredentials } from '../provision.js';
import type { RoomRow, VodRow } from '../../storage/schema.js';
import { parseJsonObject } from '../../core/json.js';

const P = '/integration/site/webcast';
const T0 = Date.UTC(2024, 2, 1, 2, 0, 0);
const org = { loginName: 'org1', password: 'org1-pass' };

let env: TestEnv;
let a: TenantCredentials;
let b: TenantCredentials;
let adminCast: RoomRow;
let orgCast: RoomRow;
let adminVod: VodRow;
let orgVod: VodRow;

const createWebcast = (creds: TenantCredentials, subject: string, as: { loginName?: string; password?: string } = {}) =>
  createWebcastThrough(env, creds, subject, { startTime: T0, ...as });

beforeAll(async () => {
  env = await createTestEnv();
  a = await newTenant(env, 'Alpha');
  b = await newTenant(env, 'Beta');
  const orgUser = await env.services.users.create(a.tenant.id, 'org1', 'org1-pass', { name: 'Organizer', role: 'organizer' });
  const admin = await env.services.users.getByLogin(a.tenant.id, 'admin');
  adminCast = await createWebcast(a, 'Admin webcast');
  orgCast = await createWebcast(a, 'Organizer webcast', org);
  adminVod = (await env.services.media.importUpload({ tenantId: a.tenant.id, subject: 'Admin VOD', size: 1, ownerUserId: admin.id, at: T0 })).vod;
  orgVod = (await env.services.media.importUpload({ tenantId: a.tenant.id, subject: 'Org VOD', size: 1, ownerUserId: orgUser.id, at: T0 })).vod;
});
afterAll(() => env?.close());

const call = (params: Record<string, string | number>, as: { loginName?: string; password?: string } = {}) => gensee(env, a, `${P}/player/setup`, params, as);
const roomPlayer = async (room: RoomRow) => parseJsonObject((await env.services.rooms.find(room.tenant_id, { id: room.id }))!.properties).player;
const vodPlayer = async (vod: VodRow) => parseJsonObject((await env.services.media.vod(vod.tenant_id, vod.public_id))!.properties).player;

describe('5.29 /webcast/player/setup', () => {
  it('sets a webcast player (live=true) with the video-primary options of mode 2 and the documented defaults', async () => {
    expect((await call({ id: adminCast.public_id, live: 'true', mode: 2, autoPlay: 'true', video: 'false', showWindow: 'True' })).json.code).toBe('0');
    expect(await roomPlayer(adminCast)).toEqual({ mode: 2, mobileMode: 1, padMode: 1, autoPlay: true, video: false, showWindow: true });
  });

  it('sets a VOD player (live=false); the mode-2 options are dropped for other modes', async () => {
    expect((await call({ id: adminVod.public_id, live: 'false', mode: 3, mobileMode: 2, padMode: 3, autoPlay: 'true' })).json.code).toBe('0');
    expect(await vodPlayer(adminVod)).toEqual({ mode: 3, mobileMode: 2, padMode: 3 });
  });

  it('without live, finds whichever the id names (A-23); all four modes are accepted (A-22)', async () => {
    expect((await call({ id: adminVod.public_id, mode: 4 })).json.code).toBe('0');
    expect(await vodPlayer(adminVod)).toEqual({ mode: 4, mobileMode: 1, padMode: 1 });
    expect((await call({ id: adminCast.public_id, mode: 1 })).json.code).toBe('0');
    expect(await roomPlayer(adminCast)).toEqual({ mode: 1, mobileMode: 1, padMode: 1 });
    expect((await call({ id: 'f'.repeat(32), mode: 1 })).json.code).toBe('501');
  });

  it('answers 501 when live names the other kind', async () => {
    expect((await call({ id: adminVod.public_id, live: 'true', mode: 1 })).json.code).toBe('501');
    expect((await call({ id: adminCast.public_id, live: 'false', mode: 1 })).json.code).toBe('501');
  });

  it('refuses bad values with 101 and changes nothing', async () => {
    const before = await roomPlayer(adminCast);
    for (const bad of <Array<Record<string, string | number>>>[{ mode: 5 }, {}, { mode: 1, mobileMode: 3 }, { mode: 1, padMode: 4 }, { mode: 2, autoPlay: 'maybe' }, { mode: 1, live: 'perhaps' }]) {
      expect((await call({ id: adminCast.public_id, ...bad })).json.code, JSON.stringify(bad)).toBe('101');
    }
    expect((await call({ mode: 1 })).json.code).toBe('101');
    expect(await roomPlayer(adminCast)).toEqual(before);
  });

  it('keeps organizers to their own webcasts and VODs', async () => {
    expect((await call({ id: orgCast.public_id, live: 'true', mode: 2 }, org)).json.code).toBe('0');
    expect((await call({ id: orgVod.public_id, mode: 2, video: 'true' }, org)).json.code).toBe('0');
    expect(await vodPlayer(orgVod)).toEqual({ mode: 2, mobileMode: 1, padMode: 1, video: true });
    expect((await call({ id: adminCast.public_id, live: 'true', mode: 3 }, org)).json.code).toBe('501');
    expect((await call({ id: adminVod.public_id, mode: 3 }, org)).json.code).toBe('501');
    expect(await roomPlayer(adminCast)).toEqual({ mode: 1, mobileMode: 1, padMode: 1 });
  });

  it("never lets another site's admin reach this site's webcasts or VODs", async () => {
    expect((await gensee(env, b, `${P}/player/setup`, { id: adminCast.public_id, live: 'true', mode: 3 })).json.code).toBe('501');
    expect((await gensee(env, b, `${P}/player/setup`, { id: adminVod.public_id, mode: 3 })).json.code).toBe('501');
    expect(await vodPlayer(adminVod)).toEqual({ mode: 4, mobileMode: 1, padMode: 1 });
  });
});
