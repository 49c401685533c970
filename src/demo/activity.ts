import type { Services } from '../core/services.js';
import type { LiveSessionRow, RoomRow, VodRow } from '../storage/schema.js';
import type { ParticipantIdentity } from '../core/participants.js';

/** A small deterministic generator, so demo data looks the same on every machine. */
export class Seeded {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 1;
  }
  next(): number {
    // xorshift32
    this.s ^= this.s << 13;
    this.s ^= this.s >>> 17;
    this.s ^= this.s << 5;
    return (this.s >>> 0) / 0x1_0000_0000;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '霞', '平', '刚'];
const CHAT = ['老师好', '听得很清楚', '这一页能再讲一遍吗？', '明白了', '声音有点小', '谢谢老师', '这道题选B', '收到', '👍', '能分享一下课件吗'];
const QUESTIONS = ['这个公式怎么推导的？', '作业什么时候交？', '课后有回放吗？', '第三题的答案是多少？'];
const SUGGESTIONS = ['多讲几道例题', '希望放慢一点', '挺好的', '课件能提前发吗'];
const IDEAS = ['手机话费套餐', '打车计价', '存款利息', '温度变化曲线', '运动的速度'];
const PLATFORMS = ['web', 'pc', 'ios', 'android', 'h5'];
const AREAS = ['北京', '上海', '广州', '深圳', '杭州', '成都', '武汉', '南京'];
const BROWSERS = [
  { browser: 'Chrome', browser_kernel: 'Blink', system: 'Windows 10' },
  { browser: 'Safari', browser_kernel: 'WebKit', system: 'macOS 14' },
  { browser: 'Edge', browser_kernel: 'Blink', system: 'Windows 11' },
];

export interface DemoSessionPlan {
  room: RoomRow;
  startedAt: number;
  minutes: number;
  students: number;
  seed: number;
  /**
   * More activity late in class, once every class's own interactions are done (with a generator of
   * its own), written with the class's transaction-bound services: the outer ones would wait forever
   * for SQLite's one connection, which the class's transaction holds.
   */
  extras?: (services: Services, cls: DemoClass) => Promise<void>;
}

/** What a class's extra activity needs: who teaches, who is there, and the class's clock. */
export interface DemoClass {
  room: RoomRow;
  teacher: ParticipantIdentity;
  /** The students present for the interactions. */
  present: readonly ParticipantIdentity[];
  /** The time of a minute of class (0 = class starts). */
  at: (minute: number) => number;
  minutes: number;
  seed: number;
}

/**
 * Plays one realistic class through the ingestion service: the teacher starts it, students come
 * and go (some twice), chat, ask, vote, answer a roll-call and a quiz, get praised; then class ends.
 * The class is stored as one transaction (hundreds of calls, one commit), and its events are
 * published when it commits.
 */
export function playDemoSession(services: Services, plan: DemoSessionPlan): Promise<{ session: LiveSessionRow; students: ParticipantIdentity[] }> {
  return services.transaction((tx) => playClass(tx, plan));
}

