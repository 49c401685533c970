import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, multipartBody, newTenant, nowSeconds, type TestEnv } from '../../../test/harness.js';
import type { TenantCredentials } from '../provision.js';
import { baijiayunSign } from '../baijiayun/signature.js';

let env: TestEnv;
let creds: TenantCredentials;

beforeAll(async () => {
  env = await createTestEnv();
  creds = await newTenant(env, 'Alpha');
});
afterAll(() => env?.close());

const blobFiles = () => {
  const root = path.join(env.config.dataDir, 'blobs');
  return fs.existsSync(root) ? fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name) : [];
};

async function post(url: string, body: { payload: Buffer; contentType: string }, host?: string) {
  const res = await env.app.inject({ method: 'POST', url, headers: { 'content-type': body.contentType, ...(host ? { host } : {}) }, payload: body.payload });
  return res.json() as Record<string, unknown>;
}

describe('multipart/form-data bodies', () => {
  it('text fields are parameters, as in a url-encoded form (Gensee)', async () => {
    const body = await multipartBody({ loginName: creds.gensee.loginName, password: creds.gensee.password });
    expect(await post('/integration/site/webcast/page', body, creds.gensee.site)).toMatchObject({ code: '0' });
  });

  it('a Baijiayun signature covers the multipart fields', async () => {
    const fields = { partner_id: creds.baijiayun.partner_id, timestamp: String(nowSeconds()) };
    const body = await multipartBody({ ...fields, sign: baijiayunSign(Object.entries(fields), creds.baijiayun.partner_key) });
    expect(await post('/openapi/room/list', body)).toMatchObject({ code: 0 });
  });

  it('an endpoint that takes no file reads past file parts and keeps nothing of them', async () => {
    const body = await multipartBody({ loginName: creds.gensee.loginName, password: creds.gensee.password }, [{ field: 'file', fileName: 'a.pdf', content: Buffer.alloc(10_000) }]);
    expect(await post('/integration/site/webcast/page', body, creds.gensee.site)).toMatchObject({ code: '0' });
    expect(blobFiles()).toEqual([]);
  });

  it('a body that breaks off is a parameter error and leaves no file', async () => {
    const body = await multipartBody({ loginName: creds.gensee.loginName, password: creds.gensee.password }, [{ field: 'file', fileName: 'a.pdf', content: Buffer.alloc(50_000, 1) }]);
    const cut = { payload: body.payload.subarray(0, body.payload.length - 20_000), contentType: body.contentType };
    const json = await post('/integration/site/webcast/page', cut, creds.gensee.site);
    expect(json.code).toBe('101');
    expect(json.message).toMatch(/multipart/);
    expect(blobFiles()).toEqual([]);
  });
});
