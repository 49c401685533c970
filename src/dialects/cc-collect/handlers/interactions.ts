import { createHash } from 'node:crypto';
import { pollDefinition, type PollWithResponses } from '../../../core/activity.js';
import type { PollQuestion } from '../../../core/ingestion.js';
import type { LiveSessionRow, PollRow, RoomRow } from '../../../storage/schema.js';
import type { CcContext, CcResult } from '../context.js';
import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import { pageOffset, type PageRequest } from '../../../core/paging.js';
import { ccRoomId, ccTime, LIVE_ID, liveOf, pageRequest, pagedResult, RECORD_PAGING, ROOM_ID, roomOf, viewerIdOf, type People } from './common.js';

/** Endpoints 7–9: a room, optionally one of its lives (C-17), paged. */
export const POLL_HISTORY_INPUT = In.object({ roomid: ROOM_ID, liveid: In.optional(LIVE_ID), ...RECORD_PAGING });
type PollHistoryContext = WithInput<CcContext, typeof POLL_HISTORY_INPUT>;

/**
 * One CC vote / answer card / brainstorm is one question: a Lectern poll with several questions
 * becomes several items, one per question, in the poll's order. A poll without questions is one item.
 */
interface PollItem {
  poll: PollWithResponses;
  question: PollQuestion | undefined;
}

interface PollHistory {
  room: RoomRow;
  items: PollItem[];
  total: number;
  people: People;
  lives: Map<number, LiveSessionRow>;
  page: PageRequest;
  ctx: CcContext;
}

/** A poll's items: one per question, or one for a poll without questions. */
const itemsOf = (poll: PollWithResponses): PollItem[] =>
  poll.definition.questions.length ? poll.definition.questions.map((question) => ({ poll, question })) : [{ poll, question: undefined }];

/**
 * The polls of one kind in a room, or in one of its lives when `liveid` is sent (without it, every
 * live of the room and anything published outside a live: C-17), oldest first, one page of items.
 * The polls are read in chunks without their responses, counting items; only the polls of the page
 * keep their rows and get their responses read, so an answer costs a page, not the room's history.
 */
async function pollHistory(ctx: PollHistoryContext, kind: string): Promise<PollHistory> {
  const room = await roomOf(ctx, ctx.input.roomid);
  const live = ctx.input.liveid === undefined ? undefined : await liveOf(ctx, ctx.input.liveid, { room });
  const page = pageRequest(ctx.input);
  const activity = ctx.services.activity;
  const first = pageOffset(page);
  const onPage: PollRow[] = [];
  /** The index of the first item of the first poll kept. */
  let keptFrom = 0;
  let total = 0;
  for await (const rows of activity.pollRowChunks({ tenantId: ctx.tenant.id, roomId: room.id, sessionId: live?.id, kinds: [kind] })) {
    for (const row of rows) {
      const count = Math.max(1, pollDefinition(row).questions.length);
      if (total + count > first && total < first + page.pageSize) {
        if (onPage.length === 0) keptFrom = total;
        onPage.push(row);
      }
      total += count;
    }
  }
  // The page's first and last polls may hold items outside it: cut at the page's own bounds.
  const kept = (await activity.withResponses(onPage)).flatMap(itemsOf);
  const items = kept.slice(first - keptFrom, first - keptFrom + page.pageSize);
  const ids = items.flatMap(({ poll }) => [...(poll.poll.publisher_participant_id === null ? [] : [poll.poll.publisher_participant_id]), ...poll.responses.map((r) => r.participant_id)]);
  const people = await activity.participantsByIds(ctx.tenant.id, ids);
  const lives = await activity.sessionsByIds(ctx.tenant.id, items.map(({ poll }) => poll.poll.session_id));
  return { room, items, total, people, lives, ctx, page };
}

/** A stable 32-hex id for one item (CC's ids look like this); derived, so nothing new is stored. */
function itemId({ poll, question }: PollItem): string {
  return createHash('md5').update(`poll:${poll.poll.id}:${question?.id ?? 0}`).digest('hex');
}

/** The item's title: the poll's, unless the poll holds several questions and each item is one of them. */
const itemTitle = ({ poll, question }: PollItem): string =>
  poll.definition.questions.length > 1 && question?.content ? question.content : poll.poll.title;

/** The publisher and where, as votes and brainstorms show them. */
function publishedBy(h: PollHistory, item: PollItem) {
  const p = item.poll.poll;
  return {
    publish_time: ccTime(p.published_at, h.ctx.zone),
    roomid: ccRoomId(h.room),
    uid: viewerIdOf(h.people, p.publisher_participant_id),
    liveid: liveIdOf(h, item),
    uname: p.publisher_name ?? '',
  };
}

