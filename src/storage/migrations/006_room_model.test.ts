import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PG_URL } from '../../../test/harness.js';
import { Services } from '../../core/services.js';
import type { Database, RoomRow } from '../schema.js';
import { LecternSqliteDialect, SqliteDataVersion } from '../sqlite-dialect.js';
import { migrationProvider } from './index.js';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- the schema before 006 is not the typed one

/** A database at migration 004 (the state before the room model), on the engine the suite runs on. */
async function openAt004(): Promise<{ db: AnyDb; migrator: Migrator; close(): Promise<void> }> {
  const postgres = TEST_PG_URL !== undefined;
  let db: AnyDb;
  let cleanup: () => Promise<void>;
  const schema = postgres ? `m_${randomBytes(6).toString('hex')}` : undefined;
  if (schema) {
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    db = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: TEST_PG_URL, max: 2, options: `-c search_path=${schema}` }) }) });
    cleanup = async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-m006-'));
    const handle = new SQLite(path.join(dir, 'lectern.db'));
    db = new Kysely({ dialect: new LecternSqliteDialect(handle, new SqliteDataVersion(handle)) });
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const migrator = new Migrator({ db, provider: migrationProvider(postgres), ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error } = await migrator.migrateTo('004_question_answerer');
  if (error) throw error;
  return {
    db, migrator,
    async close() {
      await db.destroy();
      await cleanup();
    },
  };
}

let legacy: Awaited<ReturnType<typeof openAt004>>;
const T = Date.UTC(2024, 0, 1);
const ids: Record<string, number> = {};

async function legacyRoom(name: string, product: string, properties: Record<string, unknown>) {
  const row = await legacy.db.insertInto('rooms').values({
    tenant_id: 't1', public_id: randomBytes(16).toString('hex'), number: String(10_000_000 + Object.keys(ids).length), numeric_id: `2401010000000${Object.keys(ids).length}`,
    product, title: name, description: null, owner_user_id: null, scheduled_start: T, scheduled_end: null, max_attendees: null, status: 'scheduled',
    properties: JSON.stringify(properties), deleted_at: null, created_at: T, updated_at: T,
  }).returning('id').executeTakeFirstOrThrow();
  ids[name] = Number(row.id);
}

async function pass(room: string, kind: string, role: string, code: string | null, userNumber: number | null = null) {
  await legacy.db.insertInto('room_passes').values({
    tenant_id: 't1', room_id: ids[room], role, code, secret: null, user_number: userNumber, user_name: null, user_avatar: null, kind, group_id: null, created_at: T,
  }).execute();
}

beforeAll(async () => {
  legacy = await openAt004();
  await legacy.db.insertInto('tenants').values({ id: 't1', name: 'Legacy', is_demo: 0, settings: '{}', created_at: T }).execute();
  await legacyRoom('webcast', 'webcast', { organizerToken: '111111', panelistToken: '222222', attendeeToken: '', aac: true, telconf: '1', skin: 'blue', organizerKey: 'key' });
  await legacyRoom('training', 'training', { teacherToken: '123456', assistantToken: '234567', studentToken: '345678', aacSupport: true, studentClientToken: 'client' });
  await legacyRoom('one-to-one', 'small-class', { type: 1, industry_type: 0, is_long_term: 0 });
  await legacyRoom('small', 'small-class', { type: 4, industry_type: 0 });
  await legacyRoom('enterprise', 'live-enterprise', { type: 2, industry_type: 1 });
  await legacyRoom('push', 'live-edu', { type: 2, industry_type: 0, is_push_live: '1' });
  await legacyRoom('dual', 'dual-teacher', { type: 5 });
  await legacyRoom('plain', 'class', {});
  // Two concurrent first reads gave this room two host codes; a personal code exists too.
  await pass('small', 'role_code', 'host', 'aaaaaa');
  await pass('small', 'role_code', 'host', 'bbbbbb');
  await pass('small', 'role_code', 'assistant', 'cccccc');
  await pass('small', 'role_code', 'student', 'dddddd');
  await pass('small', 'user_code', 'student', 'eeeeee', 1001);
  await pass('webcast', 'role_code', 'student', 'ffffff');
  const { error } = await legacy.migrator.migrateToLatest();
  if (error) throw error;
});
afterAll(() => legacy?.close());

