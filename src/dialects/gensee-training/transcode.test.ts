import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, gensee, multipartBody, newTenant, type TestEnv } from '../../../test/harness.js';
import { TRAINING } from '../../../test/training.js';
import type { TenantCredentials } from '../provision.js';
import { CONVERT_DOCUMENT, CONVERT_MEDIA } from '../../core/conversions.js';

const MAX_UPLOAD = 64 * 1024;
const teacher = { loginName: 'teacher1', password: 'teacher1-pass' };

let env: TestEnv;
let a: TenantCredentials;
let b: TenantCredentials;
let teacherId: number;

beforeAll(async () => {
  env = await createTestEnv({ uploadMaxBytes: MAX_UPLOAD });
  a = await newTenant(env, 'Alpha');
  b = await newTenant(env, 'Beta');
  teacherId = (await env.services.users.create(a.tenant.id, teacher.loginName, teacher.password, { name: 'Teacher', role: 'organizer' })).id;
});
afterAll(() => env?.close());

const call = (p: string, params: Record<string, string | number>, as: { loginName?: string; password?: string; method?: 'GET' | 'POST' } = {}) =>
  gensee(env, a, `${TRAINING}${p}`, params, as);

/** A multipart POST as an HTTP client sends it: the credentials and fields, then the file. */
async function upload(p: string, fields: Record<string, string | number>, file: { fileName: string; content: Buffer } | undefined, opts: { cut?: number } = {}) {
  const body = await multipartBody({ loginName: a.gensee.loginName, password: a.gensee.password, ...fields }, file ? [{ field: 'file', ...file }] : []);
  const payload = opts.cut ? body.payload.subarray(0, body.payload.length - opts.cut) : body.payload;
  const res = await env.app.inject({ method: 'POST', url: `${TRAINING}${p}`, headers: { host: a.gensee.site, 'content-type': body.contentType }, payload });
  return res.json() as { code: string; message: string; [k: string]: unknown };
}

