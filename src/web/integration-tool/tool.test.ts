import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../../test/browser.js';
import { requires } from '../../../test/requirements.js';
import { createTestEnv, newTenant, type TestEnv } from '../../../test/harness.js';
import type { TenantCredentials } from '../../dialects/provision.js';
import { WEBCAST_ENDPOINTS } from '../../dialects/gensee-webcast/endpoints.js';
import { TRAINING_ENDPOINTS } from '../../dialects/gensee-training/endpoints.js';
import type { ToolEndpoint } from './endpoint-list.js';

/** Loopback requests resolve to this site (LECTERN_DEFAULT_SITE), as when the tool runs on a developer's machine. */
const SITE = 'tool-school.example.test';
const TOOL = '/webcast/static/integration/tool.html';

let env: TestEnv;
let creds: TenantCredentials;
let base: string;
let browser: Browser;
const hasBrowser = requires(['chromium'], 'integration test tool in a browser');

beforeAll(async () => {
  env = await createTestEnv({ defaultGenseeSite: SITE });
  creds = await newTenant(env, 'Tool School', SITE);
  base = await env.app.listen({ port: 0, host: '127.0.0.1' });
  if (hasBrowser) browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await env?.close();
});

describe('tool routes', () => {
  it('serves the page, its script and an endpoint list generated from the endpoint table', async () => {
    const page = await env.app.inject({ method: 'GET', url: TOOL });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<script src="tool.js"></script>');
    const script = await env.app.inject({ method: 'GET', url: '/webcast/static/integration/tool.js' });
    expect(script.headers['content-type']).toContain('javascript');
    const list = (await env.app.inject({ method: 'GET', url: '/webcast/static/integration/endpoints.json' })).json() as ToolEndpoint[];
    expect(list.map((e) => e.path)).toEqual(WEBCAST_ENDPOINTS.map((e) => e.path));
    expect(list.find((e) => e.documentedPath === '/webcast/export/vote')).toEqual({
      path: '/integration/site/webcast/export/vote', documentedPath: '/webcast/export/vote', summary: '5.14 Export poll results', role: 'organizer',
      methods: ['POST', 'GET'], params: ['webcastId', 'startTime', 'endTime'],
    });
    expect(list.find((e) => e.documentedPath === '/webcast/export/usage')?.role).toBe('admin');
  });
});

describe('Training in the tool', () => {
  it('lists the Training endpoints for product=training, with their declared parameters, and refuses unknown products', async () => {
    const list = (await env.app.inject({ method: 'GET', url: '/webcast/static/integration/endpoints.json?product=training' })).json() as ToolEndpoint[];
    expect(list.map((e) => e.path)).toEqual(TRAINING_ENDPOINTS.map((e) => e.path));
    expect(list.find((e) => e.documentedPath === '/training/teacher/created')).toEqual({
      path: '/integration/site/training/teacher/created', documentedPath: '/training/teacher/created', summary: '5.9 Create a teacher account', role: 'admin',
      methods: ['POST', 'GET'], params: ['teacherLoginName', 'teacherPassword', 'name', 'maxPoints', 'validDate', 'invalidDate', 'maxVodPoints'],
    });
    expect((await env.app.inject({ method: 'GET', url: '/webcast/static/integration/endpoints.json?product=vod' })).statusCode).toBe(404);
  });
});

/** Picks the endpoint whose documented path is `path` in the page's endpoint choice. */
async function choose(page: Page, path: string) {
  const index = await page.$$eval('#endpoint option', (options, p) => options.findIndex((o) => (o.textContent ?? '').endsWith(' \u2014 ' + p)), path);
  expect(index, path).toBeGreaterThanOrEqual(0);
  await page.selectOption('#endpoint', String(index));
}

/**
 * Fills the endpoint's parameters: into the input labelled with the parameter name when the
 * endpoint's row lists it, otherwise as a `name=value` line under "other".
 */
async function fill(page: Page, values: Record<string, string>) {
  const extra: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    const input = page.getByLabel(name, { exact: true });
    if (await input.count()) await input.fill(value);
    else extra.push(`${name}=${value}`);
  }
  await page.fill('#extra', extra.join('\n'));
}

async function send(page: Page): Promise<{ status: string; json: Record<string, any> }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  await page.click('#send');
  await page.waitForFunction(() => (document.getElementById('status')?.textContent ?? '').startsWith('HTTP'));
  return { status: (await page.textContent('#status')) ?? '', json: JSON.parse((await page.textContent('#result')) ?? 'null') };
}

