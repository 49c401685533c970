import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type {
  ChatMessageRow, ClientReportsTable, Database, HandRaisesTable, LiveSessionRow, ParticipantRow, ParticipationRow, PollResponseRow, PollRow, QuestionRow, RewardRow, RollcallResponseRow, RollcallRow,
} from '../storage/schema.js';
import type { Selectable } from 'kysely';
import { parseJsonObject } from './json.js';
import { selectPage, type NumberedPage, type PageRequest } from './paging.js';
import type { PollAnswers, PollDefinition } from './ingestion.js';
import type { RoomKind } from './room-kind.js';

/**
 * Which classroom records to read. Combine a place (tenant, room or session) with an optional
 * inclusive time window on the record's own time column, and keyset paging on id.
 */
export interface ActivityFilter {
  tenantId: string;
  roomId?: number;
  /** One session; `null` means records made outside any session. */
  sessionId?: number | null;
  from?: number;
  to?: number;
  /** Keyset paging: only rows with id greater than this. */
  afterId?: number;
  /** Keyset paging in read order: only rows after this (time, id). */
  after?: { time: number; id: number };
  limit?: number;
}

/** Filters of the tables that name one person per row (participations, client reports). */
export interface PersonFilter extends ActivityFilter {
  /** Only this participant's rows. */
  participantId?: number;
  /** Only rows in one of these roles (participations). */
  roles?: readonly string[];
}

/** Which chat messages to read. */
export interface ChatFilter extends ActivityFilter {
  /** Leave out private messages. */
  publicOnly?: boolean;
  /** Only messages sent in one of these roles. */
  senderRoles?: readonly string[];
}

/** Rows per query when an export reads everything in chunks. */
export const READ_CHUNK = 1000;
/** Polls or roll-calls per query: each brings its responses along (up to one per person), so fewer at a time. */
export const POLL_CHUNK = 100;

/** A poll's stored definition, with an empty question list when it records none. */
export const pollDefinition = (poll: PollRow): PollDefinition => ({ questions: [], ...parseJsonObject(poll.definition) }) as PollDefinition;

/**
 * Every row `read` selects, fetched READ_CHUNK at a time in (time, id) order, so an export never
 * asks the database for an unbounded result at once.
 */
export async function* inChunks<T extends { id: number }, F extends ActivityFilter>(read: (f: F) => Promise<T[]>, filter: F, timeOf: (row: T) => number, size = READ_CHUNK): AsyncGenerator<T[]> {
  let after = filter.after;
  for (;;) {
    const rows = await read({ ...filter, after, limit: size });
    if (rows.length) yield rows;
    if (rows.length < size) return;
    const last = rows[rows.length - 1];
    after = { time: timeOf(last), id: last.id };
  }
}

type TableWithScope = 'participations' | 'chat_messages' | 'questions' | 'polls' | 'poll_responses' | 'rollcalls' | 'rewards' | 'hand_raises' | 'client_reports';

export type ClientReportRow = Selectable<ClientReportsTable>;
export type HandRaiseRow = Selectable<HandRaisesTable>;

export interface PollWithResponses {
  poll: PollRow;
  definition: PollDefinition;
  responses: Array<PollResponseRow & { parsed: PollAnswers }>;
}

/** A live session with the room fields exports show beside it. */
export type SessionWithRoom = LiveSessionRow & { room_public_id: string; room_title: string; room_kind: RoomKind; room_properties: string };

export interface RollcallWithResponses {
  rollcall: RollcallRow;
  responses: RollcallResponseRow[];
}

/**
 * Reading what happened in classrooms. Every export of every dialect reads through here, so
 * what a dialect returns is exactly what the ingestion service recorded.
 */
export class ActivityQueries {
  constructor(private readonly db: Kysely<Database>) {}