const roomRow = async (name: string) => legacy.db.selectFrom('rooms').selectAll().where('id', '=', ids[name]).executeTakeFirstOrThrow();
const passesOf = async (name: string) => legacy.db.selectFrom('room_passes').selectAll().where('room_id', '=', ids[name]).orderBy('id').execute();

describe('migration 006: the room model', () => {
  it('gives every room a kind from its product (and Baijiayun type and switches), and drops product', async () => {
    const kinds = Object.fromEntries(await Promise.all(Object.keys(ids).map(async (n) => [n, (await roomRow(n)).kind])));
    expect(kinds).toEqual({
      webcast: 'large_class', training: 'interactive_class', 'one-to-one': 'one_to_one', small: 'small_class', enterprise: 'webinar', push: 'push_live', dual: 'dual_teacher', plain: 'large_class',
    });
    expect(await roomRow('plain')).not.toHaveProperty('product');
  });

  it('moves aac / aacSupport into audio_aac and the tokens out of the properties, keeping the rest', async () => {
    const webcast = await roomRow('webcast');
    expect(webcast.audio_aac).toBe(1);
    expect(JSON.parse(webcast.properties)).toEqual({ telconf: '1', skin: 'blue', organizerKey: 'key' });
    const training = await roomRow('training');
    expect(training.audio_aac).toBe(1);
    expect(JSON.parse(training.properties)).toEqual({ studentClientToken: 'client' });
    expect((await roomRow('small')).audio_aac).toBe(0);
    expect(JSON.parse((await roomRow('small')).properties)).toEqual({ type: 4 });
  });

  it('issues every room one code and one token per role, keeping codes already handed out (the first of duplicates)', async () => {
    for (const name of Object.keys(ids)) {
      const rows = (await passesOf(name)).filter((p) => p.kind === 'role_code' || p.kind === 'role_token');
      expect(rows.map((p) => `${p.kind}:${p.role}`).sort(), name).toEqual(['role_code:assistant', 'role_code:host', 'role_code:student', 'role_token:assistant', 'role_token:host', 'role_token:student']);
    }
    const small = await passesOf('small');
    expect(small.filter((p) => p.kind === 'role_code').map((p) => p.code)).toEqual(['aaaaaa', 'cccccc', 'dddddd']);
    expect(small.filter((p) => p.kind === 'user_code').map((p) => p.code)).toEqual(['eeeeee']);
    expect((await passesOf('webcast')).find((p) => p.kind === 'role_code' && p.role === 'student')!.code).toBe('ffffff');
  });

  it('reads the tokens back through the core under every name they had', async () => {
    const services = new Services(legacy.db as Kysely<Database>, TEST_PG_URL ? 'postgres' : 'sqlite');
    const tokens = async (name: string) => services.passes.roleTokens((await roomRow(name)) as RoomRow);
    expect(await tokens('webcast')).toEqual({ host: '111111', assistant: '222222', student: null });
    expect(await tokens('training')).toEqual({ host: '123456', assistant: '234567', student: '345678' });
    const generated = await tokens('plain');
    expect(generated.host).toMatch(/^\d{6}$/);
    expect(generated.assistant).toMatch(/^\d{6}$/);
    expect(generated.host).not.toBe(generated.assistant);
    expect(generated.student).toBeNull();
  });

  it('allows one role code and one role token per room and role, but many personal codes', async () => {
    const extra = (kind: string, role: string, code: string | null) => legacy.db.insertInto('room_passes').values({
      tenant_id: 't1', room_id: ids.small, role, code, secret: null, user_number: 1002, user_name: null, user_avatar: null, kind, group_id: null, created_at: T,
    }).execute();
    await expect(extra('role_code', 'host', 'gggggg')).rejects.toThrow();
    await expect(extra('role_token', 'student', null)).rejects.toThrow();
    await extra('user_code', 'student', 'hhhhhh');
    const personal = await legacy.db.selectFrom('room_passes').select(sql<number>`count(*)`.as('n')).where('room_id', '=', ids.small).where('kind', '=', 'user_code').executeTakeFirstOrThrow();
    expect(Number(personal.n)).toBe(2);
  });
});
