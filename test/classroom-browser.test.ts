/**
 * The classroom web app in headless Chromium: a teacher and two students enter through the links
 * and codes the vendor APIs issue, run a class through the pages, and the vendor exports then hold
 * what they did. Screenshots for docs/screenshots/ are written when LECTERN_SCREENSHOTS=1.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { bjy, createTestEnv, gensee, newTenant, nowSeconds, type TestEnv } from './harness.js';
import { contains, hasText, launchChromium } from './browser.js';
import { requires } from './requirements.js';
import { buildApp } from '../src/server/app.js';
import type { TenantCredentials } from '../src/dialects/provision.js';
import { LiveClient } from './live-client.js';

const hasChromium = requires(['chromium'], 'the classroom in a browser');

const SCREENSHOTS = process.env.LECTERN_SCREENSHOTS === '1' ? path.resolve('docs/screenshots') : undefined;
const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };

let env: TestEnv;
let app: FastifyInstance;
let base: string;
let school: TenantCredentials;
let browser: Browser;

async function startServer(port = 0): Promise<void> {
  app = await buildApp({ config: env.config, services: env.services, logger: false, live: { graceMs: 200, heartbeatMs: 2000 } });
  base = await app.listen({ port, host: '127.0.0.1' });
}

beforeAll(async () => {
  if (!hasChromium) return;
  env = await createTestEnv();
  await startServer();
  school = await newTenant(env, 'Browser School');
  browser = await launchChromium();
});
afterAll(async () => {
  if (!hasChromium) return;
  await browser?.close();
  await app?.close();
  await env?.close();
});

/** A page of its own (own cookies and storage), as a separate person's browser. */
async function person(url: string, viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('pageerror', (err) => { throw err; });
  await page.goto(url);
  return page;
}
const relative = (url: string) => { const u = new URL(url); return `${u.pathname}${u.search}`; };
const connected = (page: Page) => hasText(page.getByTestId('connection'), /已连接|Connected|已重新连接|Reconnected/, { timeout: 15_000 });
const chatBox = (page: Page) => page.getByRole('textbox', { name: '聊天', exact: true });

async function chat(page: Page, text: string) {
  await chatBox(page).fill(text);
  await page.getByRole('button', { name: '发送', exact: true }).click();
}

