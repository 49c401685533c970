import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bjy, nowSeconds } from '../../test/harness.js';
import { type LiveClient } from '../../test/live-client.js';
import { enterWithCode, startLiveServer, stopLiveServer, type LiveTestServer } from '../../test/live-server.js';
import type { PresenceDeltaMessage, PresencePageMessage, ServerMessage } from './protocol.js';

// A "large" room from 3 people on, listing at most 2 students by name: the big-room rules at small scale.
let server: LiveTestServer;
const clients: LiveClient[] = [];

beforeAll(async () => {
  server = await startLiveServer('Presence School', { graceMs: 50, heartbeatMs: 1000, presence: { coalesceAbove: 3, tickMs: 100, audienceCap: 2, deltaAudienceCap: 2 } });
});
afterAll(() => stopLiveServer(server, clients));

async function newRoom() {
  const { json } = await bjy(server.env, server.school, '/openapi/room/create', { title: 'Presence', start_time: nowSeconds() + 60, end_time: nowSeconds() + 3600 });
  expect(json.code).toBe(0);
  return json.data as { room_id: string; teacher_code: string; student_code: string };
}
const enter = (code: string, name: string): Promise<LiveClient> => enterWithCode(server, clients, code, name);
const isDelta = (m: ServerMessage): m is PresenceDeltaMessage => m.type === 'presence.delta';
const deltas = (c: LiveClient) => c.received.filter(isDelta);
const joinedEvents = (c: LiveClient) => c.events('participant.joined').map((e) => (e.event.data as { name: string }).name);

describe('presence in a large room', () => {
  it('small rooms get each join as an event; from the threshold on, joins and leaves come as deltas per tick with exact counts', async () => {
    const room = await newRoom();
    const teacher = await enter(room.teacher_code, 'Ms Li');
    await enter(room.student_code, 'Ann');
    await teacher.waitForEvent('participant.joined', (d) => d.name === 'Ann');

    // Bob makes three: from here on presence changes are folded into deltas.
    const bob = await enter(room.student_code, 'Bob');
    const first = await teacher.waitFor((m): m is PresenceDeltaMessage => isDelta(m) && m.joined.some((p) => p.name === 'Bob'));
    expect(first).toMatchObject({ counts: { host: 1, student: 2 }, total: 3, left: [], truncated: false });
    const [cat, dan, eve] = await Promise.all(['Cat', 'Dan', 'Eve'].map((name) => enter(room.student_code, name)));
    await teacher.waitFor((m) => isDelta(m) && m.total === 6);
    expect(joinedEvents(teacher)).toEqual(['Ann']);
    // Three students came within one tick (or two): at most 2 are named per delta, the counts are exact.
    const storm = deltas(teacher).slice(1);
    expect(storm.length).toBeLessThanOrEqual(2);
    for (const d of storm) expect(d.joined.length).toBeLessThanOrEqual(2);
    expect(storm.flatMap((d) => d.joined.map((p) => p.name)).length + (storm.some((d) => d.truncated) ? 1 : 0)).toBe(3);
    expect(storm[storm.length - 1].counts).toEqual({ host: 1, student: 5 });

    // A leave reaches everyone in the next delta, by participant id.
    const danId = (await dan.welcome()).participantId;
    await dan.close();
    const leaving = await bob.waitFor((m): m is PresenceDeltaMessage => isDelta(m) && m.left.includes(danId!));
    expect(leaving).toMatchObject({ total: 5, counts: { host: 1, student: 4 } });
    expect(bob.events('participant.left')).toEqual([]);
    await cat.close();
    await eve.close();
  });

  it('a welcome lists staff and the first students only, with the total and counts; presence.list pages through everyone', async () => {
    const room = await newRoom();
    const students = [];
    for (const name of ['S1', 'S2', 'S3', 'S4']) students.push(await enter(room.student_code, name));
    const teacher = await enter(room.teacher_code, 'Mr Wu');
    const welcome = await teacher.welcome();
    expect(welcome.room.present.map((p) => p.name)).toEqual(['Mr Wu', 'S1', 'S2']);
    expect(welcome.room).toMatchObject({ presentTruncated: true, total: 5, counts: { host: 1, student: 4 } });

    const pages: PresencePageMessage[] = [];
    let after: number | undefined;
    for (let i = 0; i < 5; i++) {
      teacher.ws.send(JSON.stringify({ type: 'presence.list', id: `p${i}`, limit: 2, ...(after === undefined ? {} : { after }) }));
      const page = await teacher.waitFor((m): m is PresencePageMessage => m.type === 'presence.page' && m.id === `p${i}`);
      pages.push(page);
      if (page.next === null) break;
      after = page.next;
    }
    expect(pages.map((p) => p.people.length)).toEqual([2, 2, 1]);
    expect(pages.every((p) => p.total === 5)).toBe(true);
    const ids = pages.flatMap((p) => p.people.map((x) => x.participantId));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(pages.flatMap((p) => p.people.map((x) => x.name)))).toEqual(new Set(['Mr Wu', 'S1', 'S2', 'S3', 'S4']));

    const bad = await teacher.call({ type: 'presence.list', limit: 0 });
    expect(bad).toMatchObject({ type: 'error', code: 'invalid' });
    for (const s of students) await s.close();
  });
});
