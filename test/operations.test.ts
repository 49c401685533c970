import { Writable } from 'node:stream';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { bjy, cc, createTestEnv, injectTransport, newTenant, nowSeconds, type TestEnv } from './harness.js';
import { TRAINING } from './training.js';
import { requires, TEST_REDIS_URL } from './requirements.js';
import { buildApp } from '../src/server/app.js';
import type { LecternConfig } from '../src/config.js';
import type { TenantCredentials } from '../src/dialects/provision.js';
import { BaijiayunClient } from '../src/client/index.js';
import { MemoryReplayStore } from '../src/dialects/framework/replay.js';

/** Every line an app logs, parsed. */
function capture() {
  const lines: Array<Record<string, unknown>> = [];
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { stream, lines, text: () => text };
}

/** A second app on the test environment's database, with its own config changes and logging. */
async function appOn(env: TestEnv, overrides: Partial<LecternConfig>, logStream?: NodeJS.WritableStream): Promise<FastifyInstance> {
  const app = await buildApp({ config: { ...env.config, ...overrides }, services: env.services, logger: logStream !== undefined, logStream });
  await app.ready();
  return app;
}

const soon = () => nowSeconds() + 3600;

let env: TestEnv;
let creds: TenantCredentials;
beforeAll(async () => {
  env = await createTestEnv();
  creds = await newTenant(env, 'Ops School');
});
afterAll(() => env?.close());

describe('request log', () => {
  it('holds no credential of any dialect, in URLs or bodies, and one info line per request', async () => {
    const log = capture();
    const app = await appOn(env, { logLevel: 'info' }, log.stream);
    try {
      const g = creds.gensee;
      const b = creds.baijiayun;
      const sent: string[] = [];
      const call = async (method: 'GET' | 'POST', url: string, body?: string) => {
        sent.push(url);
        return app.inject({ method, url, headers: { host: g.site, ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }) }, payload: body });
      };
      const ts = nowSeconds();
      // Gensee Webcast and Training: the password (and role tokens) in the query string and in a form.
      await call('GET', `/integration/site/webcast/setting/info?loginName=${g.loginName}&password=${encodeURIComponent(g.password)}&webcastId=none`);
      await call('GET', `/integration/site/webcast/created?loginName=${g.loginName}&password=${encodeURIComponent(g.password)}&subject=x&startTime=${Date.now()}&organizerToken=org-secret-1&panelistToken=pan-secret-2&attendeeToken=att-secret-3`);
      await call('POST', `${TRAINING}/room/created`, `loginName=${g.loginName}&password=${encodeURIComponent(g.password)}&subject=y&teacherToken=tea-secret-4&studentClientToken=stu-secret-5`);
      await call('GET', `${TRAINING}/room/info?loginName=${g.loginName}&password=${encodeURIComponent(g.password)}&roomId=none&assistantToken=ass-secret-6`);
      // Baijiayun: the partner_key-derived sign, secret_key (partner/createkey), access_key.
      const signed = new URLSearchParams([['partner_id', b.partner_id], ['timestamp', String(ts)], ['title', 'z'], ['start_time', String(soon())], ['end_time', String(soon() + 60)]]);
      const { baijiayunSign } = await import('../src/dialects/baijiayun/signature.js');
      const sign = baijiayunSign([...signed], b.partner_key);
      signed.set('sign', sign);
      await call('GET', `/openapi/room/create?${signed}`);
      await call('GET', `/openapi/partner/createkey?partner_id=${b.partner_id}&secret_key=${b.secret_key}&timestamp=${ts}`);
      await call('GET', `/openapi/room/info?partner_id=${b.partner_id}&timestamp=${ts}&room_id=1&access_key=acc-secret-7&partner_key=${encodeURIComponent(b.partner_key)}`);
      // CC: the THQS hash and the API key should a client send it by mistake.
      const thqs = await cc(env, creds, '/collect/live/usercount/', { liveid: '0000000000000000' }, { method: 'GET' });
      expect(thqs.json.result).toBe('FAIL');
      await call('GET', `/collect/live/usercount/?userid=${creds.cc.userid}&liveid=0000000000000000&time=${ts}&hash=ABCDEF0123456789ABCDEF0123456789&api_key=${creds.cc.api_key}`);
      // The live runtime's signed ticket.
      await call('GET', '/live/ws?ticket=tkt-secret-8');

      const text = log.text();
      // partner/createkey answered a new partner_key: it must not be logged either.
      const rotated = (await env.services.tenants.findCredential('baijiayun', b.partner_id))!.secret;
      for (const secret of [g.password, encodeURIComponent(g.password), 'org-secret-1', 'pan-secret-2', 'att-secret-3', 'tea-secret-4', 'stu-secret-5', 'ass-secret-6', sign, b.secret_key, b.partner_key, encodeURIComponent(b.partner_key), rotated, 'acc-secret-7', 'ABCDEF0123456789ABCDEF0123456789', creds.cc.api_key, 'tkt-secret-8']) {
        expect(text).not.toContain(secret);
      }
      expect(text).toContain('[redacted]');
      // One info line per request (nothing else at info level), each with method, URL and status.
      const infoLines = log.lines.filter((l) => l.level === 30);
      expect(infoLines.map((l) => l.msg)).toEqual(Array(sent.length).fill('request'));
      expect(infoLines.every((l) => typeof l.url === 'string' && typeof l.status === 'number' && typeof l.ms === 'number')).toBe(true);
      const create = infoLines.find((l) => String(l.url).startsWith('/openapi/room/create'))!;
      expect(create).toMatchObject({ dialect: 'baijiayun', endpoint: '/openapi/room/create', code: '0' });
    } finally {
      await app.close();
    }
  });
});

