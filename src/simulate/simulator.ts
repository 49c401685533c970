import type { EventMessage } from '../live/protocol.js';
import { enterRoom, VirtualParticipant } from './virtual-participant.js';

export interface SimulationOptions {
  /** The server's base URL (`http://host:port`). */
  url: string;
  /** A student code of the room (`/enter?code=…`). */
  studentCode: string;
  /** The room's teacher (host) code: needed with `startClass`. */
  teacherCode?: string;
  participants: number;
  /** How long the students stay once they have all joined, in ms. */
  durationMs: number;
  /** Chat messages a second, all students together. */
  chatRate: number;
  /** A virtual teacher starts class first, runs a poll and a roll-call, and ends class at the end. */
  startClass: boolean;
  /** How many students enter at once. */
  joinConcurrency?: number;
  /** Called about once a second while the simulation runs. */
  onProgress?: (counts: SimulationCounts, phase: string) => void;
  /** Random source (tests may pin it). */
  random?: () => number;
}

export interface SimulationCounts {
  joined: number;
  left: number;
  chat_sent: number;
  questions: number;
  poll_answers: number;
  checkins: number;
  errors: number;
}

export interface SimulationResult extends SimulationCounts {
  /** The CC `liveid` of the live session the students were in (null when class never started). */
  session_id: string | null;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Every 10th student asks one question during the class. */
const ASKS_EVERY = 10;

/**
 * Runs virtual participants against a live room through the same entry route and WebSocket
 * protocol as a browser: students join, chat at `chatRate` in total, ask, answer the teacher's poll,
 * check in, and leave. Counts only what the server acknowledged (an `ack` comes after commit).
 */
export async function simulate(opts: SimulationOptions): Promise<SimulationResult> {
  const random = opts.random ?? Math.random;
  const counts: SimulationCounts = { joined: 0, left: 0, chat_sent: 0, questions: 0, poll_answers: 0, checkins: 0, errors: 0 };
  let sessionId: string | null = null;
  let phase = 'entering';
  let activity = false;
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  const failed = () => void counts.errors++;
  let inFlight = 0;
  /** A command sent: counted by `onOk` once acknowledged, as an error if refused. */
  const track = (call: Promise<unknown>, onOk: () => void) => {
    inFlight++;
    call.then(onOk, failed).finally(() => void inFlight--);
  };
  const answered = new Set<string>();

  /** Students react to the room: answer each poll and roll-call once, at a random moment of the class. */
  const onEvent = (m: EventMessage, me: VirtualParticipant) => {
    const data = m.event.data as unknown as Record<string, unknown>;
    if (m.event.type === 'session.started' && typeof data.sessionPublicId === 'string') sessionId = data.sessionPublicId;
    if (me === teacher || !activity) return;
    const key = `${m.event.type}:${String(data.id)}:${me.welcome?.participantId}`;
    if ((m.event.type !== 'poll.published' && m.event.type !== 'rollcall.started') || answered.has(key)) return;
    answered.add(key);
    const id = Number(data.id);
    later(random() * opts.durationMs * 0.5, () => {
      if (!activity) return;
      if (m.event.type === 'poll.published') {
        track(me.call({ type: 'poll.answer', pollId: id, answers: { 1: [1 + Math.floor(random() * 2)] } }), () => void counts.poll_answers++);
      } else {
        track(me.call({ type: 'rollcall.answer', rollcallId: id }), () => void counts.checkins++);
      }
    });
  };

  const progress = setInterval(() => opts.onProgress?.({ ...counts }, phase), 1000);
  let teacher: VirtualParticipant | undefined;
  const students: VirtualParticipant[] = [];
  try {
    if (opts.startClass) {
      if (!opts.teacherCode) throw new Error('starting class needs the room\'s teacher code');
      teacher = await VirtualParticipant.connect(opts.url, await enterRoom(opts.url, opts.teacherCode, 'Virtual teacher'), onEvent);
      sessionId = String((await teacher.call({ type: 'class.start' })).sessionId);
    }

    // Students enter a few at a time, like a class filling up.
    let next = 0;
    const enterOne = async () => {
      for (let i = next++; i < opts.participants; i = next++) {
        try {
          const name = `Virtual student ${String(i + 1).padStart(String(opts.participants).length, '0')}`;
          const student = await VirtualParticipant.connect(opts.url, await enterRoom(opts.url, opts.studentCode, name), onEvent);
          sessionId ??= student.welcome?.room.sessionId ?? null;
          students.push(student);
          counts.joined++;
        } catch {
          counts.errors++;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(opts.joinConcurrency ?? 50, Math.max(opts.participants, 1)) }, enterOne));

    phase = 'in class';
    activity = true;
    if (teacher) {
      const t = teacher;
      const poll = t.call({
        type: 'poll.publish', title: 'Simulated poll', kind: 'vote',
        questions: [{ type: 'single', content: 'Which one?', options: [{ value: 'A' }, { value: 'B' }] }],
      });
      const rollcall = t.call({ type: 'rollcall.start' });
      await Promise.all([poll, rollcall]).catch(failed);
    }
    students.forEach((s, i) => {
      if (i % ASKS_EVERY !== 0) return;
      later(random() * opts.durationMs * 0.8, () => {
        if (activity) track(s.call({ type: 'ask', content: `Question from student ${i + 1}` }), () => void counts.questions++);
      });
    });

    // Chat: `chatRate` messages a second in total, from the students in turn.
    const started = Date.now();
    let sent = 0;
    const chatter = setInterval(() => {
      if (students.length === 0) return;
      for (let due = Math.floor(((Date.now() - started) / 1000) * opts.chatRate) - sent; due > 0; due--) {
        const s = students[sent++ % students.length];
        track(s.call({ type: 'chat', content: `Simulated message ${sent}` }), () => void counts.chat_sent++);
      }
    }, 50);
    await sleep(opts.durationMs);
    clearInterval(chatter);
    activity = false;
    for (const t of timers) clearTimeout(t);
    timers.clear();
    // Let commands already sent be acknowledged before anyone leaves.
    for (let waited = 0; inFlight > 0 && waited < 10_000; waited += 50) await sleep(50);

    phase = 'leaving';
    await Promise.all(students.map(async (s) => {
      await s.leave();
      counts.left++;
    }));
    if (teacher) {
      await teacher.call({ type: 'class.end' }).catch(failed);
      await teacher.leave();
    }
  } finally {
    clearInterval(progress);
    for (const t of timers) clearTimeout(t);
    await Promise.all([...students, ...(teacher ? [teacher] : [])].map((s) => s.leave().catch(() => {})));
  }
  counts.errors += students.reduce((n, s) => n + s.strayErrors, 0) + (teacher?.strayErrors ?? 0);
  opts.onProgress?.({ ...counts }, 'done');
  return { ...counts, session_id: sessionId };
}
