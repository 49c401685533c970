import type { CreateTableBuilder, Kysely } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema

/**
 * What classrooms record beyond chat, polls and rewards, and uploaded document files:
 * - a checksum for every stored document file (uploads are verified and deduplicated by it);
 * - lottery draws and their winners;
 * - attention checks (one check asks everyone present whether they follow) and each person's result;
 * - expression captures (a classified snapshot of someone's face during class);
 * - after-class evaluation templates with their questions, the template a room uses, and the answers.
 * Every table is read by room (or template) in time order, so each gets that index.
 */
export async function up(db: AnyDb, postgres: boolean): Promise<void> {
  const withId = <T extends string>(table: CreateTableBuilder<T, never>) => postgres
    ? table.addColumn('id', 'bigserial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  const json = (c: any) => c.notNull().defaultTo('{}'); // eslint-disable-line @typescript-eslint/no-explicit-any

  await db.schema.alterTable('documents').addColumn('checksum', 'text').execute();
  await db.schema.createIndex('documents_tenant_source_created').on('documents').columns(['tenant_id', 'source', 'created_at', 'id']).execute();

  await withId(db.schema.createTable('lottery_draws'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('room_id', 'bigint', (c) => c.notNull())
    .addColumn('session_id', 'bigint')
    .addColumn('prize', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('drawer_name', 'text')
    .addColumn('drawn_at', 'bigint', (c) => c.notNull())
    .addColumn('properties', 'text', json)
    .execute();
  await db.schema.createIndex('lottery_draws_room_time').on('lottery_draws').columns(['room_id', 'drawn_at', 'id']).execute();

  await withId(db.schema.createTable('lottery_winners'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('draw_id', 'bigint', (c) => c.notNull())
    .addColumn('participant_id', 'bigint', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addUniqueConstraint('lottery_winners_once', ['draw_id', 'participant_id'])
    .execute();

  await withId(db.schema.createTable('attention_checks'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('room_id', 'bigint', (c) => c.notNull())
    .addColumn('session_id', 'bigint')
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attention_checks_room_time').on('attention_checks').columns(['room_id', 'started_at', 'id']).execute();

  await withId(db.schema.createTable('attention_results'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('check_id', 'bigint', (c) => c.notNull())
    .addColumn('participant_id', 'bigint', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('group_id', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('platform', 'text')
    .addColumn('attentive', 'integer', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('recorded_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('attention_results_once', ['check_id', 'participant_id'])
    .execute();

  await withId(db.schema.createTable('expression_captures'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('room_id', 'bigint', (c) => c.notNull())
    .addColumn('session_id', 'bigint')
    .addColumn('participant_id', 'bigint', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('expression', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('image_url', 'text', (c) => c.notNull())
    .addColumn('captured_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('expression_captures_room_time').on('expression_captures').columns(['room_id', 'captured_at', 'id']).execute();

  await withId(db.schema.createTable('evaluation_templates'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evaluation_templates_tenant').on('evaluation_templates').columns(['tenant_id', 'published', 'created_at', 'id']).execute();

  await withId(db.schema.createTable('evaluation_questions'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('template_id', 'bigint', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('options', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('display_order', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evaluation_questions_template').on('evaluation_questions').columns(['template_id', 'display_order', 'id']).execute();

  await withId(db.schema.createTable('room_evaluations'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('room_id', 'bigint', (c) => c.notNull().unique())
    .addColumn('template_id', 'bigint', (c) => c.notNull())
    .addColumn('bound_at', 'bigint', (c) => c.notNull())
    .execute();

  await withId(db.schema.createTable('evaluation_answers'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('room_id', 'bigint', (c) => c.notNull())
    .addColumn('session_id', 'bigint')
    .addColumn('template_id', 'bigint', (c) => c.notNull())
    .addColumn('question_id', 'bigint', (c) => c.notNull())
    .addColumn('participant_id', 'bigint', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evaluation_answers_room_time').on('evaluation_answers').columns(['room_id', 'submitted_at', 'id']).execute();
}
