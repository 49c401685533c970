import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, gensee, newTenant, type TestEnv } from '../../../test/harness.js';
import type { TenantCredentials } from '../provision.js';
import type { RoomRow } from '../../storage/schema.js';

const API = '/integration/site/webcast';
const ATTACH = `${API}/file/attach`;
const DETACH = `${API}/file/detach`;

let env: TestEnv;
let a: TenantCredentials;
let b: TenantCredentials;
const ORG = { loginName: 'org1', password: 'org1-pass' };

const tenantOf = async (creds: TenantCredentials) => (await env.services.tenants.findCredential('gensee-site', creds.gensee.site))!.tenantId;
const roomOf = async (creds: TenantCredentials, id: string): Promise<RoomRow> => (await env.services.rooms.find(await tenantOf(creds), { publicId: id }))!;

async function newWebcast(creds: TenantCredentials, who: { loginName?: string; password?: string } = {}): Promise<string> {
  const res = await gensee(env, creds, `${API}/created`, { subject: 'Lesson', startTime: '2030-01-02 09:00:00', organizerToken: '111111', panelistToken: '222222' }, who);
  expect(res.json.code).toBe('0');
  return res.json.id as string;
}

const attachments = async (creds: TenantCredentials, id: string) =>
  (await env.services.attachments.list(await roomOf(creds, id))).map(({ url, name, description }) => ({ url, name, description }));

beforeAll(async () => {
  env = await createTestEnv();
  a = await newTenant(env, 'Alpha');
  b = await newTenant(env, 'Beta');
  await env.services.users.create(await tenantOf(a), 'org1', 'org1-pass', { name: 'Organizer', role: 'organizer' });
});
afterAll(() => env?.close());

describe('5.11 /webcast/file/attach', () => {
  it('adds attachments sent as a JSON array; the name defaults to the file name in the URL', async () => {
    const id = await newWebcast(a);
    const list = [
      { url: 'https://cdn.example.com/files/%E8%AE%B2%E4%B9%89.pdf', description: '第一讲' },
      { url: 'http://example.com/slides.pptx', name: 'Slides', description: 'deck' },
      { url: 'https://example.com/', name: 'Home' },
    ];
    const res = await gensee(env, a, ATTACH, { webcastId: id, attachmentList: JSON.stringify(list) });
    expect(res.json).toEqual({ code: '0', message: '成功' });
    expect(await attachments(a, id)).toEqual([
      { url: list[0].url, name: '讲义.pdf', description: '第一讲' },
      { url: list[1].url, name: 'Slides', description: 'deck' },
      { url: list[2].url, name: 'Home', description: null },
    ]);
    const docs = await env.storage.db.selectFrom('documents').innerJoin('room_documents', 'room_documents.document_id', 'documents.id')
      .select(['documents.source', 'room_documents.kind']).where('room_documents.room_id', '=', (await roomOf(a, id)).id).execute();
    expect(docs).toEqual(Array(3).fill({ source: 'url', kind: 'attachment' }));
  });

  it('accepts every list encoding (A-2): repeated JSON objects, PHP and Java indexed fields, a JSON body, a GET query, bare URLs', async () => {
    const id = await newWebcast(a);
    expect((await gensee(env, a, ATTACH, { webcastId: id, attachmentList: [{ url: 'https://x.test/1', name: 'one' }, { url: 'https://x.test/2' }] }, { lists: 'repeat' })).json.code).toBe('0');
    expect((await gensee(env, a, ATTACH, { webcastId: id, attachmentList: [{ url: 'https://x.test/3', name: 'three' }, { url: 'https://x.test/4', description: 'four' }] }, { lists: 'indexed' })).json.code).toBe('0');
    expect((await gensee(env, a, ATTACH, { webcastId: id, attachmentList: [{ url: 'https://x.test/5', name: 'five' }] }, { lists: 'dotted' })).json.code).toBe('0');
    expect((await gensee(env, a, ATTACH, { webcastId: id, attachmentList: [{ url: 'https://x.test/6', name: 'six' }] }, { body: 'json' })).json.code).toBe('0');
    expect((await gensee(env, a, ATTACH, { webcastId: id, attachmentList: JSON.stringify([{ url: 'https://x.test/7' }]) }, { method: 'GET' })).json.code).toBe('0');
    expect((await gensee(env, a, ATTACH, { webcastId: id, attachmentList: ['https://x.test/8', 'https://x.test/9'] })).json.code).toBe('0');
    expect(await attachments(a, id)).toEqual([
      { url: 'https://x.test/1', name: 'one', description: null },
      { url: 'https://x.test/2', name: '2', description: null },
      { url: 'https://x.test/3', name: 'three', description: null },
      { url: 'https://x.test/4', name: '4', description: 'four' },
      { url: 'https://x.test/5', name: 'five', description: null },
      { url: 'https://x.test/6', name: 'six', description: null },
      { url: 'https://x.test/7', name: '7', description: null },
      { url: 'https://x.test/8', name: '8', description: null },
      { url: 'https://x.test/9', name: '9', description: null },
    ]);
  });

  it('re-attaching a URL replaces its name and description instead of adding a second one', async () => {
    const id = await newWebcast(a);
    await gensee(env, a, ATTACH, { webcastId: id, attachmentList: JSON.stringify([{ url: 'https://x.test/a', name: 'old', description: 'old d' }]) });
    await gensee(env, a, ATTACH, { webcastId: id, attachmentList: JSON.stringify([{ url: 'https://x.test/a', name: 'new' }, { url: 'https://x.test/b', name: 'b1' }, { url: 'https://x.test/b', name: 'b2' }]) });
    expect(await attachments(a, id)).toEqual([
      { url: 'https://x.test/a', name: 'new', description: null },
      { url: 'https://x.test/b', name: 'b2', description: null },
    ]);
  });

  it('refuses bad lists with 101 (102 when the JSON is unreadable) and attaches nothing', async () => {
    const id = await newWebcast(a);
    const good = { url: 'https://x.test/ok' };
    const cases: Array<[string, string | undefined]> = [
      ['101', undefined],
      ['101', '[]'],
      ['102', '[{"url":'],
      ['101', JSON.stringify([good, { name: 'no url' }])],
      ['101', JSON.stringify([good, { url: 'javascript:alert(1)' }])],
      ['101', JSON.stringify([good, { url: '/relative/path' }])],
      ['101', JSON.stringify([good, 42])],
      ['101', JSON.stringify([good, { url: 'https://x.test/long', name: 'n'.repeat(251) }])],
      ['101', JSON.stringify(Array.from({ length: 101 }, (_, i) => ({ url: `https://x.test/${i}` })))],
    ];
    for (const [code, list] of cases) {
      const params: Record<string, string> = { webcastId: id };
      if (list !== undefined) params.attachmentList = list;
      const res = await gensee(env, a, ATTACH, params);
      expect(res.json.code, list).toBe(code);
    }
    expect((await gensee(env, a, ATTACH, { attachmentList: JSON.stringify([good]) })).json.code).toBe('101');
    expect(await attachments(a, id)).toEqual([]);
  });

  it("keeps organizers to their own webcasts and sites to their own (501)", async () => {
    const admins = await newWebcast(a);
    const mine = await newWebcast(a, ORG);
    const list = JSON.stringify([{ url: 'https://x.test/o' }]);
    expect((await gensee(env, a, ATTACH, { webcastId: admins, attachmentList: list }, ORG)).json.code).toBe('501');
    expect((await gensee(env, b, ATTACH, { webcastId: admins, attachmentList: list })).json.code).toBe('501');
    expect(await attachments(a, admins)).toEqual([]);
    expect((await gensee(env, a, ATTACH, { webcastId: mine, attachmentList: list }, ORG)).json.code).toBe('0');
    expect(await attachments(a, mine)).toHaveLength(1);
  });

  it('answers 501 for a deleted webcast', async () => {
    const id = await newWebcast(a);
    await gensee(env, a, `${API}/deleted`, { webcastId: id });
    expect((await gensee(env, a, ATTACH, { webcastId: id, attachmentList: JSON.stringify([{ url: 'https://x.test/d' }]) })).json.code).toBe('501');
  });
});

