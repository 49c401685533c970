import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, gensee, newTenant, type TestEnv, createWebcast as createWebcastThrough } from '../../../test/harness.js';
import type { TenantCredentials } from '../provision.js';
import type { DocumentRow, RoomRow } from '../../storage/schema.js';

const P = '/integration/site/webcast';
const HOUR = 3_600_000;
/** 2024-03-01 10:00:00 in Asia/Shanghai (the default site zone). */
const T0 = Date.UTC(2024, 2, 1, 2, 0, 0);
const org = { loginName: 'org1', password: 'org1-pass' };

let env: TestEnv;
let a: TenantCredentials;
let b: TenantCredentials;
let w1: RoomRow;
let bRoom: RoomRow;
/** uploaded: castmaker upload; saved: saved from a class; link: a URL attachment (not a server document); other: site b's. */
let doc: { uploaded: DocumentRow; saved: DocumentRow; link: DocumentRow; other: DocumentRow };

const createWebcast = (creds: TenantCredentials, subject: string) =>
  createWebcastThrough(env, creds, subject, { startTime: T0 });

beforeAll(async () => {
  env = await createTestEnv();
  a = await newTenant(env, 'Alpha');
  b = await newTenant(env, 'Beta');
  await env.services.users.create(a.tenant.id, 'org1', 'org1-pass', { name: 'Organizer', role: 'organizer' });
  w1 = await createWebcast(a, '物理课');
  bRoom = await createWebcast(b, 'Beta class');
  const media = env.services.media;
  const uploaded = await media.createDocument({ tenantId: a.tenant.id, name: '力学.pptx', fileName: 'mechanics.pptx', size: 123_456, source: 'upload', pageCount: 12, at: T0 });
  const saved = await media.createDocument({ tenantId: a.tenant.id, name: '白板 2024-03-01', source: 'room', roomId: w1.id, at: T0 + HOUR });
  const link = await env.storage.db.insertInto('documents').values({
    tenant_id: a.tenant.id, owner_user_id: null, name: 'Syllabus', file_name: null, url: 'https://example.test/s.pdf', size: 0, mime: null, storage_key: null,
    source: 'url', status: 'ready', page_count: null, properties: '{}', created_at: T0 + HOUR, deleted_at: null,
  }).returningAll().executeTakeFirstOrThrow();
  const other = await media.createDocument({ tenantId: b.tenant.id, name: 'Beta doc', source: 'upload', at: T0 });
  doc = { uploaded, saved, link, other };
});
afterAll(() => env?.close());

const call = (path: string, params: Record<string, string | number>, as: { loginName?: string; password?: string; method?: 'GET' | 'POST' } = {}) => gensee(env, a, `${P}${path}`, params, as);
const attached = async (room: RoomRow) => (await env.services.media.documentsOfRoom(room)).map((d) => d.id);

describe('5.30 /webcast/doc/sync', () => {
  const everything = { startTime: '2024-03-01 00:00:00', endTime: '2024-03-02 00:00:00' };

  it('lists the server documents created in the window (not link attachments), with Long ids', async () => {
    const { json } = await call('/doc/sync', everything);
    expect(json.code).toBe('0');
    expect(json.page).toEqual({ pageNo: 1, totalPages: 1, totalCounts: 2 });
    expect(json.list).toEqual([
      { createdTime: T0, upload: true, id: doc.uploaded.id, name: '力学.pptx' },
      { createdTime: T0 + HOUR, upload: false, id: doc.saved.id, name: '白板 2024-03-01' },
    ]);
  });

  it('windows on creation time with inclusive bounds', async () => {
    const { json } = await call('/doc/sync', { startTime: '2024-03-01 11:00:00', endTime: T0 + HOUR });
    expect(json.list.map((d: { id: number }) => d.id)).toEqual([doc.saved.id]);
  });

  it('lets a string endTime cover its whole last second; epoch ms are exact', async () => {
    const at = Date.UTC(2024, 6, 1, 2) + 500;
    const d = await env.services.media.createDocument({ tenantId: a.tenant.id, name: 'half past', source: 'upload', at });
    const ids = async (endTime: string | number) => (await call('/doc/sync', { startTime: '2024-07-01 10:00:00', endTime })).json.list.map((x: { id: number }) => x.id);
    expect(await ids('2024-07-01 10:00:00')).toEqual([d.id]);
    expect(await ids(at - 500)).toEqual([]);
  });

  it('pages 50 at a time', async () => {
    const base = Date.UTC(2025, 0, 1);
    for (let i = 0; i < 51; i++) await env.services.media.createDocument({ tenantId: a.tenant.id, name: `doc ${i}`, source: 'upload', at: base + i });
    const p2 = await call('/doc/sync', { startTime: base, endTime: base + HOUR, pageNo: 2 });
    expect(p2.json.page).toEqual({ pageNo: 2, totalPages: 2, totalCounts: 51 });
    expect(p2.json.list.map((d: { name: string }) => d.name)).toEqual(['doc 50']);
  });

  it("requires both bounds; another site's admin sees only its own; organizers are refused", async () => {
    expect((await call('/doc/sync', { startTime: T0 })).json.code).toBe('101');
    expect((await call('/doc/sync', { startTime: T0, endTime: T0 - 1 })).json.code).toBe('101');
    const other = await gensee(env, b, `${P}/doc/sync`, everything);
    expect(other.json.list.map((d: { id: number }) => d.id)).toEqual([doc.other.id]);
    expect((await call('/doc/sync', everything, org)).json.code).toBe('200');
  });
});

