import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cc, createTestEnv, newTenant, type TestEnv } from '../../../test/harness.js';
import type { RoomRow } from '../../storage/schema.js';
import type { TenantCredentials } from '../provision.js';

/** Endpoint 13, GET with a THQS query and POST application/json. T0 = 2024-03-01 10:00:00 Beijing time. */
const T0 = Date.UTC(2024, 2, 1, 2, 0, 0);
const min = (m: number) => T0 + m * 60_000;
const PATH = '/openapi/collect/rollcall/get';

let env: TestEnv;
let a: TenantCredentials;
let b: TenantCredentials;
let room: RoomRow;
let live: string;
let quietLive: string;
let v: Record<'s1' | 's2' | 's4', string>;

type Params = Record<string, string | number>;

/** GET with a THQS query string, the account as `account_id`. */
const get = async (creds: TenantCredentials, params: Params) => (await cc(env, creds, PATH, params)).json;

/** POST application/json: the body's fields, sorted and URL-encoded as a query string, are what `hash` signs. */
const postJson = async (creds: TenantCredentials, params: Params, key = creds.cc.api_key) => (await cc(env, creds, PATH, params, { method: 'POST', body: 'json', key })).json;

beforeAll(async () => {
  env = await createTestEnv();
  a = await newTenant(env, 'Alpha');
  b = await newTenant(env, 'Beta');
  const ing = env.services.ingestion;
  room = await env.services.rooms.create({ tenantId: a.tenant.id, kind: 'large_class', title: 'Maths' });
  const who = (k: string) => ({ key: k, name: k.toUpperCase() });

  await ing.startSession(room, T0);
  await ing.join({ room, who: { key: 'teacher', name: 'Ms Chen' }, role: 'host', at: min(0) });
  await ing.join({ room, who: who('s1'), role: 'student', at: min(1) });
  await ing.join({ room, who: who('s2'), role: 'student', at: min(2) });
  const s3 = await ing.join({ room, who: who('s3'), role: 'student', at: min(3) });
  await ing.leave(room, s3.participantId, min(5));
  // Roll-call 1, 10:10–10:12: s1 confirms; s2 and s4 (who arrives during it) do not; s3 had left.
  const rc1 = await ing.startRollcall({ room, initiatorName: 'Ms Chen', at: min(10) });
  await ing.answerRollcall({ room, rollcallId: rc1, who: who('s1'), at: min(10) + 5_000 });
  await ing.join({ room, who: who('s4'), role: 'student', at: min(11) });
  await ing.endRollcall(room, rc1, min(12));
  // Roll-call 2, never ended (runs to the end of the live): only s2 confirms.
  const rc2 = await ing.startRollcall({ room, at: min(20) });
  await ing.answerRollcall({ room, rollcallId: rc2, who: who('s2'), at: min(20) + 9_000 });
  live = (await ing.endSession(room, min(60)))!.public_id;

  quietLive = (await ing.startSession(room, T0 + 86_400_000)).public_id;
  await ing.endSession(room, T0 + 86_400_000 + 60_000);

  const vid = async (key: string) => (await env.services.participants.byKey(a.tenant.id, key))!.viewer_id;
  v = { s1: await vid('s1'), s2: await vid('s2'), s4: await vid('s4') };
});
afterAll(() => env?.close());

const started = (rc: 1 | 2) => String(rc === 1 ? min(10) : min(20));

describe('13 /openapi/collect/rollcall/get', () => {
  it('lists, per roll-call, who confirmed (1) then who was present and did not (0), hosts left out', async () => {
    const body = await get(a, { live_id: live, page_index: 1, page_num: 100 });
    const row = (rc: 1 | 2, id: string, name: string, status: number, time: string) =>
      ({ live_id: live, roll_call_id: started(rc), user_id: id, user_name: name, roll_call_status: status, confirm_time: time });
    expect(body).toEqual({
      result: 'OK',
      error: null,
      data: {
        total: 6, size: 100, current: 1,
        data: [
          row(1, v.s1, 'S1', 1, '2024-03-01 10:10:05'),
          row(1, v.s2, 'S2', 0, ''),
          row(1, v.s4, 'S4', 0, ''),
          row(2, v.s2, 'S2', 1, '2024-03-01 10:20:09'),
          row(2, v.s1, 'S1', 0, ''),
          row(2, v.s4, 'S4', 0, ''),
        ],
      },
      errorMsg: '',
    });
    // The roll-call id is its start in epoch ms: 2024-03-01 10:10:00 Beijing time.
    expect(body.data.data[0].roll_call_id).toBe('1709259000000');
  });

  it('takes POST application/json with time and hash in the body', async () => {
    const body = await postJson(a, { live_id: live, page_index: 2, page_num: 4 });
    expect(body).toMatchObject({ result: 'OK', error: null, errorMsg: '', data: { total: 6, size: 4, current: 2 } });
    expect(body.data.data.map((r: { user_id: string; roll_call_status: number }) => [r.user_id, r.roll_call_status])).toEqual([[v.s1, 0], [v.s4, 0]]);
  });

  it('defaults to page 1 of 50 (the newer document) when paging is left out', async () => {
    const body = await get(a, { live_id: live });
    expect(body.data).toMatchObject({ total: 6, size: 50, current: 1 });
    expect(body.data.data).toHaveLength(6);
    expect((await get(a, { live_id: quietLive })).data).toEqual({ total: 0, size: 50, current: 1, data: [] });
  });

  it('refuses page_num over 500, a bad page, a wrong hash, and answers in its own envelope', async () => {
    const big = await get(a, { live_id: live, page_index: 1, page_num: 501 });
    expect(big).toEqual({ result: 'FAIL', error: 'invalid_param', data: null, errorMsg: expect.stringMatching(/page_num must be at most 500/) });
    expect((await get(a, { live_id: live, page_index: 0 })).errorMsg).toMatch(/page_index must be at least 1/);
    expect((await postJson(a, { live_id: live }, 'wrong-key'))).toMatchObject({ result: 'FAIL', error: 'auth_failed' });
    expect((await get(a, {})).errorMsg).toMatch(/live_id is required/);
  });

  it("answers FAIL for an unknown live and for another account's live", async () => {
    expect((await get(a, { live_id: '0123456789ABCDEF' })).error).toBe('live_not_found');
    expect(await postJson(b, { live_id: live, page_index: 1, page_num: 10 })).toMatchObject({ result: 'FAIL', error: 'live_not_found', data: null });
  });
});
