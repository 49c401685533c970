import { describe, expect, it } from 'vitest';
import { bjy, cc, createTestEnv, newTenant } from './harness.js';
import { runCli, startServerProcess } from './processes.js';

interface SimulateOutput {
  joined: number; left: number; chat_sent: number; questions: number; poll_answers: number; checkins: number; errors: number; session_id: string | null;
}

describe('lectern simulate', () => {
  it('200 virtual students and a virtual teacher: CC peak 201 for the live, the chat export holds exactly chat_sent messages', async () => {
    const env = await createTestEnv();
    const server = await startServerProcess(env.dbEnv);
    try {
      const creds = await newTenant(env, 'Simulated School');
      const start = Math.floor(Date.now() / 1000);
      const created = await bjy(env, creds, '/openapi/room/create', { title: 'Simulated class', start_time: start, end_time: start + 3600, type: 2 });
      expect(created.json.code, JSON.stringify(created.json)).toBe(0);
      const roomId = String(created.json.data.room_id);

      const run = await runCli(['simulate', '--url', server.url, '--room', roomId, '--participants', '200', '--duration', '3', '--chat-rate', '8', '--start-class', '--json'], env.dbEnv);
      expect(run.code, run.stderr).toBe(0);
      const out = JSON.parse(run.stdout) as SimulateOutput;
      expect(out).toMatchObject({ joined: 200, left: 200, poll_answers: 200, checkins: 200, questions: 20, errors: 0 });
      expect(out.chat_sent).toBeGreaterThanOrEqual(16);
      expect(out.session_id).toMatch(/^[0-9A-F]{16}$/);
      expect(run.stderr).toMatch(/simulate \[[a-z ]+\] joined \d+/);

      const peak = await cc(env, creds, '/collect/max_parallel/', { liveid: out.session_id! });
      expect(peak.json.data.max_parallel, JSON.stringify(peak.json)).toBe(201);
      const chat = await bjy(env, creds, '/openapi/room_data/exportChatMsg', { room_id: roomId });
      expect(chat.json.code).toBe(0);
      expect(chat.json.data.list).toHaveLength(out.chat_sent);
      // The class ended with the run: nobody is left inside.
      const room = await env.services.rooms.find(creds.tenant.id, { numericId: roomId });
      const open = await env.services.db.selectFrom('participations').select('id').where('room_id', '=', room!.id).where('left_at', 'is', null).execute();
      expect(open).toEqual([]);
    } finally {
      await server.stop();
      await env.close();
    }
  }, 120_000);

  it('enters a Gensee room by its id with a given student code, without starting class; refuses an unknown room clearly', async () => {
    const env = await createTestEnv();
    const server = await startServerProcess(env.dbEnv);
    try {
      const creds = await newTenant(env, 'Gensee School');
      const room = await env.services.rooms.create({ tenantId: creds.tenant.id, kind: 'webinar', title: 'Webinar' });
      const codes = await env.services.passes.roleCodes(room);
      const run = await runCli(['simulate', '--url', server.url, '--room', room.public_id, '--participants', '3', '--duration', '0.5', '--chat-rate', '4', '--student-code', codes.student, '--json'], {});
      expect(run.code, run.stderr).toBe(0);
      const out = JSON.parse(run.stdout) as SimulateOutput;
      expect(out).toMatchObject({ joined: 3, left: 3, poll_answers: 0, checkins: 0, errors: 0, session_id: null });
      const chat = await env.services.activity.chat({ tenantId: creds.tenant.id, roomId: room.id });
      expect(chat).toHaveLength(out.chat_sent);

      const unknown = await runCli(['simulate', '--url', server.url, '--room', '99999999999999', '--participants', '1', '--duration', '1'], env.dbEnv);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('no room has the id "99999999999999"');
      const bad = await runCli(['simulate', '--url', server.url, '--room', 'abc', '--participants', '1', '--duration', '1'], env.dbEnv);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('--room must be');
      const wrongCode = await runCli(['simulate', '--url', server.url, '--room', room.public_id, '--participants', '2', '--duration', '0.2', '--student-code', 'nosuchcode', '--json'], {});
      expect(wrongCode.code).toBe(0);
      expect(JSON.parse(wrongCode.stdout)).toMatchObject({ joined: 0, errors: 2 });
    } finally {
      await server.stop();
      await env.close();
    }
  }, 120_000);
});