const liveIdOf = (h: PollHistory, item: PollItem): string =>
  item.poll.poll.session_id === null ? '' : h.lives.get(item.poll.poll.session_id)?.public_id ?? '';

/** Chosen option ids → CC's 0-based option indexes, ascending; unknown ids are dropped. */
function optionIndexes(question: PollQuestion | undefined, answer: number[] | string | undefined): number[] | undefined {
  if (!Array.isArray(answer)) return undefined;
  if (!question) return [];
  return answer.map((id) => question.options.findIndex((o) => o.id === id)).filter((i) => i >= 0).sort((a, b) => a - b);
}

/** A response's answer to the item's question (for a poll without questions: its first answer). */
function answerTo(answers: Record<string, number[] | string>, question: PollQuestion | undefined) {
  return question ? answers[String(question.id)] : Object.values(answers)[0];
}

const styleOf = (question: PollQuestion | undefined): number => (question?.type === 'multi' ? 1 : 0);

/** 7 `/collect/brainstom/record` (sic): brainstorms with their free-text replies; the id field is `brainsstom_id` (sic). */
export async function brainstormRecord(ctx: PollHistoryContext): Promise<CcResult> {
  const h = await pollHistory(ctx, 'brainstorm');
  const data = h.items.map((item) => {
    const by = publishedBy(h, item);
    const definitionContent = item.poll.definition.content;
    return {
      reply_data: item.poll.responses.flatMap((r) => {
        const answer = answerTo(r.parsed, item.question);
        return typeof answer === 'string' ? [{ content: answer, uid: viewerIdOf(h.people, r.participant_id), uname: r.name }] : [];
      }),
      publish_data: {
        content: item.question?.content ?? (typeof definitionContent === 'string' ? definitionContent : ''),
        brainsstom_id: itemId(item),
        publish_time: by.publish_time,
        roomid: by.roomid,
        title: itemTitle(item),
        uid: by.uid,
        liveid: by.liveid,
        uname: by.uname,
      },
    };
  });
  return pagedResult(data, h.total, h.page);
}

/** 8 `/collect/vote/record`: votes with each voter's chosen option indexes (0-based). */
export async function voteRecord(ctx: PollHistoryContext): Promise<CcResult> {
  const h = await pollHistory(ctx, 'vote');
  const data = h.items.map((item) => {
    const by = publishedBy(h, item);
    return {
      reply_data: item.poll.responses.flatMap((r) => {
        const choices = optionIndexes(item.question, answerTo(r.parsed, item.question));
        return choices ? [{ uid: viewerIdOf(h.people, r.participant_id), choices, uname: r.name }] : [];
      }),
      publish_data: {
        style: styleOf(item.question),
        choices: item.question?.options.map((o) => o.value) ?? [],
        publish_time: by.publish_time,
        roomid: by.roomid,
        vote_id: itemId(item),
        title: itemTitle(item),
        uid: by.uid,
        liveid: by.liveid,
        uname: by.uname,
      },
    };
  });
  return pagedResult(data, h.total, h.page);
}

/**
 * 9 `//collect/answercard/record`: answer cards with the correct indexes (`[-1]` when the teacher
 * marked none) and each answer with its time. The shape is the document's: no roomid/title/uname (C-9).
 */
export async function answerCardRecord(ctx: PollHistoryContext): Promise<CcResult> {
  const h = await pollHistory(ctx, 'answer_card');
  const data = h.items.map((item) => {
    const options = item.question?.options ?? [];
    const correct = options.flatMap((o, i) => (o.correct ? [i] : []));
    return {
      publish_data: {
        qvote_id: itemId(item),
        uid: viewerIdOf(h.people, item.poll.poll.publisher_participant_id),
        style: styleOf(item.question),
        count: options.length,
        publish_time: ccTime(item.poll.poll.published_at, ctx.zone),
        liveid: liveIdOf(h, item),
        correct: correct.length ? correct : [-1],
      },
      reply_data: item.poll.responses.flatMap((r) => {
        const choice = optionIndexes(item.question, answerTo(r.parsed, item.question));
        return choice ? [{ uid: viewerIdOf(h.people, r.participant_id), choice, reply_time: ccTime(r.submitted_at, ctx.zone) }] : [];
      }),
    };
  });
  return pagedResult(data, h.total, h.page);
}