/** The class every dialect's room goes through, driven only through the three pages. */
async function runClass(teacher: Page, ann: Page, bob: Page, opts: { extras: boolean }) {
  for (const p of [teacher, ann, bob]) await connected(p);
  await contains(teacher.getByTestId('people'), 'Bob');
  await contains(ann.getByTestId('people'), 'Bob');

  await teacher.getByRole('button', { name: '上课', exact: true }).click();
  for (const p of [ann, bob]) await p.getByText('上课中').first().waitFor();

  // Chat: public, by keyboard (Enter sends), and HTML shown as text that runs nothing.
  await chat(ann, 'hello from Ann');
  // Bob answers once he has read it: the exports' order is the order the server received them in.
  await contains(bob.getByTestId('chat-list'), 'hello from Ann');
  await chatBox(bob).fill('hi Ann, Bob here');
  await chatBox(bob).press('Enter');
  await contains(bob.getByTestId('chat-list'), 'hi Ann, Bob here');
  const evil = '<img src=x onerror="window.__pwned=1">';
  await chat(bob, evil);
  for (const p of [teacher, ann, bob]) {
    await contains(p.getByTestId('chat-list'), 'hello from Ann');
    await contains(p.getByTestId('chat-list'), 'hi Ann, Bob here');
    await contains(p.getByTestId('chat-list'), evil);
    expect(await p.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await p.locator('.chat-list img').count()).toBe(0);
  }
  // Oversized: refused in the page before anything is sent.
  await chatBox(ann).fill('x'.repeat(2001));
  await ann.getByRole('alert').filter({ hasText: '最多 2000 个字' }).first().waitFor();
  await expect.poll(() => ann.getByRole('button', { name: '发送', exact: true }).isDisabled()).toBe(true);
  await chatBox(ann).fill('');

  // A poll: published by the teacher, answered by both students, results live on the teacher's page.
  await teacher.getByRole('textbox', { name: '标题' }).fill('Gravity');
  await teacher.getByRole('textbox', { name: '题目' }).fill('g on Earth?');
  await teacher.getByRole('textbox', { name: '选项（每行一个）' }).fill('9.8\n1.6');
  await teacher.getByRole('button', { name: '发布', exact: true }).click();
  await ann.getByRole('radio', { name: '9.8' }).check();
  await ann.getByRole('button', { name: '提交答案' }).click();
  await bob.getByRole('radio', { name: '1.6' }).check();
  await bob.getByRole('button', { name: '提交答案' }).click();
  await ann.getByText('已提交').first().waitFor();
  await contains(teacher.getByTestId('poll-count'), '2 人已作答');
  await contains(teacher.locator('.tally li').first(), '1 票');
  await teacher.getByRole('button', { name: '结束投票' }).click();
  await hasText(bob.locator('.poll .badge'), '已结束');

  // Roll-call: Ann checks in, Bob does not.
  await teacher.getByRole('button', { name: '发起签到' }).click();
  await ann.getByRole('button', { name: '签到', exact: true }).click();
  await contains(teacher.getByTestId('rollcall-list'), '已签到：1 人: Ann');
  await teacher.getByRole('button', { name: '结束签到' }).click();
  await bob.getByText('签到已结束').first().waitFor();

  // Q&A: Bob asks, the teacher answers publicly, everyone sees the answer.
  await bob.getByRole('textbox', { name: '你的问题' }).fill('Why do things fall?');
  await bob.getByRole('button', { name: '提问', exact: true }).click();
  await contains(teacher.getByTestId('questions'), 'Why do things fall?');
  await teacher.getByRole('textbox', { name: /^回答: Why do things fall/ }).fill('Gravity.');
  await teacher.getByRole('button', { name: '回答', exact: true }).click();
  for (const p of [ann, bob]) await contains(p.getByTestId('questions'), 'Gravity.');

  // A raised hand shows on the teacher's people list.
  await ann.getByRole('button', { name: '举手' }).click();
  await contains(teacher.locator('[data-testid=people] li.hand'), 'Ann');

  // Announcement (as text), the document page, praise, a red packet and a lottery.
  await teacher.getByRole('textbox', { name: '公告内容' }).fill('Homework: <b>page 12</b>');
  await teacher.getByRole('button', { name: '发布公告' }).click();
  for (const p of [ann, bob]) await contains(p.getByTestId('announcement'), 'Homework: <b>page 12</b>');
  if (opts.extras) {
    await teacher.getByRole('button', { name: '下一页' }).click();
    await teacher.getByRole('button', { name: '下一页' }).click();
    for (const p of [ann, bob]) await contains(p.getByTestId('document'), '第 2 页');
    await teacher.getByRole('button', { name: '点赞 Ann' }).click();
    await teacher.getByRole('spinbutton', { name: /金额/ }).fill('5');
    await teacher.getByRole('button', { name: '发红包 Bob' }).click();
    await teacher.getByRole('textbox', { name: /奖品/ }).fill('A book');
    await teacher.getByRole('button', { name: '抽奖', exact: true }).click();
    await contains(bob.getByTestId('activity'), 'Bob 收到红包 5');
    await contains(ann.getByTestId('activity'), '给 Ann 点了赞');
    await contains(ann.getByTestId('activity'), '抽奖「A book」：');
  }
}

async function endClass(teacher: Page, ann: Page, bob: Page) {
  await teacher.getByRole('button', { name: '下课', exact: true }).click();
  for (const p of [ann, bob]) await hasText(p.locator('.class-state'), '下课了');
}

async function screenshots(teacher: Page, student: Page) {
  if (!SCREENSHOTS) return;
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  for (const [who, page] of [['teacher', teacher], ['student', student]] as const) {
    await page.setViewportSize(DESKTOP);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${who}-desktop.png`), fullPage: true });
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${who}-phone.png`), fullPage: true });
    await page.setViewportSize(DESKTOP);
  }
}

