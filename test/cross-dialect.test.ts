import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bjy, cc, createTestEnv, gensee, newTenant, nowSeconds, type TestEnv } from './harness.js';
import type { TenantCredentials } from '../src/dialects/provision.js';
import type { RoleCodes, RoleTokens } from '../src/core/passes.js';
import type { RoomKind } from '../src/core/room-kind.js';
import type { RoomRow } from '../src/storage/schema.js';
import { formatDateTime, parseDateTime } from '../src/dialects/framework/time.js';

/*
 * One room, the same through every dialect (docs/compat/cross-dialect.md): each row of CREATORS
 * makes a room through one dialect's create endpoint; every reader of READERS then reads it through
 * its own endpoint, and the fields it maps must agree with what was created.
 */

let env: TestEnv;
let creds: TenantCredentials;
let zone: string;

beforeAll(async () => {
  env = await createTestEnv();
  creds = await newTenant(env, 'Cross Dialect');
  zone = env.config.timeZone;
});
afterAll(() => env?.close());

const MIN = 60_000;
/** Whole seconds (Baijiayun's unit), in the next hours (its create accepts only the coming year). */
const START = (nowSeconds() + 3 * 3600) * 1000;
const END = START + 90 * MIN;

/** What a creator sets; what it leaves out (tokens, audio) the core decides. */
interface Sets {
  title: string;
  start: number;
  end: number | null;
  capacity: number | null;
  tokens?: RoleTokens;
  aac?: boolean;
}

interface Creation {
  name: string;
  kind: RoomKind;
  sets: Sets;
  /** The Baijiayun `type` the room was created with, when it was. */
  bjyType?: number;
  /** Creates the room through the dialect; returns its public id and any role codes the answer carried. */
  create(): Promise<{ publicId: string; codes?: Partial<RoleCodes> }>;
}

/** Gensee Webcast 5.4 `/webcast/created`: a broadcast to a large audience. */
function webcast(name: string, sets: Sets, extra: Record<string, string | number> = {}): Creation {
  return {
    name, kind: 'large_class', sets,
    async create() {
      const params: Record<string, string | number> = { subject: sets.title, startTime: sets.start, ...extra };
      if (sets.end !== null) params.endTime = sets.end;
      if (sets.capacity !== null) params.maxAttendees = sets.capacity;
      if (sets.tokens) Object.assign(params, { organizerToken: sets.tokens.host, panelistToken: sets.tokens.assistant, attendeeToken: sets.tokens.student ?? '' });
      if (sets.aac !== undefined) params.aac = String(sets.aac);
      const { json } = await gensee(env, creds, '/integration/site/webcast/created', params);
      expect(json.code, JSON.stringify(json)).toBe('0');
      return { publicId: json.id as string };
    },
  };
}

/** Baijiayun 2 `/openapi/room/create`: the class shape from `type`, `industry_type` and the switches in `shape`. */
function baijiayun(name: string, kind: RoomKind, sets: Sets, shape: Record<string, string | number>): Creation {
  return {
    name, kind, sets, bjyType: Number(shape.type),
    async create() {
      const params: Record<string, string | number> = { title: sets.title, start_time: sets.start / 1000, end_time: sets.end! / 1000, ...shape };
      if (sets.capacity !== null) params.max_users = sets.capacity;
      const { json } = await bjy(env, creds, '/openapi/room/create', params);
      expect(json.code, JSON.stringify(json)).toBe(0);
      const room = await env.services.rooms.find(creds.tenant.id, { numericId: json.data.room_id });
      return { publicId: room!.public_id, codes: { host: json.data.teacher_code, assistant: json.data.admin_code, student: json.data.student_code } };
    },
  };
}

/**
 * Gensee Training: 5.1 `room/created` (`scene` picks interactive or small class), 5.44
 * `famousroom/created` (the main room is read here; its tutorial rooms are rooms of the same kind)
 * and 5.55 `miniroom/created` (a length instead of an end; its one student token is the client one).
 */