async function playClass(services: Services, plan: DemoSessionPlan): Promise<{ session: LiveSessionRow; students: ParticipantIdentity[] }> {
  const rnd = new Seeded(plan.seed);
  const { room } = plan;
  const at = (minute: number) => plan.startedAt + Math.round(minute * 60_000);
  const end = at(plan.minutes);
  const teacher: ParticipantIdentity = { key: `demo-teacher:${room.tenant_id}`, name: '陈老师', userNumber: 900001 };
  const ing = services.ingestion;

  await ing.join({ room, who: teacher, role: 'host', ip: '10.0.0.2', platform: 'pc', area: '北京', at: at(-5) });
  await ing.startSession(room, at(0));
  await ing.announce({ room, content: `欢迎来到「${room.title}」`, at: at(0.5) });

  const students: ParticipantIdentity[] = [];
  for (let i = 0; i < plan.students; i++) {
    const n = 100 + i;
    students.push({ key: `demo-student:${room.tenant_id}:${n}`, name: rnd.pick(SURNAMES) + rnd.pick(GIVEN) + (i % 3 === 0 ? rnd.pick(GIVEN) : ''), userNumber: 10_000 + n });
  }
  // Joins, leaves and a few re-entries, processed in time order so each leave follows its join.
  type Step = { t: number; run: () => Promise<unknown> };
  const steps: Step[] = [];
  for (const s of students) {
    const platform = rnd.pick(PLATFORMS);
    const ip = `192.168.${rnd.int(0, 20)}.${rnd.int(2, 250)}`;
    const area = rnd.pick(AREAS);
    const joinAt = rnd.int(-3, 15) + rnd.next();
    const leaveAt = Math.min(plan.minutes - 0.5, joinAt + rnd.int(10, plan.minutes));
    const join = (t: number) => steps.push({ t, run: () => ing.join({ room, who: s, role: 'student', ip, platform, area, userAgent: platform === 'web' ? 'Mozilla/5.0 Chrome/120' : null, at: at(t) }) });
    join(joinAt);
    if (rnd.next() < 0.25 && leaveAt - joinAt > 6) {
      const out = joinAt + 3;
      steps.push({ t: out, run: async () => { const p = await services.participants.byKey(room.tenant_id, s.key); if (p) await ing.leave(room, p.id, at(out)); } });
      join(out + 1);
    }
    if (rnd.next() < 0.7) {
      steps.push({ t: leaveAt, run: async () => { const p = await services.participants.byKey(room.tenant_id, s.key); if (p) await ing.leave(room, p.id, at(leaveAt)); } });
    }
    if (platform === 'web') {
      const b = rnd.pick(BROWSERS);
      steps.push({ t: joinAt + 0.1, run: () => ing.clientReport({ room, who: s, ip, report: { ...b, camera_enable: rnd.next() < 0.6 ? 1 : 0, micro_enable: rnd.next() < 0.8 ? 1 : 0, screen_resolution: '1920*1080' }, at: at(joinAt + 0.1) }) });
    }
  }
  for (let i = 0; i < plan.students; i++) {
    const s = rnd.pick(students);
    const t = rnd.int(16, plan.minutes - 2) + rnd.next();
    steps.push({ t, run: () => ing.chat({ room, sender: s, senderRole: 'student', content: rnd.pick(CHAT), at: at(t) }) });
  }
  steps.push({ t: 5, run: () => ing.chat({ room, sender: teacher, senderRole: 'host', content: '大家好，我们开始上课', at: at(5) }) });
  steps.sort((a, b) => a.t - b.t);
  for (const step of steps.filter((s) => s.t < 16)) await step.run();

  // Interactions in the middle of class, when everyone has arrived.
  const present = students.slice(0, Math.max(1, Math.floor(students.length * 0.8)));
  for (let q = 0; q < 2; q++) {
    const id = await ing.ask({ room, asker: rnd.pick(present), content: rnd.pick(QUESTIONS), at: at(17 + q) });
    if (q === 0) await ing.answer({ room, questionId: id, answer: '课后会发到群里，回放也会保留', answerer: teacher, publish: true, at: at(18 + q) });
  }
  const vote = await ing.publishPoll({
    room, kind: 'vote', title: '课堂投票：本节难度', publisher: teacher, at: at(20),
    definition: { questions: [{ id: 1, type: 'single', content: '你觉得本节课难度如何？', options: [{ id: 1, value: '简单' }, { id: 2, value: '适中' }, { id: 3, value: '较难' }] }] },
  });
  for (const s of present) if (rnd.next() < 0.85) await ing.respondPoll({ room, pollId: vote, who: s, answers: { 1: [rnd.int(1, 3)] }, at: at(20.5 + rnd.next()) });
  await ing.closePoll(room, vote, at(23));
  const quiz = await ing.publishPoll({
    room, kind: 'answer_card', title: '随堂测验', publisher: teacher, at: at(24),
    definition: { questions: [{ id: 1, type: 'single', content: '2 + 3 = ?', options: [{ id: 1, value: '4' }, { id: 2, value: '5', correct: true }, { id: 3, value: '6' }] }] },
  });
  for (const s of present) if (rnd.next() < 0.9) await ing.respondPoll({ room, pollId: quiz, who: s, answers: { 1: [rnd.next() < 0.75 ? 2 : rnd.pick([1, 3])] }, at: at(24.5 + rnd.next()) });
  await ing.closePoll(room, quiz, at(27));
  const rc = await ing.startRollcall({ room, initiatorName: teacher.name, at: at(28) });
  for (const s of present) if (rnd.next() < 0.9) await ing.answerRollcall({ room, rollcallId: rc, who: s, at: at(28.2 + rnd.next() / 2) });
  await ing.endRollcall(room, rc, at(29));
  for (let i = 0; i < 3; i++) await ing.reward({ room, kind: rnd.pick(['praise', 'cup', 'flower']), giver: teacher, receiver: rnd.pick(present), at: at(30 + i) });
  const hand = await ing.raiseHand({ room, who: rnd.pick(present), at: at(33) });
  await ing.updateHand(room, hand, { acceptedAt: at(33.5), endedAt: at(36) });
  const survey = await ing.publishPoll({
    room, kind: 'survey', title: '课后问卷', publisher: teacher, at: at(34),
    definition: { questions: [
      { id: 1, type: 'single', content: '本节课的节奏如何？', options: [{ id: 1, value: '太快' }, { id: 2, value: '合适' }, { id: 3, value: '太慢' }] },
      { id: 2, type: 'text', content: '还有什么建议？', options: [] },
    ] },
  });
  for (const s of present) if (rnd.next() < 0.6) await ing.respondPoll({ room, pollId: survey, who: s, answers: { 1: [rnd.int(1, 3)], 2: rnd.pick(SUGGESTIONS) }, at: at(34.5 + rnd.next()) });
  await ing.closePoll(room, survey, at(36.5));
  const storm = await ing.publishPoll({
    room, kind: 'brainstorm', title: '头脑风暴', publisher: teacher, at: at(37),
    definition: { questions: [{ id: 1, type: 'text', content: '生活中哪些地方会用到今天学的内容？', options: [] }] },
  });
  for (const s of present) if (rnd.next() < 0.4) await ing.respondPoll({ room, pollId: storm, who: s, answers: { 1: rnd.pick(IDEAS) }, at: at(37.2 + rnd.next()) });
  await ing.closePoll(room, storm, at(38.5));
  // One red packet of four, three of them claimed (amounts in fen); each claim is a reward row.
  const packet = { packet: `rp-${room.id}-${plan.seed}`, type: 0, count: 4 };
  for (let i = 0; i < 3; i++) await ing.reward({ room, kind: 'red_packet', giver: teacher, receiver: rnd.pick(present), amount: rnd.int(1, 20), properties: packet, at: at(38.6 + i / 10) });
  await ing.reward({ room, kind: 'medal', giver: teacher, receiver: rnd.pick(present), at: at(39) });
  for (let i = 0; i < 5; i++) await ing.reward({ room, kind: 'like', giver: rnd.pick(present), receiver: teacher, at: at(39.2 + i / 10) });
  for (let i = 0; i < 2; i++) await ing.reward({ room, kind: 'tip', giver: rnd.pick(present), receiver: teacher, amount: rnd.int(1, 10) * 100, at: at(39.8 + i / 10) });
  await plan.extras?.(services, { room, teacher, present, at, minutes: plan.minutes, seed: plan.seed });

  for (const step of steps.filter((s) => s.t >= 16)) await step.run();
  const session = await ing.endSession(room, end);
  if (!session) throw new Error('the demo class was not live when it ended');
  return { session, students };
}