  // The builder's generics differ per table; the filter only touches columns every table has.
  private scope<T extends TableWithScope>(table: T, timeColumn: string, f: ActivityFilter) {
    let q = this.db.selectFrom(table as TableWithScope).selectAll() as unknown as SelectQueryBuilder<Database, TableWithScope, Record<string, unknown>>;
    const col = (name: string) => name as 'id';
    q = q.where(col('tenant_id'), '=', f.tenantId as never);
    if (f.roomId !== undefined) q = q.where(col('room_id'), '=', f.roomId as never);
    if (f.sessionId === null) q = q.where(col('session_id'), 'is', null);
    else if (f.sessionId !== undefined) q = q.where(col('session_id'), '=', f.sessionId as never);
    if (f.from !== undefined) q = q.where(col(timeColumn), '>=', f.from as never);
    if (f.to !== undefined) q = q.where(col(timeColumn), '<=', f.to as never);
    if (f.afterId !== undefined) q = q.where('id', '>', f.afterId as never);
    if (f.after) {
      const { time, id } = f.after;
      // (time, id) > (t, i), spelt so that the plain `time >= t` bound lets the index start the range there.
      q = q.where(col(timeColumn), '>=', time as never).where((eb) => eb.or([eb(col(timeColumn), '>', time as never), eb('id', '>', id as never)]));
    }
    q = q.orderBy(col(timeColumn)).orderBy('id');
    if (f.limit !== undefined) q = q.limit(f.limit);
    return q;
  }

  /** Participation intervals whose join time falls in the window, optionally of one person or of some roles. */
  async participations(f: PersonFilter): Promise<ParticipationRow[]> {
    let q = this.scope('participations', 'joined_at', f);
    if (f.participantId !== undefined) q = q.where('participant_id' as 'id', '=', f.participantId as never);
    // No role named matches no row (an `in ()` list is not valid SQL).
    if (f.roles) q = q.where('role' as 'id', 'in', (f.roles.length ? [...f.roles] : ['']) as never);
    return (await q.execute()) as unknown as ParticipationRow[];
  }

  /** `participations`, READ_CHUNK rows per query in (join time, id) order: for exports of any size. */
  participationChunks(f: PersonFilter, size = READ_CHUNK): AsyncGenerator<ParticipationRow[]> {
    return inChunks((c: PersonFilter) => this.participations(c), f, (p) => p.joined_at, size);
  }

  async chat(f: ChatFilter): Promise<ChatMessageRow[]> {
    let q = this.scope('chat_messages', 'sent_at', f);
    if (f.publicOnly) q = q.where('is_private' as 'id', '=', 0 as never);
    if (f.senderRoles) q = q.where('sender_role' as 'id', 'in', (f.senderRoles.length ? [...f.senderRoles] : ['']) as never);
    return (await q.execute()) as unknown as ChatMessageRow[];
  }

  /** `chat` in chunks, in (send time, id) order. */
  chatChunks(f: ChatFilter, size = READ_CHUNK): AsyncGenerator<ChatMessageRow[]> {
    return inChunks((c: ChatFilter) => this.chat(c), f, (m) => m.sent_at, size);
  }

  async questions(f: ActivityFilter): Promise<QuestionRow[]> {
    return (await this.scope('questions', 'asked_at', f).execute()) as unknown as QuestionRow[];
  }

  /** How many questions `questions(f)` reads, and how many of them have an answer (both recorded). */
  async questionCounts(f: ActivityFilter): Promise<{ questions: number; answered: number }> {
    const row = await this.scope('questions', 'asked_at', f).clearSelect().clearOrderBy()
      .select([
        sql<number | string>`count(*)`.as('n'),
        sql<number | string | null>`sum(case when answer is not null and answered_at is not null then 1 else 0 end)`.as('answered'),
      ]).executeTakeFirstOrThrow();
    return { questions: Number(row.n), answered: Number(row.answered ?? 0) };
  }

  /** `questions` in chunks, in (asking time, id) order. */
  questionChunks(f: ActivityFilter, size = READ_CHUNK): AsyncGenerator<QuestionRow[]> {
    return inChunks((c: ActivityFilter) => this.questions(c), f, (q) => q.asked_at, size);
  }

