import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, gensee, newTenant, type TestEnv } from '../../../test/harness.js';
import { asTeacher, createTeacher, createTrainingRoom, T } from '../../../test/training-rooms.js';
import type { TenantCredentials } from '../provision.js';
import type { RecordingRow, RoomRow } from '../../storage/schema.js';

let env: TestEnv;
let a: TenantCredentials;
let b: TenantCredentials;
let rec: RecordingRow;
let rec2: RecordingRow;
let foreignRec: RecordingRow;
let room: RoomRow;
let teacher: Awaited<ReturnType<typeof createTeacher>>;
let teachersRoom: RoomRow;
let foreignRoom: RoomRow;

beforeAll(async () => {
  env = await createTestEnv();
  a = await newTenant(env, 'Alpha');
  b = await newTenant(env, 'Beta');
  const at = Date.now();
  rec = await env.services.media.addRecording({ tenantId: a.tenant.id, name: 'lesson 1', size: 1000, at });
  rec2 = await env.services.media.addRecording({ tenantId: a.tenant.id, name: 'lesson 2', size: 1000, at });
  foreignRec = await env.services.media.addRecording({ tenantId: b.tenant.id, name: 'theirs', size: 1000, at });
  room = await createTrainingRoom(env, a, 'Room A');
  teacher = await createTeacher(env, a, 'wang');
  teachersRoom = await createTrainingRoom(env, a, "Wang's room", teacher);
  foreignRoom = await createTrainingRoom(env, b, 'Room B');
});
afterAll(() => env?.close());

const warmupOf = async (r: RoomRow) => (await env.services.warmups.ofRoom(r))?.public_id;

describe('warm-up items (5.12–5.15)', () => {
  let warmupId: string;

  it('5.12 creates a warm-up item from a recording, mode 1 by default', async () => {
    const { json } = await gensee(env, a, T('/warmup/created'), { name: '课前暖场', recordId: rec.id });
    expect(json).toEqual({ code: '0', message: '成功', name: '课前暖场', id: expect.stringMatching(/^[0-9a-f]{32}$/), recordId: rec.id, mode: 1 });
    warmupId = json.id;
    expect((await gensee(env, a, T('/warmup/created'), { name: 'x', recordId: rec.id, mode: 3 })).json.mode).toBe(3);
  });

  it.each([
    [{ recordId: 1 }, '101'], [{ name: 'x' }, '101'], [{ name: 'x', recordId: 'abc' }, '101'], [{ name: 'x', recordId: 1, mode: 4 }, '101'],
  ] as Array<[Record<string, string | number>, string]>)('5.12 refuses %j with %s', async (params, code) => {
    expect((await gensee(env, a, T('/warmup/created'), params)).json.code).toBe(code);
  });

  it("5.12 needs a recording of this site (501), and an admin (200)", async () => {
    expect((await gensee(env, a, T('/warmup/created'), { name: 'x', recordId: foreignRec.id })).json.code).toBe('501');
    expect((await gensee(env, a, T('/warmup/created'), { name: 'x', recordId: 99_999_999 })).json.code).toBe('501');
    expect((await gensee(env, a, T('/warmup/created'), { name: 'x', recordId: rec.id }, asTeacher(teacher))).json.code).toBe('200');
  });

  it('5.14 attaches it to a room, replacing the one there; 5.13 changes only what is sent', async () => {
    expect((await gensee(env, a, T('/warmup/attach'), { roomId: room.public_id, warmupId })).json.code).toBe('0');
    expect(await warmupOf(room)).toBe(warmupId);
    const other = (await gensee(env, a, T('/warmup/created'), { name: 'other', recordId: rec2.id })).json.id as string;
    expect((await gensee(env, a, T('/warmup/attach'), { roomId: room.public_id, warmupId: other })).json.code).toBe('0');
    expect(await warmupOf(room)).toBe(other);
    // An admin attaches to a teacher's room too.
    expect((await gensee(env, a, T('/warmup/attach'), { roomId: teachersRoom.public_id, warmupId })).json.code).toBe('0');

    expect((await gensee(env, a, T('/warmup/modify'), { id: warmupId, mode: 2 })).json.code).toBe('0');
    let w = (await env.services.warmups.find(a.tenant.id, warmupId))!;
    expect([w.name, w.mode, w.recording_id]).toEqual(['课前暖场', 2, rec.id]);
    expect((await gensee(env, a, T('/warmup/modify'), { Id: 'x', id: warmupId, name: '新名字', recordId: rec2.id })).json.code).toBe('0');
    w = (await env.services.warmups.find(a.tenant.id, warmupId))!;
    expect([w.name, w.mode, w.recording_id]).toEqual(['新名字', 2, rec2.id]);
  });

  it('5.13 refuses an empty name, an unknown item or recording, and touches nothing then', async () => {
    expect((await gensee(env, a, T('/warmup/modify'), { id: warmupId, name: '' })).json.code).toBe('101');
    expect((await gensee(env, a, T('/warmup/modify'), { id: warmupId, name: 'zzz', recordId: foreignRec.id })).json.code).toBe('501');
    expect((await gensee(env, a, T('/warmup/modify'), { id: 'f'.repeat(32), name: 'zzz' })).json.code).toBe('501');
    expect((await gensee(env, b, T('/warmup/modify'), { id: warmupId, name: 'zzz' })).json.code).toBe('501');
    expect((await env.services.warmups.find(a.tenant.id, warmupId))!.name).toBe('新名字');
  });

  it("5.14/5.15 know only this site's rooms and items (501)", async () => {
    expect((await gensee(env, a, T('/warmup/attach'), { roomId: foreignRoom.public_id, warmupId })).json.code).toBe('501');
    expect((await gensee(env, b, T('/warmup/attach'), { roomId: foreignRoom.public_id, warmupId })).json.code).toBe('501');
    expect((await gensee(env, a, T('/warmup/attach'), { roomId: room.public_id })).json.code).toBe('101');
    expect((await gensee(env, a, T('/warmup/detach'), { roomId: foreignRoom.public_id, warmupId })).json.code).toBe('501');
    expect((await gensee(env, a, T('/warmup/detach'), { roomId: room.public_id })).json.code).toBe('101');
  });

  it('5.15 removes the warm-up whatever warmupId says (it is reserved), and again is harmless', async () => {
    expect((await gensee(env, a, T('/warmup/detach'), { roomId: room.public_id, warmupId: 'anything' })).json.code).toBe('0');
    expect(await warmupOf(room)).toBeUndefined();
    expect((await gensee(env, a, T('/warmup/detach'), { roomId: room.public_id, warmupId: 'anything' })).json.code).toBe('0');
    expect(await warmupOf(teachersRoom)).toBe(warmupId);
  });

  it('a warm-up item goes with its recording', async () => {
    const doomed = await env.services.media.addRecording({ tenantId: a.tenant.id, name: 'doomed', size: 1, at: Date.now() });
    const id = (await gensee(env, a, T('/warmup/created'), { name: 'doomed', recordId: doomed.id })).json.id as string;
    await gensee(env, a, T('/warmup/attach'), { roomId: room.public_id, warmupId: id });
    expect(await env.services.warmups.removeForRecording(doomed)).toBe(1);
    expect(await warmupOf(room)).toBeUndefined();
    expect((await gensee(env, a, T('/warmup/attach'), { roomId: room.public_id, warmupId: id })).json.code).toBe('501');
  });
});