function training(name: string, kind: RoomKind, sets: Sets, how: 'room' | 'famous' | 'mini', extra: Record<string, string | number> = {}): Creation {
  return {
    name, kind, sets,
    async create() {
      const params: Record<string, string | number> = { subject: sets.title, startDate: sets.start, ...extra };
      if (how === 'mini') params.duration = (sets.end! - sets.start) / 60_000;
      else if (sets.end !== null) params.invalidDate = sets.end;
      if (sets.capacity !== null) params.maxAttendees = sets.capacity;
      if (sets.tokens) {
        params.teacherToken = sets.tokens.host;
        // A mini room has no assistant (the core still issues the role a token).
        if (how !== 'mini') params.assistantToken = sets.tokens.assistant;
        if (sets.tokens.student) params[how === 'mini' ? 'studentClientToken' : 'studentToken'] = sets.tokens.student;
      }
      if (sets.aac !== undefined) params.aacSupport = String(sets.aac);
      const path = { room: 'room/created', famous: 'famousroom/created', mini: 'miniroom/created' }[how];
      const { json } = await gensee(env, creds, `/integration/site/training/${path}`, params);
      expect(json.code, JSON.stringify(json)).toBe('0');
      return { publicId: json.id as string };
    },
  };
}

const TOKENS: RoleTokens = { host: 'host-111', assistant: 'assistant-222', student: 'student-333' };

/** One row per way to create a room. */
const CREATORS: Creation[] = [
  webcast('Webcast with every shared field', { title: '直播：全部字段', start: START, end: END, capacity: 300, tokens: TOKENS, aac: true }),
  webcast('Webcast without endTime or capacity', { title: '直播：无结束时间', start: START, end: null, capacity: null, tokens: { ...TOKENS, student: null }, aac: false }),
  webcast('Webcast with inbound calls (telconf=2 turns AAC off)', { title: '直播：电话', start: START, end: END, capacity: 50, tokens: TOKENS, aac: false }, { aac: 'true', telconf: 2 }),
  baijiayun('Baijiayun large class', 'large_class', { title: '大班课', start: START, end: END, capacity: 500 }, { type: 2 }),
  baijiayun('Baijiayun enterprise live', 'webinar', { title: '企业直播', start: START, end: END, capacity: null }, { type: 2, industry_type: 1 }),
  baijiayun('Baijiayun push-stream live', 'push_live', { title: '推流直播', start: START, end: END, capacity: null }, { type: 2, is_push_live: 1 }),
  baijiayun('Baijiayun group live', 'group_live', { title: '分组直播', start: START, end: END, capacity: null }, { type: 2, is_group_live: 1 }),
  baijiayun('Baijiayun professional small class', 'small_class', { title: '专业小班课', start: START, end: END, capacity: 6 }, { type: 4 }),
  baijiayun('Baijiayun old small class', 'small_class', { title: '普通小班课', start: START, end: END, capacity: 10 }, { type: 3 }),
  baijiayun('Baijiayun one-to-one', 'one_to_one', { title: '一对一', start: START, end: END, capacity: 1 }, { type: 1 }),
  baijiayun('Baijiayun dual teacher', 'dual_teacher', { title: '双师课堂', start: START, end: END, capacity: null }, { type: 5 }),
  training('Training room with every shared field', 'interactive_class', { title: '实时课堂：全部字段', start: START, end: END, capacity: 80, tokens: TOKENS, aac: true }, 'room'),
  training('Training small class, open-ended, generated tokens', 'small_class', { title: '实时课堂：小班', start: START, end: null, capacity: null }, 'room', { scene: 1 }),
  training('Training dual-teacher room', 'dual_teacher', { title: '双师：名师课堂', start: START, end: END, capacity: 200, tokens: { ...TOKENS, student: null } }, 'famous', { classCount: 2 }),
  training('Training mini room', 'mini_class', { title: '微课堂', start: START, end: START + 45 * MIN, capacity: 12, tokens: { host: 'host-111', assistant: expect.stringMatching(/^\d{6}$/) as unknown as string, student: 'student-333' } }, 'mini'),
];

/**
 * How each kind shows on the wire, written out here rather than taken from the dialects' tables:
 * CC's room_type, Baijiayun's type / industry_type / product line, whether Webcast and Training list it.
 */
