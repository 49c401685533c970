import type { Kysely } from 'kysely';
import type { Database, LiveSessionRow, RoomRow } from '../src/storage/schema.js';

/** 2024-03-01 10:00:00 in Asia/Shanghai. */
export const SEED_START = Date.UTC(2024, 2, 1, 2, 0, 0);
const MIN = 60_000;

/** xorshift32: the same classroom history on every run and engine. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x1_0000_0000;
  };
}

export interface SeededClass {
  session: LiveSessionRow;
  /** Viewer ids of the seeded people, in insertion order. */
  viewers: string[];
  /** Their participant ids, in the same order. */
  participantIds: number[];
}

/**
 * One ended live of `room` with `rows` participations and as many chat messages (a tenth private),
 * plus questions and rewards, written straight into the tables in chunks (fast enough for tests
 * of several read chunks). Times repeat on purpose, so that ties exercise the (time, id) order.
 */
export async function seedClass(db: Kysely<Database>, room: RoomRow, rows: number, people = 40): Promise<SeededClass> {
  const rnd = seeded(20240301 + rows);
  const ended = SEED_START + 120 * MIN;
  const session = await db.insertInto('live_sessions').values({
    tenant_id: room.tenant_id, room_id: room.id, public_id: `5EED${String(room.id).padStart(12, '0')}`, started_at: SEED_START, ended_at: ended, created_at: SEED_START,
  }).returningAll().executeTakeFirstOrThrow();
  const viewers: string[] = [];
  const ids: number[] = [];
  for (let i = 0; i < people; i++) {
    const viewer = `${room.id.toString(16).padStart(8, '0')}ab${i.toString(16).padStart(22, '0')}`;
    const p = await db.insertInto('participants').values({
      tenant_id: room.tenant_id, viewer_id: viewer, external_key: `seed:${room.id}:${i}`, user_id: null, user_number: null, name: `学生 ${i}`, avatar: null, created_at: SEED_START,
    }).returning('id').executeTakeFirstOrThrow();
    viewers.push(viewer);
    ids.push(p.id);
  }
  const platforms = ['web', 'pc', 'android', 'ios', null];
  const at = () => SEED_START + Math.floor(rnd() * 120) * MIN;
  for (let start = 0; start < rows; start += 500) {
    const n = Math.min(500, rows - start);
    const participations = [];
    const chat = [];
    for (let i = 0; i < n; i++) {
      const who = Math.floor(rnd() * people);
      const joined = at();
      const open = rnd() < 0.05;
      participations.push({
        tenant_id: room.tenant_id, room_id: room.id, session_id: session.id, participant_id: ids[who], name: `学生 ${who}`, role: rnd() < 0.1 ? 'host' : 'attendee',
        ip: rnd() < 0.5 ? `10.0.${who}.${i % 250}` : null, platform: platforms[who % platforms.length], user_agent: null, area: rnd() < 0.3 ? '上海' : null,
        company: null, mobile: null, joined_at: joined, left_at: open ? null : Math.min(ended, joined + Math.floor(rnd() * 40) * MIN), properties: rnd() < 0.2 ? JSON.stringify({ seat: who }) : '{}',
      });
      const privateTo = rnd() < 0.1 ? Math.floor(rnd() * people) : null;
      chat.push({
        tenant_id: room.tenant_id, room_id: room.id, session_id: session.id, sender_participant_id: ids[who], sender_name: `学生 ${who}`, sender_role: 'attendee',
        receiver_participant_id: privateTo === null ? null : ids[privateTo], receiver_name: privateTo === null ? null : `学生 ${privateTo}`, is_private: privateTo === null ? 0 : 1,
        content: `消息 ${start + i} "quoted" \\ ${'\u2028'}`, sent_at: at(),
      });
    }
    await db.insertInto('participations').values(participations).execute();
    await db.insertInto('chat_messages').values(chat).execute();
  }
  const questions = [];
  const rewards = [];
  for (let i = 0; i < 60; i++) {
    const who = i % people;
    const answered = i % 3 === 0;
    questions.push({
      tenant_id: room.tenant_id, room_id: room.id, session_id: session.id, asker_participant_id: ids[who], asker_name: `学生 ${who}`, content: `问题 ${i}`, asked_at: at(),
      answer: answered ? `回答 ${i}` : null, answerer_name: answered ? '老师' : null, answered_at: answered ? ended : null, answerer_participant_id: null, published: i % 2,
    });
    rewards.push({
      tenant_id: room.tenant_id, room_id: room.id, session_id: session.id, kind: ['praise', 'like', 'flower'][i % 3], giver_participant_id: null, giver_name: '老师',
      receiver_participant_id: ids[who], receiver_name: `学生 ${who}`, amount: 1, quantity: 1, properties: '{}', created_at: at(),
    });
  }
  await db.insertInto('questions').values(questions).execute();
  await db.insertInto('rewards').values(rewards).execute();
  return { session, viewers, participantIds: ids };
}