  private rewardQuery(f: ActivityFilter & { kinds?: string[] }) {
    let q = this.scope('rewards', 'created_at', f);
    if (f.kinds?.length) q = q.where('kind' as 'id', 'in', f.kinds as never);
    return q;
  }

  async rewards(f: ActivityFilter & { kinds?: string[] }): Promise<RewardRow[]> {
    return (await this.rewardQuery(f).execute()) as unknown as RewardRow[];
  }

  /** `rewards` in chunks, in (creation time, id) order. */
  rewardChunks(f: ActivityFilter & { kinds?: string[] }, size = READ_CHUNK): AsyncGenerator<RewardRow[]> {
    return inChunks((c: ActivityFilter & { kinds?: string[] }) => this.rewards(c), f, (r) => r.created_at, size);
  }

  /** One numbered page of `rewards` (same order) and their count: the database reads the page only. */
  async rewardsPage(f: ActivityFilter & { kinds?: string[] }, page: PageRequest): Promise<NumberedPage<RewardRow>> {
    const filtered = this.rewardQuery({ ...f, limit: undefined });
    // The count needs no order; the page is cut from the (time, id) order on the index.
    const unordered = filtered.clearOrderBy().clearSelect();
    return selectPage(unordered, filtered, page) as Promise<NumberedPage<RewardRow>>;
  }

  /** Hand-raises in the window, by the time the hand went up. */
  async handRaises(f: ActivityFilter): Promise<HandRaiseRow[]> {
    return (await this.scope('hand_raises', 'raised_at', f).execute()) as unknown as HandRaiseRow[];
  }

  /** Client reports in the window, optionally of one person. */
  async clientReports(f: PersonFilter): Promise<ClientReportRow[]> {
    let q = this.scope('client_reports', 'reported_at', f);
    if (f.participantId !== undefined) q = q.where('participant_id' as 'id', '=', f.participantId as never);
    return (await q.execute()) as unknown as ClientReportRow[];
  }

  /** `clientReports` in chunks, in (report time, id) order. */
  clientReportChunks(f: PersonFilter, size = READ_CHUNK): AsyncGenerator<ClientReportRow[]> {
    return inChunks((c: PersonFilter) => this.clientReports(c), f, (r) => r.reported_at, size);
  }

  private pollQuery(f: ActivityFilter & { kinds?: string[] }) {
    let q = this.scope('polls', 'published_at', f);
    if (f.kinds?.length) q = q.where('kind' as 'id', 'in', f.kinds as never);
    return q;
  }

  /** Polls of the given kinds published in the window, without their responses (see `withResponses`). */
  async pollRows(f: ActivityFilter & { kinds?: string[] }): Promise<PollRow[]> {
    return (await this.pollQuery(f).execute()) as unknown as PollRow[];
  }

  /** `pollRows` in chunks, in (publication time, id) order. */
  pollRowChunks(f: ActivityFilter & { kinds?: string[] }, size = POLL_CHUNK): AsyncGenerator<PollRow[]> {
    return inChunks((c: ActivityFilter & { kinds?: string[] }) => this.pollRows(c), f, (p) => p.published_at, size);
  }

  /** One poll of the room, of one of the given kinds; undefined when the id names none. */
  async pollRow(tenantId: string, roomId: number, pollId: number, kinds: string[]): Promise<PollRow | undefined> {
    const [row] = await this.pollQuery({ tenantId, roomId, kinds }).where('id', '=', pollId as never).execute();
    return row as unknown as PollRow | undefined;
  }

  /** How many responses the polls of `pollRows(f)` hold together (counted by the database). */
  async pollResponseCount(f: ActivityFilter & { kinds?: string[] }): Promise<number> {
    const ids = this.pollQuery(f).clearSelect().clearOrderBy().select('id');
    const { n } = await this.db.selectFrom('poll_responses').select((eb) => eb.fn.countAll().as('n')).where('poll_id', 'in', ids as never)
      .$castTo<{ n: number | string | bigint }>().executeTakeFirstOrThrow();
    return Number(n);
  }