describe.skipIf(!hasBrowser)('the page in a browser', () => {
  it('creates a webcast, reads its settings and exports its chat, showing each JSON answer', { timeout: 60_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(String(e)));
    await page.goto(base + TOOL);
    await page.waitForFunction((n) => document.querySelectorAll('#endpoint option').length === n, WEBCAST_ENDPOINTS.length);
    expect(await page.inputValue('#product')).toBe('webcast');

    await page.getByLabel('loginName', { exact: true }).fill(creds.gensee.loginName);
    await page.getByLabel('password', { exact: true }).fill(creds.gensee.password);

    await choose(page, '/webcast/created');
    await fill(page, { subject: 'Browser class', startTime: '2030-01-02 09:00:00', organizerToken: '111111', panelistToken: '222222' });
    const created = await send(page);
    expect(created.status).toBe('HTTP 200 · code 0');
    expect(created.json.code).toBe('0');
    expect(created.json.id).toMatch(/^[0-9a-f]{32}$/);
    expect(await page.textContent('#request')).toBe('POST /integration/site/webcast/created');

    await choose(page, '/webcast/setting/info');
    await fill(page, { webcastId: created.json.id });
    const info = await send(page);
    expect(info.json).toMatchObject({ code: '0', id: created.json.id, subject: 'Browser class', organizerToken: '111111' });

    // Record a class on the new webcast, then export its chat with a GET.
    const room = (await env.services.rooms.find(creds.tenant.id, { publicId: created.json.id }))!;
    const t = Date.UTC(2030, 0, 2, 1, 0, 0);
    await env.services.ingestion.startSession(room, t);
    await env.services.ingestion.chat({ room, sender: { key: 'user:zoe', name: 'Zoe' }, senderRole: 'attendee', content: 'hello from the class', at: t + 1000 });
    await env.services.ingestion.endSession(room, t + 60_000);
    const zoe = (await env.services.participants.byKey(creds.tenant.id, 'user:zoe'))!;

    await choose(page, '/webcast/export/chat');
    for (const name of ['webcastId', 'startTime', 'endTime']) expect(await page.getByLabel(name, { exact: true }).count(), name).toBe(1);
    // The webcastId typed for setting/info is kept when switching endpoints.
    expect(await page.getByLabel('webcastId', { exact: true }).inputValue()).toBe(created.json.id);
    await page.selectOption('#method', 'GET');
    const chat = await send(page);
    expect(chat.json).toEqual({ code: '0', message: '成功', list: [{ time: t + 1000, sender: 'Zoe', senderId: zoe.id, msg: 'hello from the class' }] });
    expect(await page.textContent('#request')).toBe('GET /integration/site/webcast/export/chat');

    await page.screenshot({ path: process.env.LECTERN_TOOL_SCREENSHOT ?? `${env.config.dataDir}/tool.png`, fullPage: true });

    await page.getByLabel('password', { exact: true }).fill('wrong');
    const refused = await send(page);
    expect(refused.status).toBe('HTTP 200 · code 200');
    expect(refused.json.code).toBe('200');
    expect(failures).toEqual([]);
    await page.close();
  });
});

describe.skipIf(!hasBrowser)('the page in a browser, Training', () => {
  it('switches to the Training product: creates a teacher, who creates, groups and reads a room', { timeout: 60_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(String(e)));
    await page.goto(base + TOOL);
    await page.waitForFunction((n) => document.querySelectorAll('#endpoint option').length === n, WEBCAST_ENDPOINTS.length);
    await page.selectOption('#product', 'training');
    await page.waitForFunction((n) => document.querySelectorAll('#endpoint option').length === n, TRAINING_ENDPOINTS.length);
    await page.getByLabel('loginName', { exact: true }).fill(creds.gensee.loginName);
    await page.getByLabel('password', { exact: true }).fill(creds.gensee.password);

    await choose(page, '/training/teacher/created');
    expect(await page.textContent('#endpoint-info')).toBe('/training/teacher/created · admin only');
    await fill(page, { teacherLoginName: 'tool-teacher', teacherPassword: 'pass1234', name: '工具老师' });
    const created = await send(page);
    expect(created.json).toEqual({ code: '0', message: '成功' });
    expect(await page.textContent('#request')).toBe('POST /integration/site/training/teacher/created');

    await choose(page, '/training/teacher/modify');
    // Parameters shared with the previous endpoint keep what was typed.
    expect(await page.getByLabel('teacherLoginName', { exact: true }).inputValue()).toBe('tool-teacher');
    await fill(page, { teacherPassword: 'pass5678', name: '改名老师' });
    expect((await send(page)).json.code).toBe('0');
    expect((await env.services.users.findByLogin(creds.tenant.id, 'tool-teacher'))!.name).toBe('改名老师');

    // As the new teacher: create a room, read it back, group its students.
    await page.getByLabel('loginName', { exact: true }).fill('tool-teacher');
    await page.getByLabel('password', { exact: true }).fill('pass5678');
    await choose(page, '/training/room/created');
    expect(await page.textContent('#endpoint-info')).toBe('/training/room/created · teacher or admin');
    await fill(page, { subject: '工具课堂', startDate: '2030-01-02 09:00:00', teacherToken: 'teach-111' });
    const room = await send(page);
    expect(room.json).toMatchObject({ code: '0', teacherToken: 'teach-111', startDate: Date.UTC(2030, 0, 2, 1) });
    expect(room.json.teacherJoinUrl).not.toBe(room.json.studentJoinUrl);

    await choose(page, '/training/group/create');
    await fill(page, { roomId: room.json.id, groupCount: '2', groupNameList: '[{"groupName":"A"}]' });
    expect((await send(page)).json.groups.map((g: { name: string }) => g.name)).toEqual(['A', '2组']);

    await choose(page, '/training/room/info');
    expect(await page.getByLabel('roomId', { exact: true }).inputValue()).toBe(room.json.id);
    await page.selectOption('#method', 'GET');
    const info = await send(page);
    expect(info.json).toMatchObject({ code: '0', id: room.json.id, subject: '工具课堂', groupList: [{ code: '1', name: 'A' }, { code: '2', name: '2组' }] });
    expect(await page.textContent('#request')).toBe('GET /integration/site/training/room/info');

    await choose(page, '/training/famousroom/created');
    expect(await page.inputValue('#method')).toBe('POST');
    expect(await page.$$eval('#method option', (os) => os.map((o) => [o.textContent, (o as HTMLOptionElement).disabled]))).toEqual([['POST', false], ['GET', true]]);
    expect(failures).toEqual([]);
    await page.close();
  });
});