describe('relay sources (5.36, 5.37)', () => {
  const sources = async (r: RoomRow) => (await env.services.relays.sourcesOf(r)).map((s) => s.public_id);

  it("a teacher adds any room of the site as a source of its own room; twice answers 502", async () => {
    expect((await gensee(env, a, T('/relay/add'), { roomId: teachersRoom.public_id, relayId: room.public_id }, asTeacher(teacher))).json.code).toBe('0');
    expect(await sources(teachersRoom)).toEqual([room.public_id]);
    expect((await gensee(env, a, T('/relay/add'), { roomId: teachersRoom.public_id, relayId: room.public_id }, asTeacher(teacher))).json.code).toBe('502');
    expect(await sources(teachersRoom)).toEqual([room.public_id]);
  });

  it("refuses self-relay (500), others' rooms (501), other sites' sources (501) and missing ids (101)", async () => {
    expect((await gensee(env, a, T('/relay/add'), { roomId: room.public_id, relayId: room.public_id })).json.code).toBe('500');
    expect((await gensee(env, a, T('/relay/add'), { roomId: room.public_id, relayId: teachersRoom.public_id }, asTeacher(teacher))).json.code).toBe('501');
    expect((await gensee(env, a, T('/relay/add'), { roomId: room.public_id, relayId: foreignRoom.public_id })).json.code).toBe('501');
    expect((await gensee(env, b, T('/relay/add'), { roomId: room.public_id, relayId: foreignRoom.public_id })).json.code).toBe('501');
    expect((await gensee(env, a, T('/relay/add'), { roomId: room.public_id })).json.code).toBe('101');
    expect(await sources(room)).toEqual([]);
  });

  it('5.37 removes a source; a source the room does not relay answers 501', async () => {
    expect((await gensee(env, a, T('/relay/remove'), { roomId: teachersRoom.public_id, relayId: room.public_id }, asTeacher(teacher))).json.code).toBe('0');
    expect(await sources(teachersRoom)).toEqual([]);
    expect((await gensee(env, a, T('/relay/remove'), { roomId: teachersRoom.public_id, relayId: room.public_id })).json.code).toBe('501');
  });
});

describe('5.41 query/status', () => {
  const status = async (r: RoomRow) => (await gensee(env, a, T('/query/status'), { roomId: r.public_id })).json;

  it('0 before class, 1 with someone inside, 2 live, 0 again once class ended', async () => {
    const r = await createTrainingRoom(env, a, 'status room');
    expect(await status(r)).toEqual({ code: '0', message: '成功', status: 0 });
    const fresh = () => env.services.rooms.get(a.tenant.id, { id: r.id });
    const { participantId } = await env.services.ingestion.join({ room: await fresh(), who: { key: 'user:s1', name: 'S1' }, role: 'student' });
    expect((await status(r)).status).toBe(1);
    await env.services.ingestion.startSession(await fresh());
    expect((await status(r)).status).toBe(2);
    await env.services.ingestion.leave(await fresh(), participantId);
    await env.services.ingestion.endSession(await fresh());
    expect((await status(r)).status).toBe(0);
  });

  it("answers teachers for their own rooms only, admins for every room of the site", async () => {
    expect((await gensee(env, a, T('/query/status'), { roomId: teachersRoom.public_id }, asTeacher(teacher))).json.code).toBe('0');
    expect((await gensee(env, a, T('/query/status'), { roomId: room.public_id }, asTeacher(teacher))).json.code).toBe('501');
    expect((await gensee(env, a, T('/query/status'), { roomId: teachersRoom.public_id })).json.code).toBe('0');
    expect((await gensee(env, b, T('/query/status'), { roomId: room.public_id })).json.code).toBe('501');
    expect((await gensee(env, a, T('/query/status'), {})).json.code).toBe('101');
  });
});