/** How many of each interaction `seedInteractions` writes. */
export interface InteractionCounts {
  /** Polls of each kind (vote, quiz, answer_card, brainstorm, survey), each with up to 40 responses. */
  pollsPerKind: number;
  rollcalls: number;
  /** Medal rows, as many praise and like rows each, and a quarter as many red packet and tip rows. */
  rewards: number;
  /** Viewings of one VOD of the room (for the courseware concurrency statistics). */
  vodViews?: number;
}

/**
 * Polls with responses, roll-calls with responses and medal / praise / like rewards in the seeded
 * live of `seed`: enough rows for several read chunks of each export, with repeated times (ties),
 * polls of one to three questions (text questions too) and a poll without questions.
 */
export async function seedInteractions(db: Kysely<Database>, room: RoomRow, seed: SeededClass, counts: InteractionCounts): Promise<void> {
  const rnd = seeded(777 + counts.pollsPerKind + counts.rewards);
  const ids = seed.participantIds;
  const people = ids.length;
  const session = seed.session;
  const at = () => SEED_START + Math.floor(rnd() * 120) * MIN;
  let pollNo = 0;
  for (const kind of ['vote', 'quiz', 'answer_card', 'brainstorm', 'survey']) {
    for (let i = 0; i < counts.pollsPerKind; i++, pollNo++) {
      const nq = pollNo % 17 === 5 ? 0 : 1 + (pollNo % 3);
      const questions = Array.from({ length: nq }, (_, q) => {
        const text = kind === 'brainstorm' || kind === 'survey' ? q % 2 === 0 : q === 2;
        const type = text ? 'text' : q === 1 ? 'multi' : 'single';
        const options = text ? [] : Array.from({ length: 2 + ((pollNo + q) % 3) }, (_, o) => ({ id: 100 * q + o + 1, value: `选项 ${o}`, ...(o === (pollNo % 3) ? { correct: true } : {}) }));
        return { id: q + 1, type, content: `问题 ${pollNo}.${q}`, options };
      });
      const publisher = rnd() < 0.8 ? 0 : null;
      const poll = await db.insertInto('polls').values({
        tenant_id: room.tenant_id, room_id: room.id, session_id: pollNo % 11 === 3 ? null : session.id, kind, title: `${kind} ${pollNo}`,
        publisher_participant_id: publisher === null ? null : ids[publisher], publisher_name: publisher === null ? null : '老师', published_at: at(), closed_at: null,
        definition: JSON.stringify({ questions, ...(nq === 0 ? { content: `内容 ${pollNo}` } : {}) }),
      }).returning('id').executeTakeFirstOrThrow();
      const responders = Math.floor(rnd() * people);
      const responses = [];
      for (let r = 0; r < responders; r++) {
        const who = (r * 7 + pollNo) % people;
        const answers: Record<string, number[] | string> = {};
        for (const q of questions) {
          if (q.options.length === 0) answers[String(q.id)] = `回答 ${pollNo}/${who} "x"`;
          else answers[String(q.id)] = q.options.filter(() => rnd() < 0.4).map((o) => o.id).concat(rnd() < 0.05 ? [999] : []);
        }
        if (nq === 0) answers['1'] = `自由 ${who}`;
        responses.push({ tenant_id: room.tenant_id, poll_id: poll.id, room_id: room.id, session_id: session.id, participant_id: ids[who], name: `学生 ${who}`, answers: JSON.stringify(answers), submitted_at: at() });
      }
      if (responses.length) await db.insertInto('poll_responses').values(responses).execute();
    }
  }
  for (let i = 0; i < counts.rollcalls; i++) {
    const started = SEED_START + (10 + i * 7) * MIN;
    const call = await db.insertInto('rollcalls').values({
      tenant_id: room.tenant_id, room_id: room.id, session_id: session.id, initiator_name: '老师', started_at: started, ended_at: i % 4 === 3 ? null : started + 2 * MIN,
    }).returning('id').executeTakeFirstOrThrow();
    const responses = [];
    for (let who = i % 3; who < people; who += 2 + (i % 3)) responses.push({ tenant_id: room.tenant_id, rollcall_id: call.id, participant_id: ids[who], name: `学生 ${who}`, responded_at: started + Math.floor(rnd() * 120) * 1000 });
    await db.insertInto('rollcall_responses').values(responses).execute();
  }
  for (let start = 0; start < counts.rewards; start += 500) {
    const rows = [];
    for (let i = start; i < Math.min(counts.rewards, start + 500); i++) {
      for (const kind of ['medal', 'praise', 'like', ...(i % 4 === 0 ? ['red_packet', 'tip'] : [])]) {
        const giver = Math.floor(rnd() * people);
        const receiver = Math.floor(rnd() * people);
        const anonymous = rnd() < 0.05;
        rows.push({
          tenant_id: room.tenant_id, room_id: room.id, session_id: rnd() < 0.1 ? null : session.id, kind,
          giver_participant_id: anonymous ? null : ids[giver], giver_name: `学生 ${giver}${rnd() < 0.1 ? '·改名' : ''}`,
          receiver_participant_id: anonymous ? null : ids[receiver], receiver_name: `学生 ${receiver}`,
          amount: kind === 'red_packet' || kind === 'tip' ? 1 + Math.floor(rnd() * 50) : 1, quantity: 1 + Math.floor(rnd() * 3),
          properties: kind === 'red_packet' && rnd() < 0.5 ? JSON.stringify({ packet: i % 7 }) : '{}', created_at: at(),
        });
      }
    }
    await db.insertInto('rewards').values(rows).execute();
  }
  if (counts.vodViews) {
    const vod = await db.insertInto('vods').values({
      tenant_id: room.tenant_id, public_id: `seedvod${room.id}`, number: `9${room.id}`, room_id: room.id, recording_id: null, subject: '回放', description: null, password: null, published: 1,
      owner_user_id: null, source: 'upload', duration_ms: 0, size: 0, properties: '{}', created_at: SEED_START, updated_at: SEED_START, deleted_at: null, conversion_job_id: null,
    }).returning('id').executeTakeFirstOrThrow();
    const views = [];
    for (let i = 0; i < counts.vodViews; i++) {
      const started = SEED_START + Math.floor(rnd() * 36 * 60) * MIN;
      views.push({ tenant_id: room.tenant_id, vod_id: vod.id, participant_id: ids[i % people], name: `学生 ${i % people}`, ip: null, platform: null, started_at: started, left_at: rnd() < 0.05 ? null : started + Math.floor(rnd() * 90) * MIN });
    }
    await db.insertInto('vod_views').values(views).execute();
  }
}
