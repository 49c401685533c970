import type { WithInput } from '../../framework/dialect.js';
import { streamedList } from '../../framework/streamed-envelope.js';
import { In } from '../../framework/input.js';
import { ParamProblem } from '../../framework/params.js';
import type { BaijiayunContext } from '../context.js';
import { bjyTime, DATE, dayAt, dayOf, isLongTerm, peopleOf, ROOM_ID, roomByNumber, userNumberOf, userRole, type Window } from './data-common.js';

/** Chat older than this cannot be exported (catalog API 18). */
export const CHAT_EXPORT_DAYS = 14;
const DAY_MS = 86_400_000;

export const EXPORT_CHAT_INPUT = In.object({
  room_id: ROOM_ID(),
  date: In.optional(DATE('The day to export; default: a long-term room\'s latest class day, a short-term room\'s whole class')),
});

/**
 * The window of 18: within the last two weeks, the day asked for; without a date, a long-term
 * room's latest class day, or a short-term room's whole class. A day entirely older than two weeks
 * is refused (1001), as the vendor can no longer export it.
 */
async function chatWindow(ctx: WithInput<BaijiayunContext, typeof EXPORT_CHAT_INPUT>, roomId: number, longTerm: boolean, now: number): Promise<Window | undefined> {
  const oldest = now - CHAT_EXPORT_DAYS * DAY_MS;
  const clip = (w: Window): Window => ({ from: Math.max(w.from, oldest), to: Math.min(w.to, now) });
  if (ctx.input.date !== undefined) {
    const day = dayOf('date', ctx.input.date, ctx.zone);
    if (day.to < oldest) throw new ParamProblem('date', 'out_of_range', `date ${ctx.input.date} is more than ${CHAT_EXPORT_DAYS} days ago: only the last ${CHAT_EXPORT_DAYS} days of chat can be exported`);
    return clip(day);
  }
  if (!longTerm) return clip({ from: oldest, to: now });
  const sessions = await ctx.services.sessions.ofRoom(roomId);
  const latest = sessions[sessions.length - 1];
  return latest ? clip(dayAt(latest.started_at, ctx.zone)) : undefined;
}

/** 18 `/openapi/room_data/exportChatMsg`: the room's public chat in the window, oldest first. */
export async function exportChatMsg(ctx: WithInput<BaijiayunContext, typeof EXPORT_CHAT_INPUT>) {
  const room = await roomByNumber(ctx, ctx.input.room_id);
  const window = await chatWindow(ctx, room.id, isLongTerm(room), Date.now());
  if (!window || window.from > window.to) return { list: [] };
  const chunks = ctx.services.activity.chatChunks({ tenantId: ctx.tenant.id, roomId: room.id, ...window, publicOnly: true });
  return {
    list: streamedList(chunks, async (chunk) => {
      const people = await peopleOf(ctx, chunk.map((m) => m.sender_participant_id));
      return chunk.map((m) => ({ time: bjyTime(m.sent_at, ctx.zone), user_number: userNumberOf(people, m.sender_participant_id), user_role: userRole(m.sender_role), user_name: m.sender_name, content: m.content }));
    }),
  };
}
