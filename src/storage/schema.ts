import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
// The column holds exactly the core's enum (migration 006 backfilled it); a type-only import.
import type { RoomKind } from '../core/room-kind.js';

/**
 * The one schema, shared by SQLite and PostgreSQL. Times are epoch milliseconds (bigint);
 * JSON values are stored as text so that both engines treat them alike.
 */
export interface Database {
  tenants: TenantsTable;
  tenant_credentials: TenantCredentialsTable;
  users: UsersTable;
  rooms: RoomsTable;
  room_passes: RoomPassesTable;
  live_sessions: LiveSessionsTable;
  participants: ParticipantsTable;
  participations: ParticipationsTable;
  chat_messages: ChatMessagesTable;
  questions: QuestionsTable;
  polls: PollsTable;
  poll_responses: PollResponsesTable;
  rollcalls: RollcallsTable;
  rollcall_responses: RollcallResponsesTable;
  rewards: RewardsTable;
  hand_raises: HandRaisesTable;
  announcements: AnnouncementsTable;
  documents: DocumentsTable;
  room_documents: RoomDocumentsTable;
  recordings: RecordingsTable;
  vods: VodsTable;
  vod_views: VodViewsTable;
  client_reports: ClientReportsTable;
  room_recordings: RoomRecordingsTable;
  warmups: WarmupsTable;
  room_warmups: RoomWarmupsTable;
  room_relays: RoomRelaysTable;
  room_branches: RoomBranchesTable;
  room_roster: RoomRosterTable;
  room_groups: RoomGroupsTable;

  jobs: JobsTable;
  room_events: RoomEventsTable;
  live_member_states: LiveMemberStatesTable;
  live_nodes: LiveNodesTable;
  room_event_counters: RoomEventCountersTable;
  lottery_draws: LotteryDrawsTable;
  lottery_winners: LotteryWinnersTable;
  attention_checks: AttentionChecksTable;
  attention_results: AttentionResultsTable;
  expression_captures: ExpressionCapturesTable;
  evaluation_templates: EvaluationTemplatesTable;
  evaluation_questions: EvaluationQuestionsTable;
  room_evaluations: RoomEvaluationsTable;
  evaluation_answers: EvaluationAnswersTable;
  deliveries: DeliveriesTable;
  delivery_attempts: DeliveryAttemptsTable;
  server_secrets: ServerSecretsTable;
}

export interface TenantsTable {
  id: string;
  name: string;
  is_demo: number;
  /** JSON object of tenant-level settings (time zone, switches, policies). */
  settings: string;
  created_at: number;
}

/** One credential family per row: an API key id and its secret, as some dialect's auth scheme needs it. */
export interface TenantCredentialsTable {
  id: Generated<number>;
  tenant_id: string;
  scheme: string;
  key_id: string;
  secret: string;
  /** JSON object with the family's other values (e.g. a secondary key, a domain). */
  extra: string;
  created_at: number;
  updated_at: number;
}

export interface UsersTable {
  id: Generated<number>;
  tenant_id: string;
  login_name: string;
  /** Lowercase hex digests: the vendor protocols send these as credentials (sec=true). */
  password_md5: string;
  password_sha1: string;
  name: string;
  nick_name: string | null;
  email: string | null;
  mobile: string | null;
  telephone: string | null;
  company: string | null;
  male: number;
  role: string;
  status: number;
  max_points: number | null;
  effective_at: number | null;
  invalid_at: number | null;
  password_changed_at: number;
  profile: string;
  created_at: number;
  updated_at: number;
}

