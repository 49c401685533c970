import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { loadConfig, type LecternConfig } from '../src/config.js';
import { Services } from '../src/core/services.js';
import { openStorage, type Storage } from '../src/storage/database.js';
import { buildApp } from '../src/server/app.js';
import { createTenant, type TenantCredentials } from '../src/dialects/provision.js';
import { baijiayunSign } from '../src/dialects/baijiayun/signature.js';
import { thqsQuery } from '../src/dialects/cc-collect/thqs.js';

/** Set LECTERN_TEST_DATABASE_URL (e.g. postgres://127.0.0.1:5432/test) to run every suite on PostgreSQL. */
export const TEST_PG_URL = process.env.LECTERN_TEST_DATABASE_URL || undefined;

export interface TestEnv {
  app: FastifyInstance;
  services: Services;
  config: LecternConfig;
  storage: Storage;
  /** Connection settings for another process (CLI, second server) on the same database. */
  dbEnv: Record<string, string>;
  close(): Promise<void>;
}

/** A fresh database (a temp SQLite dir, or a PostgreSQL schema of its own) and an app on it. */
export async function createTestEnv(overrides: Partial<LecternConfig> = {}): Promise<TestEnv> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-test-'));
  const schema = TEST_PG_URL ? `t_${randomBytes(6).toString('hex')}` : undefined;
  const config: LecternConfig = { ...loadConfig({}), dataDir, databaseUrl: TEST_PG_URL, databaseSchema: schema, logLevel: 'silent', ...overrides };
  const storage = await openStorage({ dataDir, databaseUrl: config.databaseUrl, databaseSchema: schema, poolSize: 4 });
  const services = Services.forStorage(storage);
  const app = await buildApp({ config, services, logger: false });
  await app.ready();
  const dbEnv: Record<string, string> = { LECTERN_DATA: dataDir };
  if (TEST_PG_URL) Object.assign(dbEnv, { DATABASE_URL: TEST_PG_URL, DATABASE_SCHEMA: schema! });
  return {
    app, services, config, storage, dbEnv,
    async close() {
      await app.close();
      await storage.close();
      if (schema) {
        const client = new pg.Client({ connectionString: TEST_PG_URL });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function newTenant(env: TestEnv, name = 'Test School', site?: string): Promise<TenantCredentials> {
  return (await createTenant(env.services, { name, site: site ?? `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomBytes(3).toString('hex')}.example.test` })).credentials;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);
export const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

/** A Baijiayun call as real clients make it: form POST, signed over every parameter. */
export async function bjy(env: TestEnv, creds: TenantCredentials, apiPath: string, params: Record<string, string | number> = {}, opts: { timestamp?: number; key?: string; omitSign?: boolean; tamper?: (body: URLSearchParams) => void } = {}) {
  const all: Record<string, string> = { partner_id: creds.baijiayun.partner_id, timestamp: String(opts.timestamp ?? nowSeconds()) };
  for (const [k, v] of Object.entries(params)) all[k] = String(v);
  const body = new URLSearchParams(all);
  if (!opts.omitSign) body.set('sign', baijiayunSign(Object.entries(all), opts.key ?? creds.baijiayun.partner_key));
  opts.tamper?.(body);
  const res = await env.app.inject({ method: 'POST', url: apiPath, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
  return { res, json: res.json() as { code: number; msg: string; data: any; ts: number } }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A CC call: GET with a THQS query string as CC's demos build it. */
export async function cc(env: TestEnv, creds: TenantCredentials, apiPath: string, params: Record<string, string | number> = {}, opts: { time?: number; key?: string; lower?: boolean } = {}) {
  const all: Record<string, string> = { userid: creds.cc.userid };
  for (const [k, v] of Object.entries(params)) all[k] = String(v);
  const qs = thqsQuery(all, opts.key ?? creds.cc.api_key, opts.time ?? nowSeconds(), !opts.lower);
  const res = await env.app.inject({ method: 'GET', url: `${apiPath}?${qs}` });
  return { res, json: res.json() as { result: string; data: any; error_msg: string; [k: string]: unknown } }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A Gensee call: credentials as parameters, the site in the Host header. */
export async function gensee(env: TestEnv, creds: TenantCredentials, apiPath: string, params: Record<string, string | number> = {}, opts: { method?: 'GET' | 'POST'; host?: string; loginName?: string; password?: string; sec?: boolean } = {}) {
  const all: Record<string, string> = {
    loginName: opts.loginName ?? creds.gensee.loginName,
    password: opts.sec ? md5(opts.password ?? creds.gensee.password) : opts.password ?? creds.gensee.password,
  };
  if (opts.sec) all.sec = 'true';
  for (const [k, v] of Object.entries(params)) all[k] = String(v);
  const body = new URLSearchParams(all).toString();
  const headers: Record<string, string> = { host: opts.host ?? creds.gensee.site };
  let res: LightMyRequestResponse;
  if (opts.method === 'GET') res = await env.app.inject({ method: 'GET', url: `${apiPath}?${body}`, headers });
  else res = await env.app.inject({ method: 'POST', url: apiPath, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: body });
  return { res, json: res.json() as { code: string; message: string; [k: string]: any } }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Creates a webcast through `/webcast/created` (as the site admin, or `as`) and returns its room. */
export async function createWebcast(env: TestEnv, creds: TenantCredentials, subject: string, opts: { startTime?: number; loginName?: string; password?: string } = {}) {
  const { startTime = Date.now(), ...as } = opts;
  const res = await gensee(env, creds, '/integration/site/webcast/created', { subject, startTime, organizerToken: '111111', panelistToken: '222222' }, as);
  if (res.json.code !== '0') throw new Error(`webcast/created answered ${JSON.stringify(res.json)}`);
  return (await env.services.rooms.find(creds.tenant.id, { publicId: res.json.id as string }))!;
}

/** A multipart/form-data body as browsers and HTTP clients build it: text fields, then files. */
export async function multipartBody(fields: Record<string, string | number>, files: Array<{ field: string; fileName: string; content: Buffer | string; type?: string }> = []) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, String(v));
  for (const f of files) form.append(f.field, new Blob([typeof f.content === 'string' ? f.content : new Uint8Array(f.content)], { type: f.type ?? 'application/octet-stream' }), f.fileName);
  const encoded = new Response(form);
  return { payload: Buffer.from(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type')! };
}
