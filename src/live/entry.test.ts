import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { bjy, createTestEnv, gensee, newTenant, nowSeconds, type TestEnv } from '../../test/harness.js';
import type { TenantCredentials } from '../dialects/provision.js';
import { buildApp } from '../server/app.js';
import { LiveClient } from '../../test/live-client.js';

let env: TestEnv;
let app: FastifyInstance;
let base: string;
let school: TenantCredentials;

beforeAll(async () => {
  env = await createTestEnv();
  app = await buildApp({ config: env.config, services: env.services, logger: false, live: { graceMs: 50, heartbeatMs: 1000 } });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  school = await newTenant(env, 'Entry School');
});
afterAll(async () => {
  await app.close();
  await env.close();
});

async function bjyRoom(extra: Record<string, string | number> = {}) {
  const { json } = await bjy(env, school, '/openapi/room/create', { title: 'Live entry', start_time: nowSeconds() + 60, end_time: nowSeconds() + 3600, ...extra });
  expect(json.code).toBe(0);
  return json.data as { room_id: string; admin_code: string; teacher_code: string; student_code: string };
}

const enter = (body: Record<string, string | number>) => app.inject({ method: 'POST', url: '/enter', payload: body });

describe('entry by code', () => {
  it('resolves each Baijiayun role code to its room and role, with a ticket', async () => {
    const room = await bjyRoom();
    for (const [code, role] of [[room.teacher_code, 'host'], [room.admin_code, 'assistant'], [room.student_code, 'student']] as const) {
      const res = await enter({ code, name: `As ${role}` });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ role, name: `As ${role}`, room: { title: 'Live entry' } });
      expect(res.json().ticket).toMatch(/^[\w-]+\.[\w-]+$/);
    }
    const get = await app.inject({ method: 'GET', url: `/enter?code=${room.student_code}&name=Ann`, headers: { accept: 'application/json' } });
    expect(get.json()).toMatchObject({ role: 'student', name: 'Ann' });
    const html = await app.inject({ method: 'GET', url: `/enter?code=${room.student_code}&name=Ann` });
    expect(html.headers['content-type']).toMatch(/text\/html/);
    // A browser gets the classroom app, which enters through the same route as JSON; its assets are served too.
    expect(html.body).toContain('<div id="app"></div>');
    const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec(html.body)?.[1];
    expect(script).toBeDefined();
    const asset = await app.inject({ url: script! });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect((await app.inject({ url: '/app/assets/../classroom/plugin.js' })).statusCode).toBe(404);
    // The landing page leads to the entry page.
    expect((await app.inject({ url: '/' })).body).toContain('href="/enter"');
  });

  it("a per-user student code (room/getcode) enters as that user's number", async () => {
    const room = await bjyRoom();
    const { json } = await bjy(env, school, '/openapi/room/getcode', { room_id: room.room_id, user_number: 4242 });
    expect(json.code).toBe(0);
    const res = await enter({ code: json.data.student_code, name: 'Mei' });
    expect(res.json()).toMatchObject({ role: 'student', name: 'Mei' });
    const claims = JSON.parse(Buffer.from((res.json().ticket as string).split('.')[0], 'base64url').toString()) as { key: string };
    expect(claims.key).toBe('number:4242');
  });

  it('refuses unknown codes, a missing name, and rate-limits guessing per address', async () => {
    const room = await bjyRoom();
    expect((await enter({ code: room.student_code, name: '  ' })).json()).toMatchObject({ error: 'invalid' });
    // Another client address (X-Forwarded-For counts only from a trusted proxy, and none is trusted here).
    const guess = (code: string) => app.inject({ method: 'POST', url: '/enter', remoteAddress: '203.0.113.9', payload: { code, name: 'G' } });
    let last = await guess('NOPE00');
    expect(last.statusCode).toBe(404);
    for (let i = 0; i < 25; i++) last = await guess(`NOPE${i}`);
    expect(last.statusCode).toBe(429);
    // Even the right code is refused while the address is blocked; other addresses are not affected.
    expect((await guess(room.student_code)).statusCode).toBe(429);
    expect((await enter({ code: room.student_code, name: 'H' })).statusCode).toBe(200);
  });

  it('refuses students of a terminated room, admits its teacher', async () => {
    const room = await bjyRoom();
    const row = (await env.services.rooms.find(school.tenant.id, { numericId: String(room.room_id) }))!;
    await env.services.ingestion.endSession(row, Date.now(), true);
    expect((await enter({ code: room.student_code, name: 'Late' })).json()).toMatchObject({ error: 'room_closed' });
    expect((await enter({ code: room.teacher_code, name: 'T' })).statusCode).toBe(200);
  });
});

describe('entry by Gensee join link', () => {
  it('resolves organizer, panelist and attendee links (tokens checked)', async () => {
    const created = await gensee(env, school, '/integration/site/webcast/created', { subject: 'Webcast live', startTime: Date.now(), organizerToken: '111111', panelistToken: '222222', attendeeToken: '333333' });
    expect(created.json.code).toBe('0');
    const path = (url: string) => new URL(url).pathname;
    const json = { accept: 'application/json' };
    const org = await app.inject({ url: `${path(created.json.organizerJoinUrl)}?nickname=Olga`, headers: json });
    expect(org.json()).toMatchObject({ role: 'host', name: 'Olga', room: { id: created.json.id } });
    const pan = await app.inject({ url: `${path(created.json.panelistJoinUrl)}?nickname=Pia&token=222222`, headers: json });
    expect(pan.json()).toMatchObject({ role: 'assistant' });
    const att = await app.inject({ url: `${path(created.json.attendeeJoinUrl)}?nickname=Ada&token=333333`, headers: json });
    expect(att.json()).toMatchObject({ role: 'student' });
    expect((await app.inject({ url: `${path(created.json.attendeeJoinUrl)}?nickname=Ada&token=999999`, headers: json })).statusCode).toBe(403);
    expect((await app.inject({ url: `${path(created.json.organizerJoinUrl)}x?nickname=O`, headers: json })).statusCode).toBe(404);
    const page = await app.inject({ url: `${path(created.json.attendeeJoinUrl)}?nickname=Ada&token=333333` });
    // A browser gets the classroom app; it asks the same link for the JSON above and opens the room as a student.
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('<div id="app"></div>');
  });

  it('a Training room link takes its role from the token', async () => {
    const room = await env.services.rooms.create({ tenantId: school.tenant.id, kind: 'small_class', title: 'Training live' });
    const tokens = await env.services.passes.roleTokens(room);
    const at = (token: string) => app.inject({ url: `/training/site/s/${room.number}?nickname=T&token=${token}`, headers: { accept: 'application/json' } });
    expect((await at(tokens.host)).json().role).toBe('host');
    expect((await at(tokens.assistant)).json().role).toBe('assistant');
    expect((await at('nope')).statusCode).toBe(403);
  });
});

describe('the gateway refuses', () => {
  it('a bad ticket with an error frame and close code 4001', async () => {
    const client = await LiveClient.connect(base, 'ticket=abc.def');
    const err = await client.waitFor((m) => m.type === 'error');
    expect(err).toMatchObject({ type: 'error', code: 'bad_ticket' });
    await new Promise((r) => client.ws.once('close', r));
    expect(client.closeCode).toBe(4001);
  });
});