describe('request ids', () => {
  it('every answer carries x-request-id: a sane one given by the caller, else a fresh one; refusals, unknown paths and silent logs included', async () => {
    for (const logLevel of ['info', 'warn']) {
      const app = await appOn(env, { logLevel }, capture().stream);
      try {
        const given = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'trace-42.a_b' } });
        expect(given.headers['x-request-id']).toBe('trace-42.a_b');
        const insane = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'no spaces <allowed>' } });
        expect(insane.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
        const refused = await app.inject({ method: 'GET', url: '/openapi/room/info?partner_id=1&timestamp=1&sign=x' });
        expect(refused.json()).toMatchObject({ code: expect.any(Number) });
        expect(refused.json().code).not.toBe(0);
        const unknown = await app.inject({ method: 'GET', url: '/integration/site/webcast/no-such-thing' });
        const elsewhere = await app.inject({ method: 'GET', url: '/no-such-page' });
        const ids = [refused, unknown, elsewhere].map((r) => r.headers['x-request-id']);
        for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
        expect(new Set(ids).size).toBe(3);
      } finally {
        await app.close();
      }
    }
  });
});

describe('replayed signed requests', () => {
  const roomCount = async (tenantId: string) => Number((await env.services.db.selectFrom('rooms').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow()).n);

  it('Baijiayun: the same room/create twice within the window makes one room and answers the first answer again', async () => {
    const c = await newTenant(env, 'Replay School');
    const ts = nowSeconds();
    const params = { title: '重放教室', start_time: soon(), end_time: soon() + 600 };
    const first = await bjy(env, c, '/openapi/room/create', params, { timestamp: ts });
    expect(first.json.code).toBe(0);
    const again = await bjy(env, c, '/openapi/room/create', params, { timestamp: ts });
    expect(again.res.body).toBe(first.res.body);
    expect(await roomCount(c.tenant.id)).toBe(1);
    // Another timestamp is another request (its own signature): a second room.
    const later = await bjy(env, c, '/openapi/room/create', params, { timestamp: ts - 1 });
    expect(later.json, JSON.stringify(later.json)).toMatchObject({ code: 0 });
    expect(later.json.data.room_id).not.toBe(first.json.data.room_id);
    expect(await roomCount(c.tenant.id)).toBe(2);
  });

  it('copies sent at the same moment run once', async () => {
    const c = await newTenant(env, 'Concurrent Replay');
    const ts = nowSeconds();
    const answers = await Promise.all(Array.from({ length: 5 }, () => bjy(env, c, '/openapi/room/create', { title: 'same', start_time: soon(), end_time: soon() + 600 }, { timestamp: ts })));
    expect(new Set(answers.map((a) => a.res.body)).size).toBe(1);
    expect(await roomCount(c.tenant.id)).toBe(1);
  });

  it('a repeated read runs again and sees what changed in between', async () => {
    const c = await newTenant(env, 'Read Again');
    const created = await bjy(env, c, '/openapi/room/create', { title: 'before', start_time: soon(), end_time: soon() + 600 });
    const ts = nowSeconds();
    const info = () => bjy(env, c, '/openapi/room/info', { room_id: created.json.data.room_id }, { timestamp: ts });
    expect((await info()).json.data.title).toBe('before');
    expect((await bjy(env, c, '/openapi/room/update', { room_id: created.json.data.room_id, title: 'after' })).json.code).toBe(0);
    expect((await info()).json.data.title).toBe('after');
  });

  it('CC: a replayed query gets the same answer and changes nothing', async () => {
    const time = nowSeconds();
    const one = await cc(env, creds, '/collect/live/record', { start_time: '2026-01-01 00:00:00', end_time: '2026-01-02 00:00:00' }, { time });
    const two = await cc(env, creds, '/collect/live/record', { start_time: '2026-01-01 00:00:00', end_time: '2026-01-02 00:00:00' }, { time });
    expect(one.json.result).toBe('OK');
    expect(two.res.body).toBe(one.res.body);
  });

  it('identical reads that overlap take the running copy\'s answer; a copy after it runs afresh', async () => {
    const store = new MemoryReplayStore();
    expect(await store.claim('read', 60_000)).toBe('run');
    const copies = [store.claim('read', 60_000), store.claim('read', 60_000)];
    await store.settle('read', undefined, 60_000, { status: 200, body: 'first' });
    expect(await Promise.all(copies)).toEqual([{ status: 200, body: 'first' }, { status: 200, body: 'first' }]);
    expect(await store.claim('read', 60_000)).toBe('run');
    // Without an answer to hand over (a streamed one), the copies run one after another.
    const later = [store.claim('read', 60_000), store.claim('read', 60_000)];
    await store.settle('read', undefined, 60_000);
    expect(await later[0]).toBe('run');
    await store.settle('read', undefined, 60_000);
    expect(await later[1]).toBe('run');
    await store.settle('read', undefined, 60_000);
    expect(store.size).toBe(0);
  });

  it('the in-process cache is bounded: past its size the oldest settled entries go first', async () => {
    const store = new MemoryReplayStore(2);
    for (const key of ['a', 'b', 'c']) {
      expect(await store.claim(key, 60_000)).toBe('run');
      await store.settle(key, { status: 200, body: key }, 60_000);
    }
    expect(store.size).toBe(2);
    expect(await store.claim('c', 60_000)).toEqual({ status: 200, body: 'c' });
    expect(await store.claim('a', 60_000)).toBe('run');
  });

  it.skipIf(!requires(['redis'], 'replayed requests across two apps sharing Redis'))('two processes sharing Redis: a copy sent to the other one is answered from the first', async () => {
    const c = await newTenant(env, 'Shared Replay');
    const one = await appOn(env, { redisUrl: TEST_REDIS_URL });
    const two = await appOn(env, { redisUrl: TEST_REDIS_URL });
    try {
      const ts = nowSeconds();
      const client = (app: FastifyInstance) => new BaijiayunClient({ partnerId: c.baijiayun.partner_id, partnerKey: c.baijiayun.partner_key, transport: injectTransport(app) });
      const params = { title: '共享重放', start_time: soon(), end_time: soon() + 600 };
      const first = await client(one).raw('/openapi/room/create', params, { timestamp: ts });
      const second = await client(two).raw('/openapi/room/create', params, { timestamp: ts });
      expect(first.body.code).toBe(0);
      expect(second.body).toEqual(first.body);
      expect(await roomCount(c.tenant.id)).toBe(1);
    } finally {
      await one.close();
      await two.close();
    }
  });
});

