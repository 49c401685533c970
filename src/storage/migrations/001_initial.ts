import { sql, type Kysely, type CreateTableBuilder } from 'kysely';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema

/** Adds an auto-increment primary key that works on both SQLite and PostgreSQL. */
function withId<T extends string>(table: CreateTableBuilder<T, never>, postgres: boolean) {
  return postgres
    ? table.addColumn('id', 'bigserial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

const json = (c: any) => c.notNull().defaultTo('{}'); // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb, postgres: boolean): Promise<void> {
  const id = <T extends string>(t: CreateTableBuilder<T, never>) => withId(t, postgres);

  await db.schema.createTable('tenants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('settings', 'text', json)
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await id(db.schema.createTable('tenant_credentials'))
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('scheme', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('extra', 'text', json)
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('tenant_credentials_scheme_key', ['scheme', 'key_id'])
    .addUniqueConstraint('tenant_credentials_tenant_scheme', ['tenant_id', 'scheme'])
    .execute();

  await id(db.schema.createTable('users'))
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('login_name', 'text', (c) => c.notNull())
    .addColumn('password_md5', 'text', (c) => c.notNull())
    .addColumn('password_sha1', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('nick_name', 'text')
    .addColumn('email', 'text')
    .addColumn('mobile', 'text')
    .addColumn('telephone', 'text')
    .addColumn('company', 'text')
    .addColumn('male', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('max_points', 'integer')
    .addColumn('effective_at', 'bigint')
    .addColumn('invalid_at', 'bigint')
    .addColumn('password_changed_at', 'bigint', (c) => c.notNull())
    .addColumn('profile', 'text', json)
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('users_tenant_login', ['tenant_id', 'login_name'])
    .execute();

  await id(db.schema.createTable('rooms'))
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('public_id', 'text', (c) => c.notNull().unique())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('numeric_id', 'text', (c) => c.notNull().unique())
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('owner_user_id', 'bigint')
    .addColumn('scheduled_start', 'bigint')
    .addColumn('scheduled_end', 'bigint')
    .addColumn('max_attendees', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('properties', 'text', json)
    .addColumn('deleted_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rooms_tenant_id').on('rooms').columns(['tenant_id', 'id']).execute();
  await db.schema.createIndex('rooms_tenant_created').on('rooms').columns(['tenant_id', 'created_at']).execute();

  await id(db.schema.createTable('room_passes'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('room_id', 'bigint', (c) => c.notNull().references('rooms.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.unique())
    .addColumn('secret', 'text')
    .addColumn('user_number', 'bigint')
    .addColumn('user_name', 'text')
    .addColumn('user_avatar', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('group_id', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('room_passes_room').on('room_passes').columns(['room_id', 'kind', 'id']).execute();

  await id(db.schema.createTable('live_sessions'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('room_id', 'bigint', (c) => c.notNull().references('rooms.id'))
    .addColumn('public_id', 'text', (c) => c.notNull().unique())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('ended_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('live_sessions_room_started').on('live_sessions').columns(['room_id', 'started_at']).execute();
  await db.schema.createIndex('live_sessions_room_ended').on('live_sessions').columns(['room_id', 'ended_at']).execute();
  await db.schema.createIndex('live_sessions_tenant_started').on('live_sessions').columns(['tenant_id', 'started_at']).execute();
  await db.schema.createIndex('live_sessions_tenant_ended').on('live_sessions').columns(['tenant_id', 'ended_at']).execute();

  await id(db.schema.createTable('participants'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('viewer_id', 'text', (c) => c.notNull().unique())
    .addColumn('external_key', 'text', (c) => c.notNull())
    .addColumn('user_id', 'bigint')
    .addColumn('user_number', 'bigint')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('avatar', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('participants_tenant_key', ['tenant_id', 'external_key'])
    .execute();

  await id(db.schema.createTable('participations'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('room_id', 'bigint', (c) => c.notNull())
    .addColumn('session_id', 'bigint')
    .addColumn('participant_id', 'bigint', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('platform', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('area', 'text')
    .addColumn('company', 'text')
    .addColumn('mobile', 'text')
    .addColumn('joined_at', 'bigint', (c) => c.notNull())
    .addColumn('left_at', 'bigint')
    .addColumn('properties', 'text', json)
    .execute();
  await db.schema.createIndex('participations_room_joined').on('participations').columns(['room_id', 'joined_at', 'id']).execute();
  await db.schema.createIndex('participations_session_joined').on('participations').columns(['session_id', 'joined_at', 'id']).execute();
  await db.schema.createIndex('participations_tenant_joined').on('participations').columns(['tenant_id', 'joined_at']).execute();
  await db.schema.createIndex('participations_open').on('participations').columns(['room_id', 'participant_id', 'left_at']).execute();

  const activity = async (name: string, timeColumn: string, build: (t: CreateTableBuilder<string, never>) => CreateTableBuilder<string, never>) => {
    await build(id(db.schema.createTable(name))
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('room_id', 'bigint', (c) => c.notNull())
      .addColumn('session_id', 'bigint')).execute();
    await db.schema.createIndex(`${name}_room_time`).on(name).columns(['room_id', timeColumn, 'id']).execute();
    await db.schema.createIndex(`${name}_session_time`).on(name).columns(['session_id', timeColumn, 'id']).execute();
  };

  await activity('chat_messages', 'sent_at', (t) => t
    .addColumn('sender_participant_id', 'bigint')
    .addColumn('sender_name', 'text', (c) => c.notNull())
    .addColumn('sender_role', 'text', (c) => c.notNull())
    .addColumn('receiver_participant_id', 'bigint')
    .addColumn('receiver_name', 'text')
    .addColumn('is_private', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'bigint', (c) => c.notNull()));

  await activity('questions', 'asked_at', (t) => t
    .addColumn('asker_participant_id', 'bigint')
    .addColumn('asker_name', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('asked_at', 'bigint', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answerer_name', 'text')
    .addColumn('answered_at', 'bigint')
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0)));

  await activity('polls', 'published_at', (t) => t
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('publisher_participant_id', 'bigint')
    .addColumn('publisher_name', 'text')
    .addColumn('published_at', 'bigint', (c) => c.notNull())
    .addColumn('closed_at', 'bigint')
    .addColumn('definition', 'text', json));

  await activity('poll_responses', 'submitted_at', (t) => t
    .addColumn('poll_id', 'bigint', (c) => c.notNull())
    .addColumn('participant_id', 'bigint', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', json)
    .addColumn('submitted_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('poll_responses_once', ['poll_id', 'participant_id']));

  await activity('rollcalls', 'started_at', (t) => t
    .addColumn('initiator_name', 'text')
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('ended_at', 'bigint'));

  await id(db.schema.createTable('rollcall_responses'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('rollcall_id', 'bigint', (c) => c.notNull())
    .addColumn('participant_id', 'bigint', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('responded_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('rollcall_responses_once', ['rollcall_id', 'participant_id'])
    .execute();

  await activity('rewards', 'created_at', (t) => t
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('giver_participant_id', 'bigint')
    .addColumn('giver_name', 'text')
    .addColumn('receiver_participant_id', 'bigint')
    .addColumn('receiver_name', 'text')
    .addColumn('amount', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('quantity', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('properties', 'text', json)
    .addColumn('created_at', 'bigint', (c) => c.notNull()));

  await activity('hand_raises', 'raised_at', (t) => t
    .addColumn('participant_id', 'bigint', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'bigint', (c) => c.notNull())
    .addColumn('accepted_at', 'bigint')
    .addColumn('ended_at', 'bigint'));

  await id(db.schema.createTable('announcements'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('room_id', 'bigint', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('announcements_room').on('announcements').columns(['room_id', 'created_at']).execute();

  await id(db.schema.createTable('documents'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('owner_user_id', 'bigint')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('url', 'text')
    .addColumn('size', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('mime', 'text')
    .addColumn('storage_key', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('page_count', 'integer')
    .addColumn('properties', 'text', json)
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .execute();
  await db.schema.createIndex('documents_tenant_created').on('documents').columns(['tenant_id', 'created_at', 'id']).execute();

  await id(db.schema.createTable('room_documents'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('room_id', 'bigint', (c) => c.notNull())
    .addColumn('document_id', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('bound_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('room_documents_once', ['room_id', 'document_id'])
    .execute();

  await id(db.schema.createTable('recordings'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('room_id', 'bigint')
    .addColumn('session_id', 'bigint')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('size', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('started_at', 'bigint')
    .addColumn('ended_at', 'bigint')
    .addColumn('storage_key', 'text')
    .addColumn('creator_user_id', 'bigint')
    .addColumn('properties', 'text', json)
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .execute();
  await db.schema.createIndex('recordings_tenant_created').on('recordings').columns(['tenant_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('recordings_room').on('recordings').columns(['room_id', 'created_at']).execute();

  await id(db.schema.createTable('vods'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('public_id', 'text', (c) => c.notNull().unique())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('room_id', 'bigint')
    .addColumn('recording_id', 'bigint')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('password', 'text')
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('owner_user_id', 'bigint')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('duration_ms', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('size', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('properties', 'text', json)
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .execute();
  await db.schema.createIndex('vods_tenant_created').on('vods').columns(['tenant_id', 'created_at', 'id']).execute();

  await id(db.schema.createTable('vod_views'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('vod_id', 'bigint', (c) => c.notNull())
    .addColumn('participant_id', 'bigint', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('platform', 'text')
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('left_at', 'bigint')
    .execute();
  await db.schema.createIndex('vod_views_tenant_started').on('vod_views').columns(['tenant_id', 'started_at', 'id']).execute();

  await id(db.schema.createTable('client_reports'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('room_id', 'bigint', (c) => c.notNull())
    .addColumn('session_id', 'bigint')
    .addColumn('participant_id', 'bigint', (c) => c.notNull())
    .addColumn('report', 'text', json)
    .addColumn('ip', 'text')
    .addColumn('reported_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('client_reports_room').on('client_reports').columns(['room_id', 'reported_at', 'id']).execute();

  // Keep the planner honest on SQLite after a bulk of indexes.
  if (!postgres) await sql`PRAGMA optimize`.execute(db);
}
