import type { Services } from '../core/services.js';
import type { RoomRow } from '../storage/schema.js';
import type { ParticipantIdentity } from '../core/participants.js';
import { Seeded, type DemoClass } from './activity.js';

const PLATFORMS = ['web', 'pc', 'ios', 'android', 'h5'];
const EXPRESSIONS = [['happy', '微笑'], ['neutral', '平静'], ['confused', '疑惑'], ['surprised', '惊讶'], ['sad', '皱眉']] as const;
const PRIZES = ['英语词典', '定制笔记本', '课程优惠券'];

/**
 * The live-class extras some products record: a quiz with a reference answer, a lottery, an
 * attention check and expression captures, all written through the ingestion service.
 */
export async function playDemoEngagement(services: Services, cls: DemoClass): Promise<void> {
  const rnd = new Seeded(cls.seed * 17 + 3);
  const ing = services.ingestion;
  const { room, teacher, present, at } = cls;
  const late = cls.minutes - 1;
  const quiz = await ing.publishPoll({
    room, kind: 'quiz', title: '课堂小测', publisher: teacher, at: at(late - 0.9),
    definition: { forceJoin: false, questions: [
      { id: 1, type: 'judge', content: 'He go to school every day. 这句话正确吗？', options: [{ id: 1, value: '对' }, { id: 2, value: '错', correct: true }] },
      { id: 2, type: 'multi', content: '下列哪些是形容词？', options: [{ id: 1, value: 'happy', correct: true }, { id: 2, value: 'run' }, { id: 3, value: 'quick', correct: true }] },
      { id: 3, type: 'text', content: '用英语介绍你自己', options: [], solution: 'My name is … I am … years old.' },
    ] },
  });
  for (const s of present) {
    if (rnd.next() < 0.3) continue;
    await ing.respondPoll({ room, pollId: quiz, who: s, answers: { 1: [rnd.next() < 0.7 ? 2 : 1], 2: rnd.next() < 0.5 ? [1, 3] : [1], 3: `My name is ${s.name}.` }, at: at(late - 0.8 + rnd.next() / 10) });
  }
  await ing.closePoll(room, quiz, at(late - 0.6));
  const winners = [rnd.pick(present), rnd.pick(present)];
  await ing.drawLottery({ room, prize: rnd.pick(PRIZES), mode: rnd.next() < 0.5 ? 'standard' : 'password', drawerName: teacher.name, winners, at: at(late - 0.5) });
  await ing.checkAttention({
    room, at: at(late - 0.4),
    results: present.map((s) => ({ who: s, role: 'student' as const, attentive: rnd.next() < 0.8, platform: rnd.pick(PLATFORMS), ip: `192.168.${rnd.int(0, 20)}.${rnd.int(2, 250)}` })),
  });
  for (const s of present.slice(0, Math.min(present.length, 5))) {
    const [expression, description] = rnd.pick(EXPRESSIONS);
    await ing.captureExpression({ room, who: s, role: 'student', expression, description, imageUrl: `img.example.com/demo/${room.numeric_id}/${s.userNumber}-${expression}.jpg`, at: at(late - 0.3 + rnd.next() / 10) });
  }
}

/** The tenant's after-class evaluation form (and a draft), used by `room`. */
export async function setUpDemoEvaluation(services: Services, room: RoomRow, at: number): Promise<number> {
  const form = await services.evaluations.createTemplate(room.tenant_id, { title: '默认模板', published: true, questions: [
    { title: '您对本次课程的总体评价：', kind: 'choice', required: true, options: ['非常好', '好', '一般', '不好'] },
    { title: '知识点讲解是否条理清晰：', kind: 'choice', options: ['非常好', '好', '一般', '不好'] },
    { title: '您对本次课程有何建议', kind: 'text', required: true },
  ] }, at);
  await services.evaluations.createTemplate(room.tenant_id, { title: '口语课评价（草稿）', questions: [{ title: '发音练习是否足够？', kind: 'choice', options: ['足够', '不够'] }] }, at);
  await services.evaluations.bindRoom(room, form.template.id, at);
  return form.template.id;
}

const SUGGESTIONS = ['多一些对话练习', '语速可以慢一点', '很好，继续保持', '希望有课后作业'];

/** Some students fill in the room's evaluation after class. */
export async function playDemoEvaluations(services: Services, room: RoomRow, templateId: number, students: readonly ParticipantIdentity[], after: number, seed: number): Promise<void> {
  const rnd = new Seeded(seed * 13 + 5);
  const template = (await services.evaluations.template(room.tenant_id, templateId))!;
  for (const s of students) {
    if (rnd.next() < 0.5) continue;
    const answers = template.questions.map((q) => ({ questionId: q.id, answer: q.kind === 'choice' ? rnd.pick(q.choices) : rnd.pick(SUGGESTIONS) }));
    await services.ingestion.evaluate({ room, templateId, who: s, answers, at: after + rnd.int(1, 30) * 60_000 });
  }
}