describe('5.31 /webcast/doc/attach and 5.32 /webcast/doc/detach', () => {
  it('attaches a server document by its id sent as a string; attaching again changes nothing', async () => {
    expect((await call('/doc/attach', { webcastId: w1.public_id, docId: String(doc.uploaded.id) })).json.code).toBe('0');
    expect((await call('/doc/attach', { webcastId: w1.public_id, docId: doc.uploaded.id })).json.code).toBe('0');
    expect((await call('/doc/attach', { webcastId: w1.public_id, docId: doc.saved.id }, { method: 'GET' })).json.code).toBe('0');
    expect(await attached(w1)).toEqual([doc.uploaded.id, doc.saved.id]);
  });

  it('answers 501 for unknown documents, link attachments and other sites, and attaches nothing', async () => {
    for (const docId of ['987654321', 'abc', String(doc.link.id), String(doc.other.id)]) {
      expect((await call('/doc/attach', { webcastId: w1.public_id, docId })).json.code, docId).toBe('501');
    }
    expect((await call('/doc/attach', { webcastId: 'f'.repeat(32), docId: doc.uploaded.id })).json.code).toBe('501');
    expect((await gensee(env, b, `${P}/doc/attach`, { webcastId: w1.public_id, docId: doc.other.id })).json.code).toBe('501');
    expect((await gensee(env, b, `${P}/doc/attach`, { webcastId: bRoom.public_id, docId: doc.uploaded.id })).json.code).toBe('501');
    expect((await call('/doc/attach', { webcastId: w1.public_id })).json.code).toBe('101');
    expect(await attached(w1)).toEqual([doc.uploaded.id, doc.saved.id]);
    expect(await attached(bRoom)).toEqual([]);
  });

  it('detaches an attached document; detaching one that is not attached is 501', async () => {
    expect((await gensee(env, b, `${P}/doc/detach`, { webcastId: w1.public_id, docId: doc.uploaded.id })).json.code).toBe('501');
    expect((await call('/doc/detach', { webcastId: w1.public_id, docId: doc.uploaded.id })).json.code).toBe('0');
    expect(await attached(w1)).toEqual([doc.saved.id]);
    expect((await call('/doc/detach', { webcastId: w1.public_id, docId: doc.uploaded.id })).json.code).toBe('501');
    expect((await call('/doc/detach', { webcastId: w1.public_id, docId: 'abc' })).json.code).toBe('501');
    expect((await call('/doc/detach', { webcastId: w1.public_id, docId: doc.saved.id }, org)).json.code).toBe('200');
  });

  it('refuses attaching to a finished webcast with 500 (A-30); detaching still works', async () => {
    const room = await createWebcast(a, 'Finished');
    await call('/doc/attach', { webcastId: room.public_id, docId: doc.saved.id });
    await env.services.ingestion.endSession(room, T0, true);
    expect((await call('/doc/attach', { webcastId: room.public_id, docId: doc.uploaded.id })).json.code).toBe('500');
    expect((await call('/doc/detach', { webcastId: room.public_id, docId: doc.saved.id })).json.code).toBe('0');
    expect(await attached(room)).toEqual([]);
  });
});