export interface RoomsTable {
  id: Generated<number>;
  tenant_id: string;
  /** 32 lowercase hex characters. */
  public_id: string;
  /** 8-digit number string. */
  number: string;
  /** 14-digit number string: YYMMDD + 8 random digits. */
  numeric_id: string;
  kind: RoomKind;
  title: string;
  description: string | null;
  owner_user_id: number | null;
  /** When class is planned to start and end; null end: open-ended (see core/rooms.ts scheduleBounds). */
  scheduled_start: number | null;
  scheduled_end: number | null;
  /** Most people inside at once; null: no limit of the room's own. */
  max_attendees: number | null;
  /** 1: audio is sent as AAC (clearer, but browser viewers cannot speak). */
  audio_aac: number;
  /** scheduled | live | ended | terminated */
  status: string;
  /** JSON object of the settings only one dialect reads, opaque to the core. */
  properties: string;
  deleted_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface RoomPassesTable {
  id: Generated<number>;
  tenant_id: string;
  room_id: number;
  /** host | assistant | speaker | student | attendee */
  role: string;
  /** Globally unique short code, when the pass is a join code. */
  code: string | null;
  /** A role token's password; null: the role joins without one. */
  secret: string | null;
  user_number: number | null;
  user_name: string | null;
  user_avatar: string | null;
  /**
   * role_code | role_token: one per (room, role), issued with the room (unique, migration 006);
   * other kinds (personal codes) may have many per role.
   */
  kind: string;
  group_id: number | null;
  created_at: number;
}

export interface LiveSessionsTable {
  id: Generated<number>;
  tenant_id: string;
  room_id: number;
  /** 16 uppercase hex characters. */
  public_id: string;
  started_at: number;
  ended_at: number | null;
  created_at: number;
  /** Memoised peak concurrency of the ended session (migration 018); null until computed, and after a write that can change it. */
  peak_count: Generated<number | null>;
  peak_at: Generated<number | null>;
  /** Bumped by every participation write that can change an ended session's peak. */
  peak_version: Generated<number>;
  /** The running peak kept by the ingestion service (migration 020, src/core/running-peak.ts); 1 while it holds. */
  run_valid: Generated<number>;
  run_level: Generated<number>;
  run_t: Generated<number | null>;
  run_joined: Generated<number>;
  run_peak: Generated<number>;
  run_peak_at: Generated<number | null>;
}

export interface ParticipantsTable {
  id: Generated<number>;
  tenant_id: string;
  /** 32 lowercase hex characters. */
  viewer_id: string;
  /** Stable identity within the tenant, e.g. `user:12`, `number:1001`, `guest:<random>`. */
  external_key: string;
  user_id: number | null;
  user_number: number | null;
  name: string;
  avatar: string | null;
  created_at: number;
}

export interface ParticipationsTable {
  id: Generated<number>;
  tenant_id: string;
  room_id: number;
  session_id: number | null;
  participant_id: number;
  name: string;
  role: string;
  ip: string | null;
  platform: string | null;
  user_agent: string | null;
  area: string | null;
  company: string | null;
  mobile: string | null;
  joined_at: number;
  left_at: number | null;
  properties: string;
  /** The live process (live_nodes) whose connection opened this interval; null when not a live connection's. */
  node_id: Generated<string | null>;
}

/** A host's decisions about one person in one live room (migration 014). */
export interface LiveMemberStatesTable {
  room_id: number;
  participant_id: number;
  tenant_id: string;
  muted: number;
  removed_at: number | null;
  /** The entry (ticket) of a single-session code that holds the place now. */
  entry_id: string | null;
  updated_at: number;
}

/** A live process's lease (migration 015). */
export interface LiveNodesTable {
  node_id: string;
  started_at: number;
  expires_at: number;
}

export interface ChatMessagesTable {
  id: Generated<number>;
  tenant_id: string;
  room_id: number;
  session_id: number | null;
  sender_participant_id: number | null;
  sender_name: string;
  sender_role: string;
  receiver_participant_id: number | null;
  receiver_name: string | null;
  is_private: number;
  content: string;
  sent_at: number;
}

export interface QuestionsTable {
  id: Generated<number>;
  tenant_id: string;
  room_id: number;
  session_id: number | null;
  asker_participant_id: number | null;
  asker_name: string;
  content: string;
  asked_at: number;
  answer: string | null;
  answerer_name: string | null;
  answered_at: number | null;
  answerer_participant_id: number | null;
  published: number;
}

export interface PollsTable {
  id: Generated<number>;
  tenant_id: string;
  room_id: number;
  session_id: number | null;
  /** vote | survey | quiz | answer_card | brainstorm | questionnaire | answerer */
  kind: string;
  title: string;
  publisher_participant_id: number | null;
  publisher_name: string | null;
  published_at: number;
  closed_at: number | null;
  /** JSON PollDefinition. */
  definition: string;
}

export interface PollResponsesTable {
  id: Generated<number>;
  tenant_id: string;
  poll_id: number;
  room_id: number;
  session_id: number | null;
  participant_id: number;
  name: string;
  /** JSON PollAnswers. */
  answers: string;
  submitted_at: number;
}

export interface RollcallsTable {
  id: Generated<number>;
  tenant_id: string;
  room_id: number;
  session_id: number | null;
  initiator_name: string | null;
  started_at: number;
  ended_at: number | null;
}

export interface RollcallResponsesTable {
  id: Generated<number>;
  tenant_id: string;
  rollcall_id: number;
  participant_id: number;
  name: string;
  responded_at: number;
}

export interface RewardsTable {
  id: Generated<number>;
  tenant_id: string;
  room_id: number;
  session_id: number | null;
  /** praise | like | red_packet | lottery | medal | cup | flower ... */
  kind: string;
  giver_participant_id: number | null;
  giver_name: string | null;
  receiver_participant_id: number | null;
  receiver_name: string | null;
  amount: number;
  quantity: number;
  properties: string;
  created_at: number;
}

export interface HandRaisesTable {
  id: Generated<number>;
  tenant_id: string;
  room_id: number;
  session_id: number | null;
  participant_id: number;
  name: string;
  raised_at: number;
  accepted_at: number | null;
  ended_at: number | null;
}

export interface AnnouncementsTable {
  id: Generated<number>;
  tenant_id: string;
  room_id: number;
  content: string;
  link: string | null;
  created_at: number;
}

export interface DocumentsTable {
  id: Generated<number>;
  tenant_id: string;
  owner_user_id: number | null;
  name: string;
  file_name: string | null;
  url: string | null;
  size: number;
  mime: string | null;
  storage_key: string | null;
  /** api | room | upload | url */
  source: string;
  /** ready | converting | failed */
  status: string;
  page_count: number | null;
  properties: string;
  created_at: number;
  deleted_at: number | null;
  /** The job converting this document, while it has one (migration 010). */
  conversion_job_id: number | null;
  /** sha256 hex of the stored file (migration 008); null for documents without a stored file. */
  checksum: Generated<string | null>;
}

export interface RoomDocumentsTable {
  id: Generated<number>;
  tenant_id: string;
  room_id: number;
  document_id: number;
  /** courseware | attachment */
  kind: string;
  bound_at: number;
}

export interface RecordingsTable {
  id: Generated<number>;
  tenant_id: string;
  room_id: number | null;
  session_id: number | null;
  name: string;
  file_name: string | null;
  size: number;
  started_at: number | null;
  ended_at: number | null;
  storage_key: string | null;
  creator_user_id: number | null;
  properties: string;
  created_at: number;
  deleted_at: number | null;
}

export interface VodsTable {
  id: Generated<number>;
  tenant_id: string;
  public_id: string;
  number: string;
  room_id: number | null;
  recording_id: number | null;
  subject: string;
  description: string | null;
  password: string | null;
  published: number;
  owner_user_id: number | null;
  /** record | upload | document | media (see VodSource) */
  source: string;
  duration_ms: number;
  size: number;
  properties: string;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
  /** The job converting this item's source, while it has one (migration 010). */
  conversion_job_id: number | null;
}

export interface VodViewsTable {
  id: Generated<number>;
  tenant_id: string;
  vod_id: number;
  participant_id: number;
  name: string;
  ip: string | null;
  platform: string | null;
  started_at: number;
  left_at: number | null;
}

export interface ClientReportsTable {
  id: Generated<number>;
  tenant_id: string;
  room_id: number;
  session_id: number | null;
  participant_id: number;
  /** JSON object: browser, system, camera/microphone availability, screen. */
  report: string;
  ip: string | null;
  reported_at: number;
}

export type TenantRow = Selectable<TenantsTable>;
export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type RoomRow = Selectable<RoomsTable>;
export type RoomUpdate = Updateable<RoomsTable>;
export type LiveSessionRow = Selectable<LiveSessionsTable>;
export type ParticipantRow = Selectable<ParticipantsTable>;
export type ParticipationRow = Selectable<ParticipationsTable>;
export type ChatMessageRow = Selectable<ChatMessagesTable>;
export type QuestionRow = Selectable<QuestionsTable>;
export type PollRow = Selectable<PollsTable>;
export type PollResponseRow = Selectable<PollResponsesTable>;
export type RollcallRow = Selectable<RollcallsTable>;
export type RollcallResponseRow = Selectable<RollcallResponsesTable>;
export type RewardRow = Selectable<RewardsTable>;
export type DocumentRow = Selectable<DocumentsTable>;
export type RecordingRow = Selectable<RecordingsTable>;
export type VodRow = Selectable<VodsTable>;
export type VodViewRow = Selectable<VodViewsTable>;

/** A recording bound to a room for a purpose (migration 003). */
export interface RoomRecordingsTable {
  id: Generated<number>;
  tenant_id: string;
  room_id: number;
  recording_id: number;
  /** insert_play: a source the host may broadcast during class (插播). */
  kind: string;
  bound_at: number;
}

export type RoomRecordingRow = Selectable<RoomRecordingsTable>;

/** A warm-up item: a recording played in a player mode before class starts (migration 009). */
export interface WarmupsTable {
  id: Generated<number>;
  tenant_id: string;
  /** 32 lowercase hex characters. */
  public_id: string;
  name: string;
  recording_id: number;
  /** Player layout: 1 three-split, 2 document/video primary, 3 two-split. */
  mode: number;
  owner_user_id: number | null;
  created_at: number;
  updated_at: number;
}

/** The one warm-up item a room shows. */
export interface RoomWarmupsTable {
  room_id: number;
  tenant_id: string;
  warmup_id: number;
  bound_at: number;
}

/** Another room of the tenant whose class `room_id` may rebroadcast. */
export interface RoomRelaysTable {
  id: Generated<number>;
  tenant_id: string;
  room_id: number;
  source_room_id: number;
  created_at: number;
}

/** A branch room follows its main room's lecture with a tutor and students of its own. */
export interface RoomBranchesTable {
  branch_room_id: number;
  tenant_id: string;
  main_room_id: number;
  /** 1-based order among the main room's branches. */
  position: number;
}

/** A group of a room (migration 007): numbered from 1 within the room, with its own small classroom in the big/small-class form. */
export interface RoomGroupsTable {
  id: Generated<number>;
  tenant_id: string;
  room_id: number;
  number: number;
  sub_room_id: number | null;
  /** The group's name (migration 009); null: the default "n组". */
  name: string | null;
  created_at: number;
}

export type RoomGroupRow = Selectable<RoomGroupsTable>;

/** A student expected in a room, by the user number the student joins with. */
export interface RoomRosterTable {
  id: Generated<number>;
  tenant_id: string;
  room_id: number;
  user_number: number;
  name: string;
  /** The student's group (room_groups.id), if any. */
  group_id: number | null;
  expires_at: number;
  created_at: number;
  updated_at: number;
}

export type WarmupRow = Selectable<WarmupsTable>;
export type RoomRelayRow = Selectable<RoomRelaysTable>;
export type RoomBranchRow = Selectable<RoomBranchesTable>;
export type RoomRosterRow = Selectable<RoomRosterTable>;
/** A durable background job (migration 010; src/jobs/queue.ts). */
export interface JobsTable {
  id: Generated<number>;
  tenant_id: string;
  kind: string;
  /** pending | running | done | failed */
  state: string;
  /** JSON: what the job works on. */
  payload: string;
  /** JSON: what a finished job produced. */
  result: string | null;
  attempts: number;
  max_attempts: number;
  /** Not leased before this time (retry back-off). */
  run_after: number;
  lease_owner: string | null;
  lease_expires_at: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

export type JobRow = Selectable<JobsTable>;

/**
 * The outbox: every classroom event, written in the transaction that stores the facts it announces.
 * `seq` numbers a room's events from 1 in commit order, without gaps (unique with `room_id`).
 */
export interface RoomEventsTable {
  id: Generated<number>;
  tenant_id: string;
  /** Null for an event outside every room (a view of an uploaded VOD); `seq` is null exactly then. */
  room_id: number | null;
  seq: number | null;
  session_id: number | null;
  type: string;
  /** When it happened. */
  at: number;
  /** JSON object: the event's data. */
  data: string;
  /** When the transaction that wrote it was about to commit. */
  recorded_at: number;
}

/** Each room's last event sequence number; bumping it is what orders and serialises a room's writers. */
export interface RoomEventCountersTable {
  room_id: number;
  last_seq: number;
}

export type RoomEventRow = Selectable<RoomEventsTable>;

/** A lottery drawn in class (migration 008): the prize, how people entered, and who won. */
export interface LotteryDrawsTable {
  id: Generated<number>;
  tenant_id: string;
  room_id: number;
  session_id: number | null;
  prize: string;
  /** standard: everyone present takes part | password: only those who sent the password */
  mode: string;
  drawer_name: string | null;
  drawn_at: number;
  properties: string;
}

export interface LotteryWinnersTable {
  id: Generated<number>;
  tenant_id: string;
  draw_id: number;
  participant_id: number;
  name: string;
}

/** One attention check of a class (migration 008); each person present gets a result. */
export interface AttentionChecksTable {
  id: Generated<number>;
  tenant_id: string;
  room_id: number;
  session_id: number | null;
  started_at: number;
}

export interface AttentionResultsTable {
  id: Generated<number>;
  tenant_id: string;
  check_id: number;
  participant_id: number;
  name: string;
  /** The participation role (host | assistant | speaker | student | attendee). */
  role: string;
  group_id: number;
  platform: string | null;
  attentive: number;
  ip: string | null;
  recorded_at: number;
}

/** A classified snapshot of someone's expression during class (migration 008). */
export interface ExpressionCapturesTable {
  id: Generated<number>;
  tenant_id: string;
  room_id: number;
  session_id: number | null;
  participant_id: number;
  name: string;
  role: string;
  /** happy | sad | neutral | surprised | confused | … as the classifier names it */
  expression: string;
  description: string;
  image_url: string;
  captured_at: number;
}

/** An after-class evaluation form of a tenant (migration 008). */
export interface EvaluationTemplatesTable {
  id: Generated<number>;
  tenant_id: string;
  title: string;
  published: number;
  created_at: number;
  updated_at: number;
}

export interface EvaluationQuestionsTable {
  id: Generated<number>;
  tenant_id: string;
  template_id: number;
  title: string;
  /** choice | text */
  kind: string;
  required: number;
  /** JSON array of the choices' texts. */
  options: string;
  display_order: number;
}

/** The evaluation template a room asks its students to fill in after class (one per room). */
export interface RoomEvaluationsTable {
  id: Generated<number>;
  tenant_id: string;
  room_id: number;
  template_id: number;
  bound_at: number;
}

export interface EvaluationAnswersTable {
  id: Generated<number>;
  tenant_id: string;
  room_id: number;
  session_id: number | null;
  template_id: number;
  question_id: number;
  participant_id: number;
  name: string;
  /** The chosen option's text, or the free text. */
  answer: string;
  submitted_at: number;
}

export type LotteryDrawRow = Selectable<LotteryDrawsTable>;
export type AttentionCheckRow = Selectable<AttentionChecksTable>;
export type AttentionResultRow = Selectable<AttentionResultsTable>;
export type ExpressionCaptureRow = Selectable<ExpressionCapturesTable>;
export type EvaluationTemplateRow = Selectable<EvaluationTemplatesTable>;
export type EvaluationQuestionRow = Selectable<EvaluationQuestionsTable>;
export type EvaluationAnswerRow = Selectable<EvaluationAnswersTable>;

/** An outbound call derived from classroom events (migration 013; src/delivery/). */
export interface DeliveriesTable {
  id: Generated<number>;
  tenant_id: string;
  room_id: number | null;
  /** The stream: a room's deliveries of one kind go out in id order. */
  kind: string;
  /** The outbox events (`room_events.id`) it carries: the first, the last, and how many. */
  first_event_id: number | null;
  last_event_id: number | null;
  event_count: number;
  target_url: string;
  content_type: string;
  /** The exact bytes posted, the same on every attempt. */
  body: string;
  /** The receiver's idempotency key (Baijiayun `qid`), if the body carries one. */
  request_id: string | null;
  /** How a reply counts as success (see src/delivery/acceptance.ts). */
  accept: string;
  /** JSON array: ms to wait after attempt n before attempt n+1; its length + 1 is the number of attempts. */
  retry_delays: string;
  /** Set while a batch may still take more events (until it is due). */
  batch_key: string | null;
  state: string;
  attempts: number;
  next_attempt_at: number;
  lease_owner: string | null;
  lease_expires_at: number | null;
  last_error: string | null;
  resent_from: number | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

export interface DeliveryAttemptsTable {
  id: Generated<number>;
  delivery_id: number;
  attempt: number;
  owner: string;
  started_at: number;
  finished_at: number;
  ok: number;
  http_status: number | null;
  /** The first characters of the reply body. */
  response: string | null;
  error: string | null;
}

export type DeliveryRow = Selectable<DeliveriesTable>;
export type DeliveryAttemptRow = Selectable<DeliveryAttemptsTable>;
/** Secrets shared by every process of a deployment (migration 012), one row per name. */
export interface ServerSecretsTable {
  name: string;
  value: string;
  created_at: number;
}