describe.skipIf(!hasChromium)('the classroom in a browser', () => {
  it('runs a Baijiayun class entered by its codes (one student through the entry form), and the exports hold it', async () => {
    const { json } = await bjy(env, school, '/openapi/room/create', { title: '物理课 Physics', start_time: nowSeconds() + 60, end_time: nowSeconds() + 3600 });
    const room = json.data as { room_id: number; teacher_code: string; student_code: string };
    const teacher = await person(`${base}/enter?code=${room.teacher_code}&nickname=${encodeURIComponent('王老师')}`);
    await connected(teacher);
    const ann = await person(`${base}/enter?code=${room.student_code}&nickname=Ann`);
    await connected(ann);
    // Bob types the code and his name into the entry page.
    const bob = await person(`${base}/enter`, PHONE);
    await bob.getByRole('textbox', { name: '教室码' }).fill(room.student_code);
    await bob.getByRole('textbox', { name: '昵称' }).fill('Bob');
    await bob.getByRole('textbox', { name: '昵称' }).press('Enter');
    await runClass(teacher, ann, bob, { extras: true });
    await screenshots(teacher, ann);
    await endClass(teacher, ann, bob);
    for (const p of [teacher, ann, bob]) await p.context().close();

    const data = async (api: string) => (await bjy(env, school, `/openapi/room_data/${api}`, { room_id: room.room_id })).json;
    const chatExport = await data('exportChatMsg');
    expect(chatExport.code).toBe(0);
    expect(chatExport.data.list.map((m: { content: string }) => m.content)).toEqual(['hello from Ann', 'hi Ann, Bob here', '<img src=x onerror="window.__pwned=1">']);
    const checkins = await data('getUserCheckinInfo');
    expect(checkins.code).toBe(0);
    expect(JSON.stringify(checkins.data)).toContain('Ann');
    const qa = await data('exportQaStat');
    expect(qa.code).toBe(0);
    expect(JSON.stringify(qa.data)).toContain('Why do things fall?');
    expect(JSON.stringify(qa.data)).toContain('Gravity.');
    const awards = await data('exportAwardStat');
    expect(awards.code).toBe(0);
    expect(JSON.stringify(awards.data)).toContain('A book');
    const raises = (await bjy(env, school, '/openapi/room_data/getRoomRaiseData', { room_id: room.room_id, start_time: nowSeconds() - 3600, end_time: nowSeconds() + 60 })).json;
    expect(JSON.stringify(raises)).toContain('Ann');
  }, 240_000);

  it('runs a Gensee webcast entered by its join links, and the webcast exports hold it', async () => {
    const created = (await gensee(env, school, '/integration/site/webcast/created', {
      subject: '<b>化学</b> Chemistry', startTime: Date.now(), organizerToken: '111111', panelistToken: '222222', attendeeToken: '333333',
    })).json;
    expect(created.code).toBe('0');
    const teacher = await person(`${base}${relative(created.organizerJoinUrl)}?nickname=Ms%20Chen`);
    await connected(teacher);
    // The title is shown as text too.
    await hasText(teacher.locator('.room-title'), '<b>化学</b> Chemistry');
    const ann = await person(`${base}${relative(created.attendeeJoinUrl)}?nickname=Ann&token=333333&uid=1001`);
    await connected(ann);
    // Bob's link carries no name: the page asks for it.
    const bob = await person(`${base}${relative(created.attendeeJoinUrl)}?token=333333&uid=1002`, PHONE);
    expect(await bob.getByRole('textbox', { name: '教室码' }).count()).toBe(0);
    await bob.getByRole('textbox', { name: '昵称' }).fill('Bob');
    await bob.getByRole('button', { name: '进入' }).click();
    await runClass(teacher, ann, bob, { extras: false });
    await endClass(teacher, ann, bob);
    for (const p of [teacher, ann, bob]) await p.context().close();

    const exp = async (what: string) => (await gensee(env, school, `/integration/site/webcast/export/${what}`, { webcastId: created.id })).json;
    expect((await exp('chat')).list.map((r: { sender: string; msg: string }) => [r.sender, r.msg]))
      .toEqual([['Ann', 'hello from Ann'], ['Bob', 'hi Ann, Bob here'], ['Bob', '<img src=x onerror="window.__pwned=1">']]);
    const vote = (await exp('vote')).voteList;
    expect(vote[0].subject).toBe('Gravity');
    expect(vote[0].questions[0].options.map((o: { value: string; results: Array<{ nickName: string }> }) => [o.value, o.results.map((r) => r.nickName)]))
      .toEqual([['9.8', ['Ann']], ['1.6', ['Bob']]]);
    const rollcall = (await exp('rollcall')).rollcall;
    expect(rollcall[0].users.map((u: { name: string; present: boolean }) => [u.name, u.present])).toEqual([['Ann', true], ['Bob', false]]);
    expect((await exp('qa')).qaList).toEqual([expect.objectContaining({ question: 'Why do things fall?', response: 'Gravity.', responder: 'Ms Chen', name: 'Bob' })]);
    const history = (await exp('history')).list.map((r: { nickname: string }) => r.nickname);
    expect(history).toEqual(expect.arrayContaining(['Ms Chen', 'Ann', 'Bob']));
  }, 240_000);

  it('says why it cannot enter: a bad code, a full room, a closed room; and a removed student is told', async () => {
    const page = await person(`${base}/enter?code=nosuchcode&nickname=Eve`);
    await hasText(page.getByRole('alert'), '找不到这个教室：请检查教室码或链接。');
    const { json } = await bjy(env, school, '/openapi/room/create', { title: 'Small room', start_time: nowSeconds() + 60, end_time: nowSeconds() + 3600 });
    const room = json.data as { room_id: number; teacher_code: string; student_code: string };
    const row = (await env.services.rooms.find(school.tenant.id, { numericId: String(room.room_id) }))!;
    await env.services.db.updateTable('rooms').set({ max_attendees: 1 }).where('id', '=', row.id).execute();
    const first = await person(`${base}/enter?code=${room.student_code}&nickname=First`);
    await connected(first);
    const second = await person(`${base}/enter?code=${room.student_code}&nickname=Second&lang=en`);
    await hasText(second.getByRole('alert'), 'The classroom is full: try again later.');
    // The host removes the first student: their page says so.
    const host = await person(`${base}/enter?code=${room.teacher_code}&nickname=Host`);
    await connected(host);
    host.once('dialog', (d) => void d.accept());
    await host.getByRole('button', { name: '移出 First' }).click();
    await hasText(first.getByRole('alert'), '你已被老师移出教室。');
    await env.services.db.updateTable('rooms').set({ status: 'terminated' }).where('id', '=', row.id).execute();
    const late = await person(`${base}/enter?code=${room.student_code}&nickname=Late`);
    await hasText(late.getByRole('alert'), '这节课已经结束，教室已关闭。');
    // Missing name: the form says what is needed; English with ?lang=en, accessible names included.
    const en = await person(`${base}/enter?lang=en`);
    await en.getByRole('heading', { name: 'Enter the classroom' }).first().waitFor();
    await en.getByRole('textbox', { name: 'Room code' }).fill(room.teacher_code);
    await en.getByRole('button', { name: 'Enter' }).click();
    await contains(en.getByRole('alert'), 'nickname');
    await en.getByRole('textbox', { name: 'Nickname' }).fill('Teacher');
    await en.getByRole('button', { name: 'Enter' }).click();
    await connected(en);
    await en.getByRole('textbox', { name: 'Chat', exact: true }).first().waitFor();
    await en.getByRole('button', { name: 'Send', exact: true }).first().waitFor();
    for (const p of [page, first, second, host, late, en]) await p.context().close();
  }, 240_000);

  it('reconnects by itself after the server drops, shows it, and catches up on what it missed', async () => {
    const { json } = await bjy(env, school, '/openapi/room/create', { title: 'Flaky network', start_time: nowSeconds() + 60, end_time: nowSeconds() + 3600 });
    const room = json.data as { teacher_code: string; student_code: string };
    const student = await person(`${base}/enter?code=${room.student_code}&nickname=Ann`);
    await connected(student);
    const port = Number(new URL(base).port);
    await app.close();
    await hasText(student.getByTestId('connection'), '网络中断，正在重新连接…');
    // While Ann is away, the teacher (on the restarted server) says something.
    await startServer(port);
    const enterRes = await app.inject({ method: 'POST', url: '/enter', payload: { code: room.teacher_code, name: 'Teacher' } });
    const teacher = await LiveClient.connect(base, `ticket=${encodeURIComponent(enterRes.json().ticket as string)}`);
    await teacher.welcome();
    await teacher.ok({ type: 'chat', content: 'while you were away' });
    await hasText(student.getByTestId('connection'), '已重新连接', { timeout: 20_000 });
    await contains(student.getByTestId('chat-list'), 'while you were away');
    await teacher.close();
    await student.context().close();
  }, 240_000);
});