  /** The polls with their parsed definitions and every response (in submission order), in one query per thousand polls. */
  async withResponses(polls: readonly PollRow[]): Promise<PollWithResponses[]> {
    if (polls.length === 0) return [];
    const byPoll = new Map<number, Array<PollResponseRow & { parsed: PollAnswers }>>();
    for (let i = 0; i < polls.length; i += 1000) {
      const responses = await this.db.selectFrom('poll_responses').selectAll().where('poll_id', 'in', polls.slice(i, i + 1000).map((p) => p.id))
        .orderBy('submitted_at').orderBy('id').execute();
      for (const r of responses) {
        const list = byPoll.get(r.poll_id) ?? [];
        list.push({ ...r, parsed: parseJsonObject(r.answers) as PollAnswers });
        byPoll.set(r.poll_id, list);
      }
    }
    return polls.map((poll) => ({ poll, definition: pollDefinition(poll), responses: byPoll.get(poll.id) ?? [] }));
  }

  /** Polls of the given kinds published in the window, each with every response. */
  async polls(f: ActivityFilter & { kinds?: string[] }): Promise<PollWithResponses[]> {
    return this.withResponses(await this.pollRows(f));
  }

  /** `polls` in chunks of POLL_CHUNK polls (each with its responses), in (publication time, id) order: for exports of any size. */
  async *pollChunks(f: ActivityFilter & { kinds?: string[] }, size = POLL_CHUNK): AsyncGenerator<PollWithResponses[]> {
    for await (const rows of this.pollRowChunks(f, size)) yield await this.withResponses(rows);
  }

  private async rollcallResponses(calls: readonly RollcallRow[]): Promise<RollcallWithResponses[]> {
    if (calls.length === 0) return [];
    const responses = await this.db.selectFrom('rollcall_responses').selectAll().where('rollcall_id', 'in', calls.map((c) => c.id))
      .orderBy('responded_at').orderBy('id').execute();
    const byCall = new Map<number, RollcallResponseRow[]>();
    for (const r of responses) {
      const list = byCall.get(r.rollcall_id) ?? [];
      list.push(r);
      byCall.set(r.rollcall_id, list);
    }
    return calls.map((rollcall) => ({ rollcall, responses: byCall.get(rollcall.id) ?? [] }));
  }

  private async rollcallRows(f: ActivityFilter): Promise<RollcallRow[]> {
    return (await this.scope('rollcalls', 'started_at', f).execute()) as unknown as RollcallRow[];
  }

  /** Roll-calls started in the window, each with the people who answered. */
  async rollcalls(f: ActivityFilter): Promise<RollcallWithResponses[]> {
    return this.rollcallResponses(await this.rollcallRows(f));
  }

  /** `rollcalls` in chunks of POLL_CHUNK roll-calls (each with its responses), in (start time, id) order. */
  async *rollcallChunks(f: ActivityFilter, size = POLL_CHUNK): AsyncGenerator<RollcallWithResponses[]> {
    for await (const rows of inChunks((c: ActivityFilter) => this.rollcallRows(c), f, (r) => r.started_at, size)) yield await this.rollcallResponses(rows);
  }

  /**
   * The people in the room at any moment of [from, to], once each, with the name and role of their
   * latest participation in that span; people who only held one of `excludeRoles` are left out.
   */
  async participantsDuring(roomId: number, from: number, to: number, opts: { excludeRoles?: readonly string[] } = {}): Promise<Array<{ participantId: number; name: string; role: string }>> {
    // The database picks each person's first and latest counted participation (window functions over
    // the room's interval index), so only one row per person reaches JavaScript however long the class.
    const exclude = [...(opts.excludeRoles ?? [])];
    let inSpan = this.db.selectFrom('participations')
      .select([
        'participant_id', 'name', 'role',
        sql<number>`row_number() over (partition by participant_id order by joined_at desc, id desc)`.as('latest'),
        sql<number>`first_value(joined_at) over (partition by participant_id order by joined_at, id)`.as('first_joined'),
        sql<number>`first_value(id) over (partition by participant_id order by joined_at, id)`.as('first_id'),
      ])
      .where('room_id', '=', roomId).where('joined_at', '<=', to)
      .where((eb) => eb.or([eb('left_at', 'is', null), eb('left_at', '>=', from)]));
    // Only participations in a counted role make someone count; later ones update the name.
    if (exclude.length) inSpan = inSpan.where('role', 'not in', exclude);
    const rows = await this.db.selectFrom(inSpan.as('p')).select(['participant_id', 'name', 'role'])
      .where('latest', '=', 1).orderBy('first_joined').orderBy('first_id').execute();
    return rows.map((r) => ({ participantId: r.participant_id, name: r.name, role: r.role }));
  }