const WIRE: Partial<Record<RoomKind, { ccRoomType: number; webcastListed: boolean; trainingListed: boolean; bjyType: number; bjyIndustry: number; productLine: number }>> = {
  large_class: { ccRoomType: 3, webcastListed: true, trainingListed: false, bjyType: 2, bjyIndustry: 0, productLine: 1 },
  webinar: { ccRoomType: 3, webcastListed: true, trainingListed: false, bjyType: 2, bjyIndustry: 1, productLine: 4 },
  push_live: { ccRoomType: 3, webcastListed: true, trainingListed: false, bjyType: 2, bjyIndustry: 0, productLine: 1 },
  group_live: { ccRoomType: 3, webcastListed: true, trainingListed: false, bjyType: 2, bjyIndustry: 0, productLine: 1 },
  small_class: { ccRoomType: 2, webcastListed: false, trainingListed: true, bjyType: 4, bjyIndustry: 0, productLine: 2 },
  one_to_one: { ccRoomType: 2, webcastListed: false, trainingListed: false, bjyType: 1, bjyIndustry: 0, productLine: 2 },
  dual_teacher: { ccRoomType: 2, webcastListed: false, trainingListed: true, bjyType: 5, bjyIndustry: 0, productLine: 3 },
  interactive_class: { ccRoomType: 2, webcastListed: false, trainingListed: true, bjyType: 2, bjyIndustry: 0, productLine: 0 },
  mini_class: { ccRoomType: 2, webcastListed: false, trainingListed: true, bjyType: 4, bjyIndustry: 0, productLine: 2 },
};

/** What every reader must agree with: what the creator set, and what the core issued for the rest. */
interface Want {
  creation: Creation;
  room: RoomRow;
  title: string;
  start: number;
  end: number | null;
  capacity: number | null;
  tokens: RoleTokens;
  aac: boolean;
  codes: RoleCodes;
  wire: NonNullable<(typeof WIRE)[RoomKind]>;
  /** Baijiayun's type for this room: the one it was created with (the old small class keeps 3), else the kind's. */
  bjyType: number;
}

interface Reader {
  name: string;
  check(want: Want): Promise<void>;
}

const ms = (text: string) => parseDateTime(text, zone);