describe('answers before routing, in the dialect envelope', () => {
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    app = await appOn(env, {});
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app?.close());

  const long = 'x'.repeat(20_000);
  const envelopes: Array<[string, string, (body: Record<string, unknown>) => void]> = [
    ['gensee-webcast', `/integration/site/webcast/setting/info?webcastId=${long}`, (b) => expect(b).toMatchObject({ code: expect.any(String), message: expect.any(String) })],
    ['gensee-training', `${TRAINING}/room/info?roomId=${long}`, (b) => expect(b).toMatchObject({ code: expect.any(String), message: expect.any(String) })],
    ['cc-collect', `/collect/live/usercount/?liveid=${long}`, (b) => expect(b).toMatchObject({ result: 'FAIL', data: null, error_msg: expect.stringMatching(/larger than this server accepts/) })],
    ['baijiayun', `/openapi/room/info?room_id=${long}`, (b) => expect(b).toMatchObject({ code: expect.any(Number), msg: expect.stringMatching(/larger than this server accepts/) })],
  ];

  for (const [dialect, path, check] of envelopes) {
    it(`${dialect}: an oversized URL`, async () => {
      const res = await fetch(`${base}${path}`);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      const body = await res.json() as Record<string, unknown>;
      check(body);
      expect(JSON.stringify(body)).not.toMatch(/statusCode|FST_|Bad Request/);
    });
  }

  it('oversized headers under a dialect prefix, and an oversized URL elsewhere', async () => {
    const res = await fetch(`${base}/openapi/room/info`, { headers: { cookie: `c=${long}` } });
    expect(await res.json()).toMatchObject({ code: expect.any(Number), msg: expect.stringMatching(/larger than this server accepts/) });
    const other = await fetch(`${base}/nowhere?${long}`);
    expect(other.status).toBe(431);
    expect(await other.json()).toMatchObject({ error: 'request too large' });
  });

  it('a path that cannot be decoded, an oversized body and an unknown path', async () => {
    const bad = await app.inject({ method: 'GET', url: '/openapi/room/%E0%A4%A' });
    expect(bad.json()).toMatchObject({ code: expect.any(Number), msg: expect.any(String) });
    const big = await app.inject({ method: 'POST', url: '/collect/live/usercount/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a='.padEnd(5 * 1024 * 1024, 'b') });
    expect(big.json()).toMatchObject({ result: 'FAIL', data: null });
    const missing = await app.inject({ method: 'GET', url: `${TRAINING}/no/such/thing` });
    expect(missing.json()).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });
});

