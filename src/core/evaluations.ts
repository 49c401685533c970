import type { Kysely } from 'kysely';
import type { Database, EvaluationAnswerRow, EvaluationQuestionRow, EvaluationTemplateRow, RoomRow } from '../storage/schema.js';
import { invalid, notFound } from './errors.js';
import { inTransaction } from './transactions.js';
import { selectPage, type NumberedPage, type PageRequest } from './paging.js';

export type EvaluationQuestionKind = 'choice' | 'text';

export interface NewEvaluationQuestion {
  title: string;
  kind: EvaluationQuestionKind;
  required?: boolean;
  /** The choices of a choice question, in order. */
  options?: readonly string[];
}

export interface EvaluationTemplate {
  template: EvaluationTemplateRow;
  questions: Array<EvaluationQuestionRow & { choices: string[] }>;
}

function choicesOf(q: EvaluationQuestionRow): string[] {
  const v: unknown = JSON.parse(q.options || '[]');
  return Array.isArray(v) ? v.map(String) : [];
}

/**
 * After-class evaluations: a tenant's templates (a title and ordered questions, published or not),
 * the template each room asks its students to fill in, and reading the answers
 * (`ClassroomIngestion.evaluate` records them).
 */
export class EvaluationService {
  constructor(private readonly db: Kysely<Database>) {}

  async createTemplate(tenantId: string, input: { title: string; published?: boolean; questions: readonly NewEvaluationQuestion[] }, at = Date.now()): Promise<EvaluationTemplate> {
    if (!input.title.trim()) throw invalid('an evaluation template needs a title', 'evaluation');
    for (const q of input.questions) {
      if (!q.title.trim()) throw invalid('an evaluation question needs a title', 'evaluation');
      if (q.kind === 'choice' && !q.options?.length) throw invalid(`choice question "${q.title}" needs options`, 'evaluation');
    }
    const id = await inTransaction(this.db, async (trx) => {
      const t = await trx.insertInto('evaluation_templates').values({ tenant_id: tenantId, title: input.title, published: input.published ? 1 : 0, created_at: at, updated_at: at })
        .returning('id').executeTakeFirstOrThrow();
      if (input.questions.length) {
        await trx.insertInto('evaluation_questions').values(input.questions.map((q, i) => ({
          tenant_id: tenantId, template_id: t.id, title: q.title, kind: q.kind, required: q.required ? 1 : 0,
          options: JSON.stringify(q.kind === 'choice' ? q.options ?? [] : []), display_order: i + 1,
        }))).execute();
      }
      return t.id;
    });
    return (await this.template(tenantId, id))!;
  }

  async setPublished(tenantId: string, templateId: number, published: boolean, at = Date.now()): Promise<void> {
    const res = await this.db.updateTable('evaluation_templates').set({ published: published ? 1 : 0, updated_at: at })
      .where('tenant_id', '=', tenantId).where('id', '=', templateId).executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw notFound('evaluation template');
  }

  /** One template of the tenant with its questions, or undefined. */
  async template(tenantId: string, id: number): Promise<EvaluationTemplate | undefined> {
    const template = await this.db.selectFrom('evaluation_templates').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    if (!template) return undefined;
    return { template, questions: (await this.questionsOf([template.id])).get(template.id) ?? [] };
  }

  /** One numbered page of the tenant's templates (published or not, when asked), oldest first, with their questions. */
  async pageTemplates(tenantId: string, opts: { published?: boolean; page: PageRequest }): Promise<NumberedPage<EvaluationTemplate>> {
    let base = this.db.selectFrom('evaluation_templates').where('tenant_id', '=', tenantId);
    if (opts.published !== undefined) base = base.where('published', '=', opts.published ? 1 : 0);
    const { rows, total } = await selectPage(base, base.selectAll().orderBy('created_at').orderBy('id'), opts.page);
    const questions = await this.questionsOf(rows.map((t) => t.id));
    return { rows: rows.map((template) => ({ template, questions: questions.get(template.id) ?? [] })), total };
  }

  private async questionsOf(templateIds: readonly number[]): Promise<Map<number, EvaluationTemplate['questions']>> {
    const out = new Map<number, EvaluationTemplate['questions']>();
    if (templateIds.length === 0) return out;
    const rows = await this.db.selectFrom('evaluation_questions').selectAll().where('template_id', 'in', [...templateIds]).orderBy('display_order').orderBy('id').execute();
    for (const q of rows) {
      const list = out.get(q.template_id) ?? [];
      list.push({ ...q, choices: choicesOf(q) });
      out.set(q.template_id, list);
    }
    return out;
  }

  /** Makes `templateId` the room's evaluation (a room has one: this replaces any earlier one). */
  async bindRoom(room: RoomRow, templateId: number, at = Date.now()): Promise<void> {
    const template = await this.template(room.tenant_id, templateId);
    if (!template) throw notFound('evaluation template');
    await this.db.insertInto('room_evaluations').values({ tenant_id: room.tenant_id, room_id: room.id, template_id: templateId, bound_at: at })
      .onConflict((oc) => oc.column('room_id').doUpdateSet({ template_id: templateId, bound_at: at })).execute();
  }

  /** The id of the room's evaluation template, if it has one. */
  async templateIdOfRoom(room: RoomRow): Promise<number | undefined> {
    return (await this.db.selectFrom('room_evaluations').select('template_id').where('room_id', '=', room.id).executeTakeFirst())?.template_id;
  }

  /**
   * One numbered page of the answers given in the room within the window (by submission time, then
   * question order), with each question's title, and their total.
   */
  async pageAnswers(room: RoomRow, opts: { from?: number; to?: number; page: PageRequest }): Promise<NumberedPage<EvaluationAnswerRow & { title: string }>> {
    let base = this.db.selectFrom('evaluation_answers').innerJoin('evaluation_questions', 'evaluation_questions.id', 'evaluation_answers.question_id')
      .where('evaluation_answers.room_id', '=', room.id);
    if (opts.from !== undefined) base = base.where('evaluation_answers.submitted_at', '>=', opts.from);
    if (opts.to !== undefined) base = base.where('evaluation_answers.submitted_at', '<=', opts.to);
    const ordered = base.selectAll('evaluation_answers').select('evaluation_questions.title as title')
      .orderBy('evaluation_answers.submitted_at').orderBy('evaluation_answers.participant_id').orderBy('evaluation_questions.display_order').orderBy('evaluation_answers.id');
    return selectPage(base, ordered, opts.page);
  }
}