const READERS: Reader[] = [
  {
    name: 'Gensee Webcast 5.8 setting/info',
    async check(w) {
      const { json } = await gensee(env, creds, '/integration/site/webcast/setting/info', { webcastId: w.room.public_id });
      expect(json).toMatchObject({
        code: '0', subject: w.title, startTime: w.start, endTime: w.end, maxAttendees: w.capacity,
        organizerToken: w.tokens.host, panelistToken: w.tokens.assistant, attendeeToken: w.tokens.student ?? '',
      });
    },
  },
  {
    name: 'Gensee Webcast 5.9 page (broadcast kinds only)',
    async check(w) {
      const { json } = await gensee(env, creds, '/integration/site/webcast/page', { status: 2 });
      const item = (json.list as Array<{ id: string }>).find((x) => x.id === w.room.public_id);
      if (!w.wire.webcastListed) return expect(item).toBeUndefined();
      expect(item).toMatchObject({ subject: w.title, startTime: w.start, status: 2 });
    },
  },
  {
    name: 'Gensee Webcast 5.22 ongoing/page (broadcast kinds only)',
    async check(w) {
      const { json } = await gensee(env, creds, '/integration/site/webcast/ongoing/page', { pageSize: 1000 });
      const item = (json.list as Array<{ id: string }>).find((x) => x.id === w.room.public_id);
      if (!w.wire.webcastListed) return expect(item).toBeUndefined();
      expect(item).toMatchObject({
        subject: w.title, startTime: w.start, organizerToken: w.tokens.host, panelistToken: w.tokens.assistant, attendeeToken: w.tokens.student ?? '',
      });
    },
  },
  {
    name: 'Gensee Training 5.4 room/info',
    async check(w) {
      const { json } = await gensee(env, creds, '/integration/site/training/room/info', { roomId: w.room.public_id });
      expect(json).toMatchObject({
        code: '0', subject: w.title, startDate: w.start, invalidDate: w.end, aacSupport: w.aac,
        teacherToken: w.tokens.host, assistantToken: w.tokens.assistant, studentToken: w.tokens.student ?? '',
        duration: w.end === null ? 0 : (w.end - w.start) / MIN,
      });
    },
  },
  {
    name: 'Gensee Training 5.54 room/sync (the kinds Training makes)',
    async check(w) {
      const { json } = await gensee(env, creds, '/integration/site/training/room/sync', { status: 2 });
      expect(json.code).toBe('0');
      const item = (json.list as Array<{ roomId: string }>).find((x) => x.roomId === w.room.public_id);
      if (!w.wire.trainingListed) return expect(item).toBeUndefined();
      expect(item).toMatchObject({
        subject: w.title, beginTime: w.start, code: w.room.number, status: 2,
        teacherToken: w.tokens.host, assistantToken: w.tokens.assistant, studentWebToken: w.tokens.student ?? '',
      });
    },
  },
  {
    name: 'Baijiayun 5 room/info',
    async check(w) {
      const { json } = await bjy(env, creds, '/openapi/room/info', { room_id: w.room.numeric_id });
      expect(json.code).toBe(0);
      const d = json.data;
      expect({ ...d, start_time: ms(d.start_time), end_time: ms(d.end_time) }).toMatchObject({
        title: w.title, start_time: w.start, end_time: w.end ?? w.start, max_users: w.capacity ?? 0, type: w.bjyType,
        teacher_code: w.codes.host, admin_code: w.codes.assistant,
      });
    },
  },
  {
    name: 'Baijiayun 9 room/list (and its product_type filter)',
    async check(w) {
      const list = async (productType: number) => (await bjy(env, creds, '/openapi/room/list', { limit: 1000, product_type: productType })).json.data.list as Array<Record<string, number | string>>;
      const item = (await list(0)).find((r) => r.room_id === Number(w.room.numeric_id));
      expect(item).toEqual({
        room_id: Number(w.room.numeric_id), title: w.title, start_time: w.start / 1000, end_time: (w.end ?? w.start) / 1000, create_time: Math.floor(w.room.created_at / 1000),
        type: w.bjyType, max_users: w.capacity ?? 0, industry_type: w.wire.bjyIndustry,
        teacher_code: w.codes.host, admin_code: w.codes.assistant, student_code: w.codes.student,
      });
      expect(item!.end_time).toBeGreaterThanOrEqual(item!.start_time as number);
      for (const line of [1, 2, 3, 4]) {
        const listed = (await list(line)).some((r) => r.room_id === Number(w.room.numeric_id));
        expect(listed, `product_type ${line}`).toBe(line === w.wire.productLine);
      }
    },
  },
  {
    name: 'CC 6 /collect/live/record',
    async check(w) {
      const { json } = await cc(env, creds, '/collect/live/record', {
        roomid: w.room.public_id.toUpperCase(), start_time: formatDateTime(Date.now() - 86_400_000, zone), end_time: formatDateTime(Date.now() + 86_400_000, zone),
      });
      expect(json.result, json.error_msg).toBe('OK');
      expect(json.data).toHaveLength(1);
      expect(json.data[0]).toMatchObject({ roomid: w.room.public_id.toUpperCase(), class_name: w.title, room_type: w.wire.ccRoomType });
    },
  },
];

describe.each(CREATORS)('a room created as "$name"', (creation) => {
  let want: Want;

  beforeAll(async () => {
    const created = await creation.create();
    const room = (await env.services.rooms.find(creds.tenant.id, { publicId: created.publicId }))!;
    const { codes, tokens } = await env.services.passes.rolePasses(room);
    if (created.codes) expect(created.codes).toEqual(codes);
    const wire = WIRE[creation.kind];
    if (!wire) throw new Error(`add ${creation.kind} to WIRE`);
    const { sets } = creation;
    want = {
      creation, room, codes, wire, bjyType: creation.bjyType ?? wire.bjyType,
      title: sets.title, start: sets.start, end: sets.end, capacity: sets.capacity, aac: sets.aac ?? false, tokens: sets.tokens ?? tokens,
    };
    // A class is under way, so live listings (Webcast 5.22, CC lives) show the room too.
    await env.services.ingestion.startSession(room, Date.now() - MIN);
  });

  it('is stored in the core as created', () => {
    expect(want.room).toMatchObject({
      kind: creation.kind, title: want.title, scheduled_start: want.start, scheduled_end: want.end, max_attendees: want.capacity, audio_aac: want.aac ? 1 : 0,
    });
  });

  it('has role tokens: the ones sent, else generated for host and assistant and none for students', async () => {
    const tokens = await env.services.passes.roleTokens(want.room);
    expect(tokens).toEqual(want.tokens);
    if (!creation.sets.tokens) {
      expect(tokens.host).toMatch(/^\d{6}$/);
      expect(tokens.assistant).toMatch(/^\d{6}$/);
      expect(tokens.student).toBeNull();
    }
  });

  it.each(READERS)('reads the same through $name', async (reader) => {
    await reader.check(want);
  });
});