describe('metrics and health', () => {
  const counter = (text: string, labels: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`lectern_requests_total{${labels}}`));
    return line ? Number(line.split(' ').pop()) : 0;
  };

  it('/metrics counts requests by dialect, endpoint and vendor code, with latency, live, queue and event-loop figures', async () => {
    const app = await appOn(env, {});
    try {
      const labels = 'dialect="baijiayun",endpoint="/openapi/room/create",code="0"';
      const before = counter((await app.inject('/metrics')).body, labels);
      const client = new BaijiayunClient({ partnerId: creds.baijiayun.partner_id, partnerKey: creds.baijiayun.partner_key, transport: injectTransport(app) });
      for (let i = 0; i < 2; i++) expect((await client.raw('/openapi/room/create', { title: `m${i}`, start_time: soon(), end_time: soon() + 60 }, { timestamp: nowSeconds() - i })).body.code).toBe(0);
      await app.inject({ method: 'GET', url: '/collect/live/usercount/?userid=X' });
      const res = await app.inject('/metrics');
      expect(res.headers['content-type']).toMatch(/text\/plain/);
      const text = res.body;
      expect(counter(text, labels)).toBe(before + 2);
      expect(counter(text, 'dialect="cc-collect",endpoint="/collect/live/usercount/",code="auth_missing"')).toBe(1);
      expect(text).toMatch(/lectern_request_duration_seconds_bucket\{le="[\d.]+",dialect="baijiayun",endpoint="\/openapi\/room\/create"\} \d+/);
      for (const gauge of ['lectern_live_rooms 0', 'lectern_live_participants 0', 'lectern_outbox_pending ', 'lectern_job_queue_depth{state="pending"} ', 'lectern_event_loop_lag_seconds{quantile="0.99"} ']) expect(text).toContain(gauge);
    } finally {
      await app.close();
    }
  });

  it('/healthz answers while the process runs; /readyz fails when the database is gone, and when Redis is', async () => {
    const own = await createTestEnv();
    try {
      expect((await own.app.inject('/healthz')).json()).toMatchObject({ status: 'ok' });
      const ready = await own.app.inject('/readyz');
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ status: 'ready', checks: { database: 'ok' } });
      const noRedis = await appOn(own, { redisUrl: 'redis://127.0.0.1:1' });
      try {
        const r = await noRedis.inject('/readyz');
        expect(r.statusCode).toBe(503);
        expect(r.json().checks).toMatchObject({ database: 'ok', redis: expect.not.stringMatching(/^ok$/) });
      } finally {
        await noRedis.close();
      }
      await own.storage.close();
      const gone = await own.app.inject('/readyz');
      expect(gone.statusCode).toBe(503);
      expect(gone.json()).toMatchObject({ status: 'not ready', checks: { database: expect.not.stringMatching(/^ok$/) } });
      expect((await own.app.inject('/healthz')).statusCode).toBe(200);
    } finally {
      await own.app.close();
      // The storage is closed already; closing again must not hide the test's own failure.
      await own.close().catch(() => undefined);
    }
  });

  it('sheds load with the dialect system error when the event loop stalls', async () => {
    const app = await appOn(env, { maxEventLoopDelayMs: 20 });
    try {
      let shed: { statusCode: number; json: () => Record<string, unknown> } | undefined;
      for (let attempt = 0; attempt < 40 && !shed; attempt++) {
        const until = Date.now() + 200;
        while (Date.now() < until) { /* stall the event loop */ }
        await new Promise((r) => setImmediate(r));
        const res = await app.inject({ method: 'GET', url: '/openapi/room/list' });
        if (res.statusCode === 503) shed = res;
      }
      expect(shed).toBeDefined();
      expect(shed!.json()).toMatchObject({ code: expect.any(Number), msg: expect.any(String) });
    } finally {
      await app.close();
    }
  });
});

