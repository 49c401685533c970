import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { bjy, createTestEnv, newTenant, nowSeconds, type TestEnv } from './harness.js';
import type { LiveClient } from './live-client.js';
import { enterWithCode } from './live-server.js';
import { launchChromium } from './browser.js';
import { requires } from './requirements.js';
import { ensureWebBuild } from './web-build.js';
import type { TenantCredentials } from '../src/dialects/provision.js';
import { buildApp } from '../src/server/app.js';
import { storedAdminToken } from '../src/web/admin/token.js';


describe.skipIf(!requires(['chromium'], 'the operator page in Chromium'))('the operator page in Chromium', () => {
  let env: TestEnv;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let page: Page;
  let school: TenantCredentials;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    await ensureWebBuild('admin.html');
    env = await createTestEnv();
    app = await buildApp({ config: env.config, services: env.services, logger: false, live: { graceMs: 50, heartbeatMs: 1000 } });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    school = await newTenant(env, 'Browser School');
    await newTenant(env, 'Quiet School');
    browser = await launchChromium();
    page = await browser.newPage();
  }, 240_000);
  afterAll(async () => {
    for (const c of clients) await c.close();
    await browser?.close();
    await app?.close();
    await env?.close();
  });

  const enter = (code: string, name: string): Promise<LiveClient> => enterWithCode({ app, base }, clients, code, name);

  it('logs in with the admin token, shows a live room with its WebSocket participants, and observes it', async () => {
    const { json } = await bjy(env, school, '/openapi/room/create', { title: 'Chemistry <b>live</b>', start_time: nowSeconds() + 60, end_time: nowSeconds() + 3600 });
    expect(json.code).toBe(0);
    const room = json.data as { room_id: number; teacher_code: string; student_code: string };
    const teacher = await enter(room.teacher_code, 'Ms Zhao');
    await teacher.ok({ type: 'class.start' });
    const ann = await enter(room.student_code, 'Ann');

    await page.goto(`${base}/admin`);
    await page.getByLabel('Admin token').fill('certainly-not-the-token');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').filter({ hasText: 'not the admin token' }).waitFor();
    await page.getByLabel('Admin token').fill(await storedAdminToken(env.services.db));
    await page.getByRole('button', { name: 'Log in' }).click();

    // Live now: the room, its ids, and who is inside, from the WebSocket joins.
    const liveRow = page.locator('tr', { hasText: 'Chemistry <b>live</b>' }).first();
    await liveRow.waitFor();
    await expect.poll(() => liveRow.getByTestId('present').textContent()).toMatch(/^2 \(host 1 · student 1\)/);
    expect(await liveRow.textContent()).toContain(String(room.room_id));
    // A second student arrives: the page follows within a refresh.
    await enter(room.student_code, 'Bo');
    await expect.poll(() => liveRow.getByTestId('present').textContent(), { timeout: 15_000 }).toMatch(/^3 \(host 1 · student 2\)/);

    // The tenant's rooms and sessions.
    await page.getByRole('button', { name: 'Browser School' }).click();
    await page.getByRole('heading', { name: 'Browser School' }).waitFor();
    await page.getByRole('table', { name: /Recent sessions/ }).locator('tr', { hasText: 'Chemistry' }).waitFor();
    await page.getByRole('table', { name: /^Rooms \(1\)/ }).waitFor();

    // Observe: the link opens the room as an observer, who sees the room's people and what they say.
    await liveRow.getByRole('link', { name: /Observe/ }).click();
    await page.waitForURL(/\/admin\/observe\/[0-9a-f]{32}\/[0-9a-f]{32}$/);
    await page.getByText('Connected').waitFor();
    await expect.poll(() => page.getByTestId('present-count').textContent()).toBe('3');
    await ann.ok({ type: 'chat', content: '<img src=x onerror="window.__pwned=1">' });
    await page.locator('.feed li', { hasText: 'Ann: <img src=x onerror="window.__pwned=1">' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await ann.close();
    await expect.poll(() => page.getByTestId('present-count').textContent()).toBe('2');
    // Nobody in the room sees the observer.
    const late = await enter(room.student_code, 'Cy');
    expect((late.received.find((m) => m.type === 'welcome') as { room: { present: Array<{ name: string }> } }).room.present.map((p) => p.name)).toEqual(['Ms Zhao', 'Bo', 'Cy']);
    await teacher.ok({ type: 'class.end' });
    await page.locator('.feed li', { hasText: 'Class ended' }).waitFor();
  }, 120_000);

  it('a visitor without the token sees only the login form', async () => {
    const fresh = await browser.newPage();
    await fresh.goto(`${base}/admin/observe/${school.tenant.id}/${'a'.repeat(32)}`);
    await fresh.getByLabel('Admin token').waitFor();
    expect(await fresh.getByRole('table').count()).toBe(0);
    await fresh.close();
  }, 60_000);
});
