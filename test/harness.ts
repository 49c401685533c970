import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { loadConfig, type LecternConfig } from '../src/config.js';
import { Services } from '../src/core/services.js';
import { openStorage, type Storage, type StorageOptions } from '../src/storage/database.js';
import { buildApp } from '../src/server/app.js';
import { createTenant, type TenantCredentials } from '../src/dialects/provision.js';
import { BaijiayunClient, CcCollectClient, GenseeWebcastClient, type CcCallOptions, type GenseeCallOptions, type Transport, type WirePairs, type WireValue } from '../src/client/index.js';

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
export async function createTestEnv(overrides: Partial<LecternConfig> = {}, storageOptions: Pick<StorageOptions, 'onQuery'> = {}): Promise<TestEnv> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-test-'));
  const schema = TEST_PG_URL ? `t_${randomBytes(6).toString('hex')}` : undefined;
  // No load shedding: a loaded test machine stalls for seconds at times (the shedding test turns it on).
  const config: LecternConfig = { ...loadConfig({}), dataDir, databaseUrl: TEST_PG_URL, databaseSchema: schema, logLevel: 'silent', maxEventLoopDelayMs: 0, ...overrides };
  const storage = await openStorage({ dataDir, databaseUrl: config.databaseUrl, databaseSchema: schema, poolSize: 4, ...storageOptions });
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

/** Polls `check` every 20 ms until it holds; fails after `ms`. */
export async function until(check: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
export const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

/** A transport that sends a client's requests through Fastify's inject (no socket). */
export function injectTransport(app: FastifyInstance): Transport {
  return async (req) => {
    const res = await app.inject({ method: req.method, url: req.url, headers: req.headers, payload: req.body });
    let body: unknown = res.body;
    try {
      body = res.json();
    } catch {
      // not JSON: hand over the text
    }
    return { status: res.statusCode, body, raw: res };
  };
}

/**
 * Each harness call is a request of its own, as a client makes one call after another: signed
 * requests repeated byte for byte within the replay window are answered from the first (replay
 * protection). Two calls with the same account, path and parameters in one second would be such a
 * repeat, so each gets a timestamp no earlier call with those same parameters had (now, or a second
 * before, and so on: inside the window); tests of replays pass their timestamp.
 */
const usedTimestamps = new Map<string, Set<number>>();
function distinctTimestamp(call: string): number {
  let used = usedTimestamps.get(call);
  if (!used) usedTimestamps.set(call, (used = new Set()));
  const now = nowSeconds();
  let t = now;
  // Past a minute of identical calls the timestamps repeat (well inside the window, never stale).
  while (used.has(t) && t > now - 60) t--;
  used.add(t);
  return t;
}

/** A Baijiayun call as real clients make it: form POST, signed over every parameter (through the typed client). */
export async function bjy(env: TestEnv, creds: TenantCredentials, apiPath: string, params: Record<string, string | number> = {}, opts: { timestamp?: number; key?: string; omitSign?: boolean; tamper?: (body: URLSearchParams) => void } = {}) {
  const client = new BaijiayunClient({ partnerId: creds.baijiayun.partner_id, partnerKey: creds.baijiayun.partner_key, transport: injectTransport(env.app) });
  const out = await client.raw(apiPath, params, { timestamp: opts.timestamp ?? distinctTimestamp(`${creds.baijiayun.partner_id} ${apiPath} ${JSON.stringify(params)}`), partnerKey: opts.key, unsigned: opts.omitSign, tamper: opts.tamper });
  return { res: out.raw as LightMyRequestResponse, json: out.body as { code: number; msg: string; data: any; ts: number } }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** What a test passes as parameters: named values (lists encoded as the call says), or exact wire pairs. */
export type TestParams = Record<string, WireValue> | WirePairs;

/**
 * A CC call as CC's demos make it, through the typed client: GET with a THQS query string (the
 * account as `userid`, or `account_id` under `/openapi/`); the client's options reach every other
 * way (a form or JSON POST, an omitted `time` or `hash`, no account).
 */
export async function cc(env: TestEnv, creds: TenantCredentials, apiPath: string, params: TestParams = {}, opts: { time?: number; key?: string; lower?: boolean } & Omit<CcCallOptions, 'time' | 'apiKey' | 'lowerCaseHash'> = {}) {
  const client = new CcCollectClient({ userId: creds.cc.userid, apiKey: creds.cc.api_key, transport: injectTransport(env.app) });
  const { time, key, lower, ...rest } = opts;
  const distinct = time ?? distinctTimestamp(`${creds.cc.userid} ${apiPath} ${JSON.stringify(params)}`);
  const out = await client.raw(apiPath, params, { ...rest, time: distinct, apiKey: key, lowerCaseHash: lower });
  return { res: out.raw as LightMyRequestResponse, json: out.body as { result: string; data: any; error_msg: string; [k: string]: any } }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A Gensee call: credentials as parameters, the site in the Host header, a form POST unless told otherwise (through the typed client). */
export async function gensee(env: TestEnv, creds: TenantCredentials, apiPath: string, params: TestParams = {}, opts: { host?: string } & Omit<GenseeCallOptions, 'site'> = {}) {
  const client = new GenseeWebcastClient({ loginName: creds.gensee.loginName, password: creds.gensee.password, site: creds.gensee.site, transport: injectTransport(env.app) });
  const { host, ...rest } = opts;
  const out = await client.raw(apiPath, params, { ...rest, method: rest.method ?? 'POST', site: host });
  return { res: out.raw as LightMyRequestResponse, json: out.body as { code: string; message: string; [k: string]: any } }; // eslint-disable-line @typescript-eslint/no-explicit-any
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
