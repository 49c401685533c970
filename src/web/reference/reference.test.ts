import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { Browser } from 'playwright-core';
import { createTestEnv, type TestEnv } from '../../../test/harness.js';
import { launchChromium } from '../../../test/browser.js';
import { requires } from '../../../test/requirements.js';
import { DIALECTS } from '../../dialects/index.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  await env?.close();
});

type Doc = { openapi: string; paths: Record<string, Record<string, { parameters?: Array<{ name: string }>; requestBody?: unknown }>>; info: { description: string } };

describe('OpenAPI documents', () => {
  it.each(DIALECTS.map((d) => [d.name]))('%s: valid OpenAPI 3.1, one path per row of the endpoint table, every error code listed', async (name) => {
    const dialect = DIALECTS.find((d) => d.name === name)!;
    const res = await env.app.inject({ method: 'GET', url: `/docs/${name}/openapi.json` });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as Doc;
    const result = await new Validator().validate(doc as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(dialect.endpoints.map((e) => e.path).sort());
    for (const e of dialect.endpoints) {
      const item = doc.paths[e.path];
      expect(Object.keys(item).sort()).toEqual((e.methods ?? ['GET', 'POST']).map((m: string) => m.toLowerCase()).sort());
    }
    for (const entry of Object.values(dialect.errors)) expect(doc.info.description).toContain(`\`${entry.code}\``);
  });

  it('describes declared parameters: names, requiredness and the wire time format', async () => {
    const doc = (await env.app.inject({ method: 'GET', url: '/docs/gensee-webcast/openapi.json' })).json() as Doc;
    const get = doc.paths['/integration/site/webcast/user/created'].get!;
    const names = get.parameters!.map((p) => p.name);
    expect(names.slice(0, 5)).toEqual(['loginName', 'password', 'sec', 'userLoginName', 'userPassword']);
    const effective = (get.parameters as Array<{ name: string; required: boolean; schema: { type: string; description: string } }>).find((p) => p.name === 'effectiveDate')!;
    expect(effective.required).toBe(false);
    expect(effective.schema).toMatchObject({ type: 'string' });
    expect(effective.schema.description).toContain('yyyy-MM-dd HH:mm:ss');
  });

  it('describes record lists, aliases and time periods as they travel (text), for every dialect that has them', async () => {
    type Param = { name: string; required: boolean; schema: Record<string, unknown> & { description?: string } };
    const webcast = (await env.app.inject({ method: 'GET', url: '/docs/gensee-webcast/openapi.json' })).json() as Doc;
    const params = (path: string) => webcast.paths[path].get!.parameters as Param[];
    const attachments = params('/integration/site/webcast/file/attach').find((p) => p.name === 'attachmentList')!;
    expect(attachments.schema).toMatchObject({ type: 'string', contentMediaType: 'application/json', contentSchema: { type: 'array', maxItems: 100 } });
    expect(JSON.stringify(attachments.schema)).not.toContain('x-lectern');
    expect(params('/integration/site/webcast/vod/update').find((p) => p.name === 'id')!.schema.description).toContain('`vodId`');
    expect(params('/integration/site/webcast/export/vote').find((p) => p.name === 'endTime')!.schema).toMatchObject({ type: 'string' });
    const cc = (await env.app.inject({ method: 'GET', url: '/docs/cc-collect/openapi.json' })).json() as Doc;
    const record = cc.paths['/collect/live/record'].get!.parameters as Param[];
    expect(record.map((p) => `${p.name}${p.required ? '*' : ''}`)).toEqual(['userid', 'account_id', 'time*', 'hash*', 'roomid', 'start_time*', 'end_time*', 'page_size', 'page_length']);
    expect(record.find((p) => p.name === 'page_length')!.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 1000, default: 20 });
  });

  it('lists the dialects at /docs and serves the reference page from the installed Swagger UI (no CDN)', async () => {
    const index = await env.app.inject({ method: 'GET', url: '/docs' });
    for (const d of DIALECTS) expect(index.body).toContain(`href="/docs/${d.name}"`);
    const page = await env.app.inject({ method: 'GET', url: '/docs/baijiayun' });
    expect(page.body).toContain('/docs/assets/swagger-ui-bundle.js');
    expect(page.body).not.toMatch(/https?:\/\//);
    const bundle = await env.app.inject({ method: 'GET', url: '/docs/assets/swagger-ui-bundle.js' });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers['content-type']).toContain('javascript');
  });
});

describe.skipIf(!requires(['chromium'], 'reference page in a browser'))('reference page in a browser', () => {
  let browser: Browser;
  let base: string;
  beforeAll(async () => {
    base = await env.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders the Baijiayun reference with its operations, offline', async () => {
    const page = await browser.newPage();
    const external: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(base)) external.push(r.url());
    });
    await page.goto(`${base}/docs/baijiayun`);
    await page.getByText('Baijiayun live (百家云直播) server API').first().waitFor();
    await page.locator('.opblock-tag[data-tag="room"]').click();
    await page.locator('.opblock-summary-path[data-path="/openapi/room/create"]').first().waitFor();
    expect(await page.locator('.opblock').count()).toBeGreaterThan(0);
    expect(external).toEqual([]);
    await page.screenshot({ path: `${process.env.LECTERN_SCREENSHOTS ?? '/tmp'}/reference-baijiayun.png` });
    await page.close();
  });
});
