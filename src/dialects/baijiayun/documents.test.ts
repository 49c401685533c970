import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bjy, createTestEnv, newTenant, nowSeconds, type TestEnv } from '../../../test/harness.js';
import type { TenantCredentials } from '../provision.js';
import { baijiayunSign } from './signature.js';

let env: TestEnv;
let a: TenantCredentials;
let b: TenantCredentials;
const MAX = 64 * 1024;

beforeAll(async () => {
  env = await createTestEnv({ uploadMaxBytes: MAX });
  a = await newTenant(env, 'Docs A');
  b = await newTenant(env, 'Docs B');
});
afterAll(() => env?.close());

const BOUNDARY = '----lectern-test-boundary';

interface FilePart { field: string; name: string; content: Buffer; type?: string }

/** A multipart body as PHP's curl sends it: the signed fields, then the file. */
function multipart(fields: Record<string, string>, files: FilePart[]): Buffer {
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`));
    chunks.push(f.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

/** Signs the text fields only (file parameters take no part, catalog §1.4). */
function signedFields(creds: TenantCredentials, params: Record<string, string | number> = {}, key = creds.baijiayun.partner_key): Record<string, string> {
  const fields: Record<string, string> = { partner_id: creds.baijiayun.partner_id, timestamp: String(nowSeconds()) };
  for (const [k, v] of Object.entries(params)) fields[k] = String(v);
  return { ...fields, sign: baijiayunSign(Object.entries(fields), key) };
}

async function upload(creds: TenantCredentials, params: Record<string, string | number>, files: FilePart[], opts: { key?: string; payload?: Buffer | Readable } = {}) {
  const payload = opts.payload ?? multipart(signedFields(creds, params, opts.key), files);
  const res = await env.app.inject({ method: 'POST', url: '/openapi/doc/uploadDoc', headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, payload });
  return { res, json: res.json() as { code: number; msg: string; data: any } }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const pdf = (n = 1000) => Buffer.from('%PDF-1.4 ' + 'x'.repeat(n));

async function createRoom(creds: TenantCredentials, extra: Record<string, string | number> = {}) {
  const start = nowSeconds() + 3600;
  const { json } = await bjy(env, creds, '/openapi/room/create', { title: 'doc room', start_time: start, end_time: start + 3600, ...extra });
  expect(json.code).toBe(0);
  return json.data.room_id as string;
}

/** Every file under the blob root, staging included. */
function storedFiles(): string[] {
  const root = path.join(env.config.dataDir, 'blobs');
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((p) => fs.statSync(path.join(root, p)).isFile());
}

const documentCount = async () => Number((await env.services.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('10 doc/uploadDoc', () => {
  it('stores the file under the tenant, checksummed, and answers fid and name (and bind_id when bound)', async () => {
    const content = pdf();
    const plain = await upload(a, {}, [{ field: 'attachment', name: '百家云API使用文档.pdf', content, type: 'application/pdf' }]);
    expect(plain.json.code, plain.json.msg).toBe(0);
    expect(plain.json.data).toEqual({ fid: expect.any(Number), name: '百家云API使用文档.pdf' });
    const doc = (await env.services.media.document(a.tenant.id, plain.json.data.fid))!;
    expect(doc).toMatchObject({ size: content.length, source: 'api', checksum: createHash('sha256').update(content).digest('hex') });
    expect(doc.storage_key!.startsWith(`${a.tenant.id}/`)).toBe(true);
    expect(fs.readFileSync(path.join(env.config.dataDir, 'blobs', ...doc.storage_key!.split('/')))).toEqual(content);

    const roomId = await createRoom(a);
    const bound = await upload(a, { room_id: roomId, ppt_animation: 1 }, [{ field: 'attachment', name: 'slides.pptx', content: pdf(10) }]);
    expect(bound.json.code, bound.json.msg).toBe(0);
    expect(bound.json.data).toEqual({ fid: expect.any(Number), name: 'slides.pptx', bind_id: expect.any(Number) });
    const list = (await bjy(env, a, '/openapi/doc/listDoc', { room_id: roomId })).json.data;
    expect(list.list.map((d: { fid: number }) => d.fid)).toEqual([bound.json.data.fid]);
  });

  it('signs the text fields only: a tampered field is refused with 1002, and nothing is kept', async () => {
    const before = [await documentCount(), storedFiles().length];
    const fields = signedFields(a, { ppt_animation: 0 });
    fields.ppt_animation = '1';
    const { json } = await upload(a, {}, [], { payload: multipart(fields, [{ field: 'attachment', name: 'a.pdf', content: pdf() }]) });
    expect(json.code).toBe(1002);
    expect([await documentCount(), storedFiles().length]).toEqual(before);
    expect((await upload(a, {}, [{ field: 'attachment', name: 'a.pdf', content: pdf() }], { key: b.baijiayun.partner_key })).json.code).toBe(1002);
  });

  it('refuses a missing file, a type not listed, an empty and an oversized file with 1001 naming attachment, keeping nothing', async () => {
    const before = [await documentCount(), storedFiles().length];
    const cases: Array<[FilePart[], RegExp]> = [
      [[], /attachment is required/],
      [[{ field: 'attachment', name: 'run.exe', content: pdf() }], /attachment must be a \.doc .* file, got "run.exe"/],
      [[{ field: 'attachment', name: 'empty.pdf', content: Buffer.alloc(0) }], /attachment is empty/],
      [[{ field: 'attachment', name: 'big.pdf', content: Buffer.alloc(MAX + 1, 1) }], new RegExp(`attachment must be at most ${MAX} bytes`)],
      [[{ field: 'attachment', name: 'a.pdf', content: pdf() }, { field: 'attachment', name: 'b.pdf', content: pdf() }], /one file in attachment/],
    ];
    for (const [files, message] of cases) {
      const { json, res } = await upload(a, {}, files);
      expect(res.statusCode).toBe(200);
      expect(json.code, json.msg).toBe(1001);
      expect(json.msg).toMatch(message);
    }
    // Exactly the limit is fine.
    expect((await upload(a, {}, [{ field: 'attachment', name: 'max.pdf', content: Buffer.alloc(MAX, 1) }])).json.code).toBe(0);
    expect([await documentCount(), storedFiles().length]).toEqual([before[0] + 1, before[1] + 1]);
  });

  it('leaves no file and no row when the upload stops half-way', async () => {
    const before = [await documentCount(), storedFiles().length];
    const full = multipart(signedFields(a), [{ field: 'attachment', name: 'cut.pdf', content: pdf(20_000) }]);
    const half = full.subarray(0, full.length / 2);
    const { json } = await upload(a, {}, [], { payload: Readable.from([half]) });
    expect(json.code).toBe(1001);
    expect([await documentCount(), storedFiles().length]).toEqual(before);
  });

  it('drops file parameters it does not take, and refuses unknown or deleted rooms (3001/3002) keeping nothing', async () => {
    const extra = await upload(a, {}, [{ field: 'attachment', name: 'ok.png', content: pdf() }, { field: 'other', name: 'x.exe', content: pdf() }]);
    expect(extra.json.code).toBe(0);
    const before = [await documentCount(), storedFiles().length];
    expect((await upload(a, { room_id: '12345678901234' }, [{ field: 'attachment', name: 'a.pdf', content: pdf() }])).json.code).toBe(3001);
    const foreign = await createRoom(b);
    expect((await upload(a, { room_id: foreign }, [{ field: 'attachment', name: 'a.pdf', content: pdf() }])).json.code).toBe(3001);
    const gone = await createRoom(a);
    await env.services.rooms.softDelete((await env.services.rooms.find(a.tenant.id, { numericId: gone }))!);
    expect((await upload(a, { room_id: gone }, [{ field: 'attachment', name: 'a.pdf', content: pdf() }])).json.code).toBe(3002);
    expect([await documentCount(), storedFiles().length]).toEqual(before);
  });

  it('is refused with 1002 when sent url-encoded without a sign match, like every endpoint, and 1001 without a file', async () => {
    expect((await bjy(env, a, '/openapi/doc/uploadDoc', {})).json).toMatchObject({ code: 1001, msg: expect.stringMatching(/attachment/) });
  });
});

describe('documents of rooms (11–14, 56)', () => {
  it('binds, lists, unbinds from one room only; the document stays in the account', async () => {
    const t = await newTenant(env, 'Docs flow');
    const up = await upload(t, {}, [{ field: 'attachment', name: 'lesson.docx', content: pdf() }]);
    const fid = up.json.data.fid as number;
    const r1 = await createRoom(t);
    const r2 = await createRoom(t);
    const bind1 = (await bjy(env, t, '/openapi/doc/bindDoc', { room_id: r1, fid })).json;
    expect(bind1).toMatchObject({ code: 0, data: { fid, room_id: r1, bind_id: expect.any(Number) } });
    expect(typeof bind1.data.room_id).toBe('string');
    expect((await bjy(env, t, '/openapi/doc/bindDoc', { room_id: r1, fid })).json.data.bind_id).toBe(bind1.data.bind_id);
    await bjy(env, t, '/openapi/doc/bindDoc', { room_id: r2, fid });

    const listed = (await bjy(env, t, '/openapi/doc/listDoc', { room_id: r1 })).json.data;
    expect(listed).toEqual({ room_id: r1, list: [{ fid, name: 'lesson.docx', create_time: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/) }] });

    const removed = await bjy(env, t, '/openapi/doc/removeDoc', { room_id: r1, fid });
    expect(removed.json).toMatchObject({ code: 0, data: { fid: String(fid) } });
    expect((await bjy(env, t, '/openapi/doc/listDoc', { room_id: r1 })).json.data.list).toEqual([]);
    expect((await bjy(env, t, '/openapi/doc/listDoc', { room_id: r2 })).json.data.list.map((d: { fid: number }) => d.fid)).toEqual([fid]);
    expect((await bjy(env, t, '/openapi/doc/listAllDoc', { type: 'all' })).json.data.list.map((d: { fid: number }) => d.fid)).toEqual([fid]);
    expect((await bjy(env, t, '/openapi/doc/removeDoc', { room_id: r1, fid })).json).toMatchObject({ code: 1001, msg: expect.stringMatching(/fid|document/) });
  });

  it('lists the account\'s documents by source, with total, oldest first, and a page when a limit is sent', async () => {
    const t = await newTenant(env, 'Docs list');
    const at = Date.now() - 60_000;
    const inClass = await env.services.media.createDocument({ tenantId: t.tenant.id, name: '课堂白板.png', source: 'room', at });
    const fids = [];
    for (const name of ['a.pdf', 'b.pdf', 'c.pdf']) fids.push((await upload(t, {}, [{ field: 'attachment', name, content: pdf() }])).json.data.fid);
    const h5 = (await bjy(env, t, '/openapi/doc/uploadH5ByUrl', { h5_doc_url: 'https://cdn.example.com/h5/index.html' })).json;
    expect(h5).toMatchObject({ code: 0, data: { fid: expect.any(Number), name: 'https://cdn.example.com/h5/index.html' } });
    expect(h5.data.bind_id).toBeUndefined();

    const all = (await bjy(env, t, '/openapi/doc/listAllDoc', { type: 'all' })).json.data;
    expect(all.total).toBe(5);
    expect(all.list[0]).toEqual({ fid: inClass.id, name: '课堂白板.png', upload_source: 'room', create_time: expect.any(String) });
    expect(all.list.slice(1).map((d: { fid: number }) => d.fid)).toEqual([...fids, h5.data.fid]);
    const api = (await bjy(env, t, '/openapi/doc/listAllDoc', { type: 'api' })).json.data;
    expect([api.total, api.list.every((d: { upload_source: string }) => d.upload_source === 'api')]).toEqual([4, true]);
    expect((await bjy(env, t, '/openapi/doc/listAllDoc', { type: 'room' })).json.data).toMatchObject({ total: 1, list: [{ fid: inClass.id }] });
    const page2 = (await bjy(env, t, '/openapi/doc/listAllDoc', { type: 'all', page: 2, limit: 2 })).json.data;
    expect([page2.total, page2.list.map((d: { fid: number }) => d.fid)]).toEqual([5, [fids[1], fids[2]]]);
    expect((await bjy(env, t, '/openapi/doc/listAllDoc', { type: 'mine' })).json).toMatchObject({ code: 1001, msg: expect.stringMatching(/type/) });
    expect((await bjy(env, t, '/openapi/doc/listAllDoc', {})).json).toMatchObject({ code: 1001, msg: expect.stringMatching(/type is required/) });
    expect((await bjy(env, t, '/openapi/doc/listAllDoc', { type: 'all', limit: 1001 })).json).toMatchObject({ code: 1001, msg: expect.stringMatching(/limit/) });
  });

  it('binds H5 courseware when a room is given, and refuses addresses that are not http(s)', async () => {
    const t = await newTenant(env, 'Docs h5');
    const room = await createRoom(t, { type: 4, max_users: 6 });
    const bound = (await bjy(env, t, '/openapi/doc/uploadH5ByUrl', { room_id: room, h5_doc_url: 'https://cdn.example.com/course/index.html' })).json;
    expect(bound).toMatchObject({ code: 0, data: { fid: expect.any(Number), name: 'https://cdn.example.com/course/index.html', bind_id: expect.any(Number) } });
    expect((await bjy(env, t, '/openapi/doc/listDoc', { room_id: room })).json.data.list).toHaveLength(1);
    for (const bad of ['ftp://x/y', 'javascript:alert(1)', '']) {
      expect((await bjy(env, t, '/openapi/doc/uploadH5ByUrl', { room_id: room, h5_doc_url: bad })).json).toMatchObject({ code: 1001, msg: expect.stringMatching(/h5_doc_url/) });
    }
  });

  it('needs the h5 feature for H5 courseware (a .zip upload, an H5 address): 2002 without it, nothing kept', async () => {
    const t = await newTenant(env, 'Docs no h5');
    await env.services.tenants.setSwitches(t.tenant.id, { h5: false });
    const before = await documentCount();
    const zip = await upload(t, {}, [{ field: 'attachment', name: 'course.zip', content: Buffer.from('PK\x03\x04 h5 course') }]);
    expect(zip.json).toMatchObject({ code: 2002, msg: expect.stringMatching(/h5/) });
    expect((await bjy(env, t, '/openapi/doc/uploadH5ByUrl', { h5_doc_url: 'https://cdn.example.com/h5/index.html' })).json).toMatchObject({ code: 2002, msg: expect.stringMatching(/h5/) });
    expect(await documentCount()).toBe(before);
    // Other documents need no feature.
    expect((await upload(t, {}, [{ field: 'attachment', name: 'notes.pdf', content: pdf() }])).json.code).toBe(0);
  });

  it("keeps tenants apart: another account's fid or room is unknown", async () => {
    const mine = (await upload(a, {}, [{ field: 'attachment', name: 'mine.pdf', content: pdf() }])).json.data.fid;
    const theirRoom = await createRoom(b);
    const myRoom = await createRoom(a);
    expect((await bjy(env, b, '/openapi/doc/bindDoc', { room_id: theirRoom, fid: mine })).json).toMatchObject({ code: 1001, msg: expect.stringMatching(/fid/) });
    expect((await bjy(env, b, '/openapi/doc/removeDoc', { room_id: theirRoom, fid: mine })).json.code).toBe(1001);
    expect((await bjy(env, b, '/openapi/doc/listDoc', { room_id: myRoom })).json.code).toBe(3001);
    expect((await bjy(env, b, '/openapi/doc/listAllDoc', { type: 'all' })).json.data.list.map((d: { fid: number }) => d.fid)).not.toContain(mine);
  });

  it('validates ids with 1001 naming the parameter', async () => {
    const room = await createRoom(a);
    expect((await bjy(env, a, '/openapi/doc/bindDoc', { room_id: room })).json.msg).toMatch(/fid is required/);
    expect((await bjy(env, a, '/openapi/doc/bindDoc', { room_id: room, fid: 'abc' })).json.msg).toMatch(/fid must be an integer/);
    expect((await bjy(env, a, '/openapi/doc/bindDoc', { room_id: 'r1', fid: 1 })).json.msg).toMatch(/room_id is malformed/);
    expect((await bjy(env, a, '/openapi/doc/listDoc', {})).json).toMatchObject({ code: 1001, msg: expect.stringMatching(/room_id is required/) });
  });
});

describe('43 room_data/getPlaybackPdfPath', () => {
  it('answers an empty list (no PPT has been converted), checks the room and the long-term date, and needs the pro feature', async () => {
    const room = await createRoom(a);
    expect((await bjy(env, a, '/openapi/room_data/getPlaybackPdfPath', { room_id: room })).json).toMatchObject({ code: 0, data: { list: [], total: 0 } });
    const longTerm = await createRoom(a, { is_long_term: 1 });
    expect((await bjy(env, a, '/openapi/room_data/getPlaybackPdfPath', { room_id: longTerm })).json).toMatchObject({ code: 1001, msg: expect.stringMatching(/date is required/) });
    expect((await bjy(env, a, '/openapi/room_data/getPlaybackPdfPath', { room_id: longTerm, date: '2024-02-30' })).json).toMatchObject({ code: 1001, msg: expect.stringMatching(/date must be a date/) });
    expect((await bjy(env, a, '/openapi/room_data/getPlaybackPdfPath', { room_id: longTerm, date: '2024-02-03' })).json.code).toBe(0);
    const off = await newTenant(env, 'No pro');
    await env.services.tenants.setSwitches(off.tenant.id, { pro: false });
    expect((await bjy(env, off, '/openapi/room_data/getPlaybackPdfPath', { room_id: await createRoom(off) })).json.code).toBe(2002);
  });
});

describe('a file that cannot be stored', () => {
  it('answers 4001 (upload failed) and keeps no row', async () => {
    const broken = await createTestEnv({ uploadMaxBytes: MAX });
    try {
      const t = await newTenant(broken, 'Broken disk');
      // The blob directory's place is taken by a file: storing fails as a full or read-only disk would.
      fs.writeFileSync(path.join(broken.config.dataDir, 'blobs'), 'not a directory');
      const res = await broken.app.inject({ method: 'POST', url: '/openapi/doc/uploadDoc', headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, payload: multipart(signedFields(t), [{ field: 'attachment', name: 'a.pdf', content: pdf() }]) });
      expect(res.json()).toMatchObject({ code: 4001, data: null });
      expect(await broken.services.media.documentsBySource(t.tenant.id, ['api'], { pageNo: 1, pageSize: 10 })).toMatchObject({ total: 0 });
    } finally {
      await broken.close();
    }
  });
});

describe('uploads over a real connection', () => {
  it('answers a refused upload before the body ends, and the keep-alive connection serves the next request', async () => {
    const server = await createTestEnv({ uploadMaxBytes: MAX });
    try {
      const t = await newTenant(server, 'Socket');
      const url = new URL(await server.app.listen({ port: 0, host: '127.0.0.1' }));
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const post = (body: Buffer, chunked: boolean) => new Promise<{ status: number; json: { code: number; msg: string } }>((resolve, reject) => {
        const req = http.request({ host: url.hostname, port: url.port, path: '/openapi/doc/uploadDoc', method: 'POST', agent, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'content-length': String(body.length) } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString()) }));
        });
        req.on('error', reject);
        if (!chunked) return req.end(body);
        // Sent in pieces, as a slow client would.
        let i = 0;
        const next = () => {
          if (i >= body.length) return req.end();
          req.write(body.subarray(i, i + 16 * 1024), next);
          i += 16 * 1024;
        };
        next();
      });
      const big = multipart(signedFields(t), [{ field: 'attachment', name: 'big.pdf', content: Buffer.alloc(MAX * 8, 1) }]);
      expect((await post(big, true)).json).toMatchObject({ code: 1001, msg: expect.stringMatching(/at most/) });
      const wrong = multipart(signedFields(t), [{ field: 'attachment', name: 'x.exe', content: Buffer.alloc(MAX * 4, 1) }]);
      expect((await post(wrong, true)).json.code).toBe(1001);
      const ok = multipart(signedFields(t), [{ field: 'attachment', name: 'fine.pdf', content: pdf() }]);
      expect((await post(ok, false)).json.code).toBe(0);
      agent.destroy();
    } finally {
      await server.close();
    }
  });
});