describe('an update through one dialect is seen through the others', () => {
  it('Webcast 5.5 changes title, schedule, capacity, tokens and AAC; Training and Baijiayun read the change', async () => {
    const created = await webcast('to update', { title: 'before', start: START, end: null, capacity: null, tokens: TOKENS, aac: false }).create();
    const room = (await env.services.rooms.find(creds.tenant.id, { publicId: created.publicId }))!;
    const { json } = await gensee(env, creds, '/integration/site/webcast/update', {
      id: created.publicId, subject: 'after', endTime: END, maxAttendees: 80, organizerToken: 'host-999', panelistToken: 'assistant-999', attendeeToken: '', aac: 'true',
    });
    expect(json.code).toBe('0');
    const training = (await gensee(env, creds, '/integration/site/training/room/info', { roomId: created.publicId })).json;
    expect(training).toMatchObject({ subject: 'after', startDate: START, invalidDate: END, teacherToken: 'host-999', assistantToken: 'assistant-999', studentToken: '', aacSupport: true });
    const info = (await bjy(env, creds, '/openapi/room/info', { room_id: room.numeric_id })).json.data;
    expect({ title: info.title, end: ms(info.end_time), max_users: info.max_users }).toEqual({ title: 'after', end: END, max_users: 80 });
  });
});

describe('concurrent creation through several dialects', () => {
  it('gives every room exactly one code and one token per role, and concurrent reads agree', async () => {
    const makers = Array.from({ length: 12 }, (_, i) => (i % 2
      ? webcast(`parallel ${i}`, { title: `parallel ${i}`, start: START, end: END, capacity: null, tokens: TOKENS })
      : baijiayun(`parallel ${i}`, 'large_class', { title: `parallel ${i}`, start: START, end: END, capacity: null }, { type: 2 })));
    const created = await Promise.all(makers.map((m) => m.create()));
    const rooms = await Promise.all(created.map(async (c) => (await env.services.rooms.find(creds.tenant.id, { publicId: c.publicId }))!));
    const rows = await env.services.db.selectFrom('room_passes').select(['room_id', 'kind', 'role', 'code'])
      .where('room_id', 'in', rooms.map((r) => r.id)).where('kind', 'in', ['role_code', 'role_token']).execute();
    for (const room of rooms) {
      const own = rows.filter((r) => Number(r.room_id) === room.id).map((r) => `${r.kind}:${r.role}`).sort();
      expect(own).toEqual(['role_code:assistant', 'role_code:host', 'role_code:student', 'role_token:assistant', 'role_token:host', 'role_token:student']);
    }
    const codes = rows.filter((r) => r.kind === 'role_code').map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    const room = rooms[0];
    const reads = await Promise.all(Array.from({ length: 10 }, async () => (await bjy(env, creds, '/openapi/room/info', { room_id: room.numeric_id })).json.data.teacher_code as string));
    expect(new Set(reads)).toEqual(new Set([(await env.services.passes.roleCodes(room)).host]));
  });

  it('Baijiayun 3 room/update changes title, schedule and capacity; Webcast and Training read the change', async () => {
    const created = await baijiayun('to update', 'large_class', { title: 'before', start: START, end: END, capacity: 100 }, { type: 2 }).create();
    const room = (await env.services.rooms.find(creds.tenant.id, { publicId: created.publicId }))!;
    const newStart = START + 60 * MIN;
    const { json } = await bjy(env, creds, '/openapi/room/update', { room_id: room.numeric_id, title: 'after', start_time: newStart / 1000, endTime: (newStart + 45 * MIN) / 1000, max_users: 40 });
    expect(json.code).toBe(0);
    const webcast = (await gensee(env, creds, '/integration/site/webcast/setting/info', { webcastId: created.publicId })).json;
    expect(webcast).toMatchObject({ code: '0', subject: 'after', startTime: newStart, endTime: newStart + 45 * MIN, maxAttendees: 40 });
    const training = (await gensee(env, creds, '/integration/site/training/room/info', { roomId: created.publicId })).json;
    expect(training).toMatchObject({ subject: 'after', startDate: newStart, invalidDate: newStart + 45 * MIN, duration: 45 });
  });
});