export interface DemoReplayPlan {
  vod: VodRow;
  /** People who may watch the replay (the class's students). */
  viewers: readonly ParticipantIdentity[];
  /** Replays are watched from this time on, over the following `hours`. */
  from: number;
  hours: number;
  /** Longest viewing interval, in minutes (the class length). */
  minutes: number;
  seed: number;
}

/** Some of the class watch its replay afterwards (a few twice), each view recorded through the ingestion service, all in one transaction. */
export async function playDemoReplays(services: Services, plan: DemoReplayPlan): Promise<number> {
  const rnd = new Seeded(plan.seed);
  const views: Array<{ who: ParticipantIdentity; startedAt: number; leftAt: number; ip: string; platform: string }> = [];
  for (const who of plan.viewers) {
    if (rnd.next() >= 0.4) continue;
    const times = rnd.next() < 0.2 ? 2 : 1;
    for (let i = 0; i < times; i++) {
      const startedAt = plan.from + rnd.int(0, plan.hours * 60 - 1) * 60_000 + rnd.int(0, 59) * 1000;
      views.push({ who, startedAt, leftAt: startedAt + rnd.int(3, plan.minutes) * 60_000 + rnd.int(0, 59) * 1000, ip: `192.168.${rnd.int(0, 20)}.${rnd.int(2, 250)}`, platform: rnd.pick(PLATFORMS) });
    }
  }
  views.sort((x, y) => x.startedAt - y.startedAt);
  await services.transaction(async (tx) => {
    for (const v of views) {
      await tx.ingestion.vodView({ tenantId: plan.vod.tenant_id, vodId: plan.vod.id, roomId: plan.vod.room_id, who: v.who, ip: v.ip, platform: v.platform, startedAt: v.startedAt, leftAt: v.leftAt });
    }
  });
  return views.length;
}
