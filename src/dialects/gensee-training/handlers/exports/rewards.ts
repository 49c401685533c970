import type { ActivityFilter } from '../../../../core/activity.js';
import { parseJsonObject } from '../../../../core/json.js';
import type { RewardRow } from '../../../../storage/schema.js';
import type { WithInput } from '../../../framework/dialect.js';
import { slicePage } from '../../../../core/paging.js';
import { genseePage } from '../../../shared/gensee-envelope.js';
import { listItem, mediaPage } from '../../../shared/gensee-lists.js';
import type { TrainingContext } from '../../context.js';
import { type DATE_RANGE_INPUT, daysOf, type EXPORT_INPUT, exportScope, type PAGED_EXPORT_INPUT } from './common.js';

/** Reward kinds each export reads (A-26): 点赞 is recorded as a like or a praise; 打赏 as a tip or a gift. */
const RED_PACKET = ['red_packet'];
const MEDAL = ['medal'];
const PRAISE = ['like', 'praise'];
const TIP = ['tip', 'gift'];

async function rewardsIn(ctx: TrainingContext, filter: ActivityFilter | undefined, kinds: string[]): Promise<RewardRow[]> {
  return filter ? ctx.services.activity.rewards({ ...filter, kinds }) : [];
}

/** Rows in first-seen order, grouped by a key. */
function groupBy<T>(rows: readonly T[], key: (r: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  return [...groups.values()];
}

const sum = (rows: readonly RewardRow[], value: (r: RewardRow) => number) => rows.reduce((n, r) => n + value(r), 0);

/**
 * How a red packet is recorded: each claim is a reward row (giver = issuer, receiver, amount). Rows
 * whose properties name the same `packet` are one packet, which may record its `type` (0 random,
 * 1 fixed, 2/3 targeted), its issued `total` amount and its `count` of packets; a row without a
 * packet is a packet of its own. A row without a receiver records an issue nobody claimed yet.
 */
function redPacket(rows: RewardRow[]) {
  const first = rows[0];
  const props = parseJsonObject(first.properties);
  const claims = rows.filter((r) => r.receiver_participant_id !== null);
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const type = num(props.type);
  return listItem({
    userName: first.giver_name,
    issueTime: Math.min(...rows.map((r) => r.created_at)),
    type: type !== undefined && [0, 1, 2, 3].includes(type) ? type : undefined,
    amount: num(props.total) ?? sum(claims, (r) => r.amount),
    number: num(props.count) ?? claims.length,
    receiveAmount: sum(claims, (r) => r.amount),
    receiveNumber: claims.length,
    users: claims.map((r) => listItem({ userId: r.receiver_participant_id, userName: r.receiver_name, receiveTime: r.created_at, amount: r.amount })),
  });
}

/** 5.33 `/training/export/redpacket`: red packets issued in the window, each with who claimed how much (amounts as recorded, A-26). */
export async function exportRedPackets(ctx: WithInput<TrainingContext, typeof EXPORT_INPUT>) {
  const { filter } = await exportScope(ctx);
  const rows = await rewardsIn(ctx, filter, RED_PACKET);
  const packets = groupBy(rows, (r) => {
    const packet = parseJsonObject(r.properties).packet;
    return typeof packet === 'string' || typeof packet === 'number' ? `p:${packet}` : `r:${r.id}`;
  });
  return { redpacket: packets.map(redPacket) };
}

/**
 * Per person and session, how many rewards (quantities summed): the issuer's medals (5.34) or the
 * receiver's praise (5.35); `roomStartTime` is the session's start (left out outside a session).
 * One pass over the rewards in chunks, keeping one tally per person and session (in first-seen
 * order, named as in their latest reward), so memory grows with people, not with rewards.
 */
async function tallies(ctx: WithInput<TrainingContext, typeof PAGED_EXPORT_INPUT>, kinds: string[], side: 'giver' | 'receiver', key: 'medalDtos' | 'praiseDtos') {
  const { filter } = await exportScope(ctx);
  const person = (r: RewardRow) => (side === 'giver' ? { id: r.giver_participant_id, name: r.giver_name } : { id: r.receiver_participant_id, name: r.receiver_name });
  const groups = new Map<string, { who: { id: number | null; name: string | null }; count: number; sessionId: number | null }>();
  if (filter) {
    for await (const rows of ctx.services.activity.rewardChunks({ ...filter, kinds })) {
      for (const r of rows) {
        const who = person(r);
        const k = `${r.session_id}|${who.id ?? `name:${who.name}`}`;
        const g = groups.get(k);
        if (g) {
          g.who = who;
          g.count += r.quantity;
        } else groups.set(k, { who, count: r.quantity, sessionId: r.session_id });
      }
    }
  }
  const page = mediaPage(ctx.input.pageNo);
  const result = slicePage([...groups.values()], page);
  const sessions = await ctx.services.activity.sessionsByIds(ctx.tenant.id, result.rows.map((g) => g.sessionId));
  const rows = result.rows.map((g) => listItem({
    userName: g.who.name, userId: g.who.id, count: g.count, roomStartTime: g.sessionId === null ? undefined : sessions.get(g.sessionId)?.started_at,
  }));
  return { [key]: rows, page: genseePage(page, result.total) };
}

/** 5.34 `/training/export/medal`: medals given in the window, per issuer and session, 50 a page. */
export const exportMedals = (ctx: WithInput<TrainingContext, typeof PAGED_EXPORT_INPUT>) => tallies(ctx, MEDAL, 'giver', 'medalDtos');

/** 5.35 `/training/export/praise`: praise (点赞) received in the window, per receiver and session, 50 a page. */
export const exportPraise = (ctx: WithInput<TrainingContext, typeof PAGED_EXPORT_INPUT>) => tallies(ctx, PRAISE, 'receiver', 'praiseDtos');

/** 5.42 `/training/export/praise/detail`: every praise given in the window, oldest first, 50 a page. */
export async function exportPraiseDetail(ctx: WithInput<TrainingContext, typeof PAGED_EXPORT_INPUT>) {
  const { filter } = await exportScope(ctx);
  const page = mediaPage(ctx.input.pageNo);
  // The database cuts the page from the (time, id) order.
  const result = filter ? await ctx.services.activity.rewardsPage({ ...filter, kinds: PRAISE }, page) : { rows: [], total: 0 };
  return {
    praiseDtos: result.rows.map((r) => listItem({
      userId: r.giver_participant_id,
      userName: r.giver_name,
      actionTime: r.created_at,
      targetUserId: r.receiver_participant_id,
      targetUserName: r.receiver_name,
    })),
    page: genseePage(page, result.total),
  };
}

/**
 * 5.39 `/training/export/reward`: tips (打赏) given from startDate to endDate (≤ 30 days), one row
 * per class (session) that received any, oldest first: the room's subject, the class's start and
 * end, the total, and each receiving speaker's share. Tips outside a class form one row per room.
 */
export async function exportTips(ctx: WithInput<TrainingContext, typeof DATE_RANGE_INPUT>) {
  const days = daysOf(ctx);
  // One pass in chunks, keeping a running sum per class and per speaker (first-seen order).
  const classes = new Map<string, { roomId: number; sessionId: number | null; total: number; speakers: Map<string, { name: string | null; reward: number }> }>();
  for await (const rows of ctx.services.activity.rewardChunks({ tenantId: ctx.tenant.id, from: days[0].from, to: days[days.length - 1].to, kinds: TIP })) {
    for (const r of rows) {
      const k = r.session_id === null ? `room:${r.room_id}` : `session:${r.session_id}`;
      let c = classes.get(k);
      if (!c) classes.set(k, (c = { roomId: r.room_id, sessionId: r.session_id, total: 0, speakers: new Map() }));
      c.total += r.amount;
      const sk = String(r.receiver_participant_id ?? `name:${r.receiver_name}`);
      const speaker = c.speakers.get(sk);
      if (speaker) speaker.reward += r.amount;
      else c.speakers.set(sk, { name: r.receiver_name, reward: r.amount });
    }
  }
  const sessions = await ctx.services.activity.sessionsByIds(ctx.tenant.id, [...classes.values()].map((c) => c.sessionId));
  const list = [];
  for (const c of classes.values()) {
    const room = await ctx.services.rooms.find(ctx.tenant.id, { id: c.roomId });
    const session = c.sessionId === null ? undefined : sessions.get(c.sessionId);
    list.push(listItem({
      subject: room?.title,
      startDate: session?.started_at,
      endDate: session?.ended_at,
      totalReward: c.total,
      speakerInfoList: [...c.speakers.values()].map((sp) => listItem({ speakerName: sp.name, speakerReward: sp.reward })),
    }));
  }
  return { list };
}