describe('proxies and links', () => {
  const joinUrl = async (app: FastifyInstance, headers: Record<string, string>) => {
    const res = await app.inject({ method: 'POST', url: '/integration/site/webcast/created', headers: { host: creds.gensee.site, 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: new URLSearchParams({ loginName: creds.gensee.loginName, password: creds.gensee.password, subject: 'links', startTime: String(Date.now()), organizerToken: '111111', panelistToken: '222222' }).toString() });
    expect(res.json().code).toBe('0');
    return { url: res.json().attendeeJoinUrl as string };
  };

  it('untrusted X-Forwarded-Proto/-Host change no link; a trusted proxy\'s do; LECTERN_PUBLIC_URL wins over both', async () => {
    const forged = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' };
    const plain = await appOn(env, {});
    const trusting = await appOn(env, { trustProxy: ['127.0.0.1'] });
    const pinned = await appOn(env, { publicUrl: 'https://class.example.org', trustProxy: ['127.0.0.1'] });
    try {
      expect((await joinUrl(plain, forged)).url).toMatch(new RegExp(`^http://${creds.gensee.site.replace(/\./g, '\\.')}/`));
      expect((await joinUrl(trusting, forged)).url).toMatch(/^https:\/\/evil\.example\//);
      expect((await joinUrl(pinned, forged)).url).toMatch(/^https:\/\/class\.example\.org\//);
    } finally {
      await plain.close();
      await trusting.close();
      await pinned.close();
    }
  });
});

describe('proxies and the live gateway', () => {
  /** Enters a new room through `app` over a real socket, claiming to be `forwarded`, and returns the address recorded. */
  async function recordedIp(app: FastifyInstance, forwarded: string): Promise<string | null> {
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const made = await bjy(env, creds, '/openapi/room/create', { title: 'proxy', start_time: nowSeconds() + 60, end_time: nowSeconds() + 3600 });
    const room = (await env.services.rooms.find(creds.tenant.id, { numericId: String(made.json.data.room_id) }))!;
    const entered = await app.inject({ method: 'POST', url: '/enter', payload: { code: made.json.data.student_code, name: 'Proxied' } });
    const ticket = entered.json().ticket as string;
    const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/live/ws?ticket=${encodeURIComponent(ticket)}`, { headers: { 'x-forwarded-for': forwarded } });
    try {
      await new Promise<void>((resolve, reject) => {
        ws.on('message', (data) => {
          if ((JSON.parse(String(data)) as { type: string }).type === 'welcome') resolve();
        });
        ws.once('error', reject);
      });
      const row = await env.services.db.selectFrom('participations').select('ip').where('room_id', '=', room.id).executeTakeFirstOrThrow();
      return row.ip;
    } finally {
      ws.close();
    }
  }

  it('the gateway records X-Forwarded-For only from a trusted proxy', async () => {
    const plain = await appOn(env, {});
    const trusting = await appOn(env, { trustProxy: ['127.0.0.1'] });
    try {
      expect(await recordedIp(plain, '203.0.113.9')).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
      expect(await recordedIp(trusting, '203.0.113.9')).toBe('203.0.113.9');
    } finally {
      await plain.close();
      await trusting.close();
    }
  });
});

describe('landing page', () => {
  it('says what the server is, links every reference page and the tool, shows health and offers entry by code', async () => {
    const res = await env.app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const html = res.body;
    for (const d of ['gensee-webcast', 'gensee-training', 'cc-collect', 'baijiayun']) expect(html).toContain(`href="/docs/${d}"`);
    expect(html).toContain('href="/webcast/static/integration/tool.html"');
    expect(html).toMatch(/<p id="health" class="ok">Ready<\/p>/);
    expect(html).toMatch(/<form method="get" action="\/enter"[^>]*>[\s\S]*name="code"[\s\S]*<\/form>/);
    expect(html).toContain('href="/enter"');
    // Every link on it leads somewhere.
    for (const href of [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1])) {
      expect((await env.app.inject(href)).statusCode, href).toBeLessThan(400);
    }
  });
});