describe('5.12 /webcast/file/detach', () => {
  let id: string;
  const urls = ['https://x.test/1', 'https://x.test/2', 'https://x.test/3', 'https://x.test/4'];

  beforeAll(async () => {
    id = await newWebcast(a);
    await gensee(env, a, ATTACH, { webcastId: id, attachmentList: JSON.stringify(urls.map((url) => ({ url }))) });
  });

  it('is all or nothing: one URL the webcast does not have answers 501 and removes nothing', async () => {
    const res = await gensee(env, a, DETACH, { webcastId: id, urls: JSON.stringify([urls[0], 'https://x.test/missing']) });
    expect(res.json.code).toBe('501');
    expect(res.json.message).toContain('https://x.test/missing');
    expect((await attachments(a, id)).map((x) => x.url)).toEqual(urls);
  });

  it('refuses other organizers and other sites (501), and a missing urls with 101', async () => {
    expect((await gensee(env, a, DETACH, { webcastId: id, urls: urls[0] }, ORG)).json.code).toBe('501');
    expect((await gensee(env, b, DETACH, { webcastId: id, urls: urls[0] })).json.code).toBe('501');
    expect((await gensee(env, a, DETACH, { webcastId: id })).json.code).toBe('101');
    expect((await gensee(env, a, DETACH, { urls: urls[0] })).json.code).toBe('101');
    expect((await attachments(a, id)).map((x) => x.url)).toEqual(urls);
  });

  it('removes by URL, whether sent as a JSON array, repeated or comma-separated (A-2)', async () => {
    expect((await gensee(env, a, DETACH, { webcastId: id, urls: JSON.stringify([urls[0]]) })).json).toEqual({ code: '0', message: '成功' });
    expect((await gensee(env, a, DETACH, [['webcastId', id], ['urls', urls[1]], ['urls[]', urls[2]]])).json.code).toBe('0');
    expect((await attachments(a, id)).map((x) => x.url)).toEqual([urls[3]]);
    // Gone means gone: detaching it again answers 501; attaching it again works.
    expect((await gensee(env, a, DETACH, { webcastId: id, urls: urls[0] })).json.code).toBe('501');
    await gensee(env, a, ATTACH, { webcastId: id, attachmentList: JSON.stringify([{ url: urls[0], name: 'back' }]) });
    expect(await attachments(a, id)).toEqual([{ url: urls[3], name: '4', description: null }, { url: urls[0], name: 'back', description: null }]);
    expect((await gensee(env, a, DETACH, { webcastId: id, urls: `${urls[3]},${urls[0]}` })).json.code).toBe('0');
    expect(await attachments(a, id)).toEqual([]);
  });
});