  /** Live sessions that ended inside [from, to] (inclusive), oldest end first, with their room's public id, number and title. */
  async sessionsEnded(f: { tenantId: string; roomId?: number; from: number; to: number }): Promise<Array<LiveSessionRow & { room_public_id: string; room_number: string; room_title: string }>> {
    let q = this.db.selectFrom('live_sessions').innerJoin('rooms', 'rooms.id', 'live_sessions.room_id')
      .selectAll('live_sessions').select(['rooms.public_id as room_public_id', 'rooms.number as room_number', 'rooms.title as room_title'])
      .where('live_sessions.tenant_id', '=', f.tenantId)
      .where('live_sessions.ended_at', '>=', f.from).where('live_sessions.ended_at', '<=', f.to);
    if (f.roomId !== undefined) q = q.where('live_sessions.room_id', '=', f.roomId);
    return q.orderBy('live_sessions.ended_at').orderBy('live_sessions.id').execute();
  }

  /** Participants by id (viewer ids and current names for exports), in one query per thousand ids. */
  async participantsByIds(tenantId: string, ids: Iterable<number>): Promise<Map<number, ParticipantRow>> {
    const unique = [...new Set(ids)];
    const out = new Map<number, ParticipantRow>();
    for (let i = 0; i < unique.length; i += 1000) {
      const rows = await this.db.selectFrom('participants').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', unique.slice(i, i + 1000)).execute();
      for (const r of rows) out.set(r.id, r);
    }
    return out;
  }

  /** The tenant's participant with this public viewer id (32 hex, any case). */
  participantByViewerId(tenantId: string, viewerId: string): Promise<ParticipantRow | undefined> {
    return this.db.selectFrom('participants').selectAll().where('tenant_id', '=', tenantId).where('viewer_id', '=', viewerId.toLowerCase()).executeTakeFirst();
  }

  /** Live sessions by id (public ids for exports that span several sessions). */
  async sessionsByIds(tenantId: string, ids: Iterable<number | null>): Promise<Map<number, LiveSessionRow>> {
    const unique = [...new Set([...ids].filter((id): id is number => id !== null))];
    const out = new Map<number, LiveSessionRow>();
    for (let i = 0; i < unique.length; i += 1000) {
      const rows = await this.db.selectFrom('live_sessions').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', unique.slice(i, i + 1000)).execute();
      for (const r of rows) out.set(r.id, r);
    }
    return out;
  }

  /**
   * One numbered page of the live sessions that started in [from, to) (half-open, so consecutive
   * windows never list a session twice), oldest first, with their room; plus the total count.
   */
  async sessionsStartedPage(f: { tenantId: string; roomId?: number; from: number; to: number; page: PageRequest }): Promise<NumberedPage<SessionWithRoom>> {
    let base = this.db.selectFrom('live_sessions').innerJoin('rooms', 'rooms.id', 'live_sessions.room_id')
      .where('live_sessions.tenant_id', '=', f.tenantId)
      .where('live_sessions.started_at', '>=', f.from).where('live_sessions.started_at', '<', f.to);
    if (f.roomId !== undefined) base = base.where('live_sessions.room_id', '=', f.roomId);
    return selectPage(base, base.selectAll('live_sessions')
      .select(['rooms.public_id as room_public_id', 'rooms.title as room_title', 'rooms.kind as room_kind', 'rooms.properties as room_properties'])
      .orderBy('live_sessions.started_at').orderBy('live_sessions.id'), f.page);
  }
}