const blobFiles = () => {
  const root = path.join(env.config.dataDir, 'blobs');
  return fs.existsSync(root) ? fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name))) : [];
};
const counts = async () => {
  const n = async (table: 'vods' | 'documents' | 'recordings' | 'jobs') => Number((await env.storage.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { vods: await n('vods'), documents: await n('documents'), recordings: await n('recordings'), jobs: await n('jobs') };
};
const jobOf = async (coursewareId: string) => {
  const vod = (await env.services.media.vod(a.tenant.id, coursewareId))!;
  return (await env.services.jobs.get(a.tenant.id, vod.conversion_job_id!))!;
};
const synced = async (coursewareId: string) => ((await call('/courseware/syn', {})).json.list as Array<{ id: string }>).find((c) => c.id === coursewareId) as Record<string, unknown>;
const syncedDoc = async (docId: string) => ((await call('/doc/syn', {})).json.list as Array<{ id: number }>).find((d) => String(d.id) === docId) as Record<string, unknown>;

describe('5.27 /training/courseware/transcode by URL', () => {
  it('answers at once with the courseware and its document, both converting, and a pending job', async () => {
    const resourceUrl = `http://files.example.test/a/${encodeURIComponent('课件')}.pptx`;
    const { json } = await call('/courseware/transcode', { resourceUrl, name: '第一讲', callbackUrl: 'https://lms.example.test/hook' });
    expect(Object.keys(json).sort()).toEqual(['code', 'coursewareCode', 'coursewareId', 'docId', 'message', 'visitUrl']);
    expect(json.code).toBe('0');
    expect(json.coursewareId).toMatch(/^[0-9a-f]{32}$/);
    expect(json.coursewareCode).toMatch(/^\d{8}$/);
    expect(json.visitUrl).toBe(`http://${a.gensee.site}/training/site/v/${json.coursewareCode}`);
    expect(json.docId).toMatch(/^\d+$/);

    expect(await synced(json.coursewareId)).toMatchObject({ subject: '第一讲', number: json.coursewareCode, grType: 2, convertResult: 0, creator: (await env.services.users.getByLogin(a.tenant.id, 'admin')).id });
    expect(await syncedDoc(json.docId)).toMatchObject({ name: '第一讲', upload: 'true', convCode: 2 });
    const job = await jobOf(json.coursewareId);
    expect(job).toMatchObject({ kind: CONVERT_DOCUMENT, state: 'pending', attempts: 0 });
    expect(job.payload).toEqual({
      source: { kind: 'url', url: resourceUrl, fileName: '课件.pptx' }, mode: 'vector', documentId: Number(json.docId), vodId: expect.any(Number), vodPublicId: json.coursewareId,
      callback: { url: 'https://lms.example.test/hook', idField: 'gscoursewareId', statusField: 'gsstatus', okValue: 'ok', errorValue: 'error' },
    });
  });

  it('reports the job: converting while leased, 1/0 when done, −1/1 when it failed for good', async () => {
    const done = (await call('/courseware/transcode', { resourceUrl: 'http://files.example.test/ok.pdf', name: 'ok' })).json;
    const bad = (await call('/courseware/transcode', { resourceUrl: 'http://files.example.test/bad.pdf', name: 'bad' })).json;
    const jobs = env.services.jobs;
    const leased = await jobs.lease({ kinds: [CONVERT_DOCUMENT], owner: 'worker', leaseMs: 60_000, limit: 100 });
    expect(leased.length).toBeGreaterThanOrEqual(2);
    expect((await synced(done.coursewareId)).convertResult).toBe(0);
    expect((await syncedDoc(done.docId)).convCode).toBe(2);
    await jobs.complete((await jobOf(done.coursewareId)).id, 'worker', { pages: 3 });
    await jobs.fail((await jobOf(bad.coursewareId)).id, 'worker', 'not a PDF', { permanent: true });
    expect((await synced(done.coursewareId)).convertResult).toBe(1);
    expect((await syncedDoc(done.docId)).convCode).toBe(0);
    expect((await synced(bad.coursewareId)).convertResult).toBe(-1);
    expect((await syncedDoc(bad.docId)).convCode).toBe(1);
  });

  it('names the file by gs_filename, takes image mode, and a URL encoded twice over GET', async () => {
    const target = 'http://files.example.test/download?id=7&gs_filename=slides.pptx';
    const { json } = await call('/courseware/transcode', { resourceUrl: encodeURIComponent(target), name: 'GET', convmode: 1 }, { method: 'GET' });
    expect(json.code).toBe('0');
    expect((await jobOf(json.coursewareId)).payload).toMatchObject({ source: { kind: 'url', url: target, fileName: 'slides.pptx' }, mode: 'image' });
    const nameless = (await call('/courseware/transcode', { resourceUrl: 'http://files.example.test/download?id=8', name: 'nameless' })).json;
    expect(nameless.code).toBe('0');
    expect((await jobOf(nameless.coursewareId)).payload).toMatchObject({ source: { fileName: 'download' } });
  });

  it('refuses what cannot be converted, with 101 naming the parameter, and writes nothing', async () => {
    const before = await counts();
    for (const [params, name] of [
      [{ name: 'x' }, 'resourceUrl'],
      [{ resourceUrl: 'http://files.example.test/a.pptx' }, 'name'],
      [{ resourceUrl: 'ftp://files.example.test/a.pptx', name: 'x' }, 'resourceUrl'],
      [{ resourceUrl: 'not a url', name: 'x' }, 'resourceUrl'],
      [{ resourceUrl: 'http://files.example.test/setup.exe', name: 'x' }, 'resourceUrl'],
      [{ resourceUrl: 'http://files.example.test/a.pptx', name: 'x', convmode: 2 }, 'convmode'],
      [{ resourceUrl: 'http://files.example.test/a.pptx', name: 'x', callbackUrl: 'javascript:alert(1)' }, 'callbackUrl'],
    ] as Array<[Record<string, string | number>, string]>) {
      const { json } = await call('/courseware/transcode', params);
      expect(json.code, JSON.stringify(params)).toBe('101');
      expect(json.message).toContain(name);
    }
    expect(await counts()).toEqual(before);
  });
});

describe('5.27 /training/courseware/transcode with an uploaded file (multipart)', () => {
  it('stores the file under the data directory and converts it', async () => {
    const content = Buffer.from('%PDF-1.4 ' + 'x'.repeat(10_000));
    const json = await upload('/courseware/transcode', { name: '讲义' }, { fileName: '讲义.pdf', content });
    expect(json.code).toBe('0');
    const job = await jobOf(json.coursewareId as string);
    const source = job.payload.source as { kind: string; key: string; size: number; sha256: string; fileName: string };
    expect(source).toMatchObject({ kind: 'blob', size: content.length, sha256: createHash('sha256').update(content).digest('hex'), fileName: '讲义.pdf' });
    expect(source.key.startsWith(`${a.tenant.id}/`)).toBe(true);
    expect(fs.readFileSync(path.join(env.config.dataDir, 'blobs', ...source.key.split('/')))).toEqual(content);
    const docRow = (await env.services.media.document(a.tenant.id, Number(json.docId)))!;
    expect(docRow).toMatchObject({ name: '讲义', file_name: '讲义.pdf', size: content.length, storage_key: source.key, source: 'api', status: 'converting' });
  });

  it('refuses a file over the size limit, a body that breaks off, and a file with a URL, keeping no file and no row', async () => {
    const before = await counts();
    const files = blobFiles();
    const big = await upload('/courseware/transcode', { name: 'big' }, { fileName: 'big.pdf', content: Buffer.alloc(MAX_UPLOAD + 1, 1) });
    expect(big.code).toBe('101');
    expect(big.message).toContain(`file must be at most ${MAX_UPLOAD} bytes`);
    const cut = await upload('/courseware/transcode', { name: 'cut' }, { fileName: 'cut.pdf', content: Buffer.alloc(40_000, 2) }, { cut: 20_000 });
    expect(cut.code).toBe('101');
    const both = await upload('/courseware/transcode', { name: 'both', resourceUrl: 'http://files.example.test/a.pdf' }, { fileName: 'a.pdf', content: Buffer.from('pdf') });
    expect(both.code).toBe('101');
    const exe = await upload('/courseware/transcode', { name: 'exe' }, { fileName: 'setup.exe', content: Buffer.from('MZ') });
    expect(exe.code).toBe('101');
    expect(exe.message).toContain('.exe');
    expect(await counts()).toEqual(before);
    expect(blobFiles()).toEqual(files);
  });

  it('refuses an upload from a wrong password without keeping the file', async () => {
    const files = blobFiles();
    const body = await multipartBody({ loginName: a.gensee.loginName, password: 'wrong', name: 'x' }, [{ field: 'file', fileName: 'a.pdf', content: Buffer.from('pdf') }]);
    const res = await env.app.inject({ method: 'POST', url: `${TRAINING}/courseware/transcode`, headers: { host: a.gensee.site, 'content-type': body.contentType }, payload: body.payload });
    expect(res.json().code).toBe('200');
    expect(blobFiles()).toEqual(files);
  });
});

describe('5.28 /training/media/transcode', () => {
  it('by URL: a recording and a courseware that waits for the media job', async () => {
    const { json } = await call('/media/transcode', { resourceUrl: 'https://cdn.example.test/v/lesson.mp4', name: '录播第一讲' }, teacher);
    expect(Object.keys(json).sort()).toEqual(['code', 'coursewareCode', 'coursewareId', 'message', 'recordId', 'visitUrl']);
    expect(json.recordId).toMatch(/^\d+$/);
    expect(await synced(json.coursewareId)).toMatchObject({ subject: '录播第一讲', grType: 1, convertResult: 0, recordId: Number(json.recordId), grId: Number(json.recordId), creator: teacherId });
    const recordings = (await call('/record/syn', {})).json.list as Array<Record<string, unknown>>;
    expect(recordings.find((r) => r.id === json.recordId)).toEqual({ id: json.recordId, name: '录播第一讲', createdTime: expect.any(Number), size: 0, creator: teacherId });
    const job = await jobOf(json.coursewareId);
    expect(job).toMatchObject({ kind: CONVERT_MEDIA, state: 'pending', payload: { source: { kind: 'url', url: 'https://cdn.example.test/v/lesson.mp4', fileName: 'lesson.mp4' }, recordingId: Number(json.recordId) } });
    // The teacher's courseware is the teacher's: readable by it, not by another site.
    expect((await call('/courseware/info', { coursewareId: json.coursewareId }, teacher)).json.code).toBe('0');
    expect((await gensee(env, b, `${TRAINING}/courseware/info`, { coursewareId: json.coursewareId })).json.code).toBe('501');
  });

  it('by upload: the recording holds the stored file', async () => {
    const content = Buffer.alloc(30_000, 7);
    const json = await upload('/media/transcode', { name: 'clip' }, { fileName: 'clip.mp4', content });
    expect(json.code).toBe('0');
    const [recording] = await env.services.media.recordings(a.tenant.id, [Number(json.recordId)]);
    expect(recording).toMatchObject({ name: 'clip', file_name: 'clip.mp4', size: content.length });
    expect(fs.readFileSync(path.join(env.config.dataDir, 'blobs', ...recording.storage_key!.split('/')))).toEqual(content);
  });

  it('refuses a document type and a missing source (101)', async () => {
    expect((await call('/media/transcode', { resourceUrl: 'https://cdn.example.test/a.pptx', name: 'x' })).json.code).toBe('101');
    expect((await call('/media/transcode', { name: 'x' })).json.code).toBe('101');
  });
});

describe('conversions and sites', () => {
  it("another site lists none of this site's conversions", async () => {
    expect((await gensee(env, b, `${TRAINING}/courseware/syn`, {})).json.list).toEqual([]);
    expect((await gensee(env, b, `${TRAINING}/doc/syn`, {})).json.list).toEqual([]);
    expect((await gensee(env, b, `${TRAINING}/record/syn`, {})).json.list).toEqual([]);
  });

  it('sec=true callers (MD5 password) can transcode', async () => {
    const { json } = await gensee(env, a, `${TRAINING}/courseware/transcode`, { resourceUrl: 'http://files.example.test/s.pdf', name: 'sec' }, { sec: true });
    expect(json.code).toBe('0');
  });
});
