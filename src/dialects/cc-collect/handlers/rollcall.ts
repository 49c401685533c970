import { pageOffset } from '../../../core/paging.js';
import type { WithInput } from '../../framework/dialect.js';
import { In } from '../../framework/input.js';
import type { CcContext, CcResult } from '../context.js';
import { ccTime, LIVE_ID, liveOf, viewerIdOf } from './common.js';

export const MAX_ROLLCALL_PAGE = 500;
/** The document marks the paging parameters required; clients that leave them out get the first page of 50. */
export const ROLLCALL_INPUT = In.object({
  live_id: LIVE_ID,
  page_index: In.int({ min: 1, default: 1, description: 'The page number, 1-based' }),
  page_num: In.int({ min: 1, max: MAX_ROLLCALL_PAGE, default: 50, description: 'Rows per page' }),
});
/** Whoever runs the class is not roll-called. */
const NOT_ROLL_CALLED = ['host', 'assistant'] as const;

interface RollcallEntry {
  rollcallStartedAt: number;
  participantId: number;
  name: string;
  confirmedAt: number | null;
}

/**
 * 13 `/openapi/collect/rollcall/get`: per roll-call of one live, everyone who confirmed
 * (status 1, in confirmation order), then everyone else present during it who did not (status 0,
 * `confirm_time` ''). Paged by `page_index` / `page_num` (defaults 1 and 50, at most 500).
 */
export async function rollcallGet(ctx: WithInput<CcContext, typeof ROLLCALL_INPUT>): Promise<CcResult> {
  const live = await liveOf(ctx, ctx.input.live_id, { name: 'live_id' });
  const page = { pageNo: ctx.input.page_index, pageSize: ctx.input.page_num };
  const activity = ctx.services.activity;
  // Roll-calls in chunks; each contributes its entries (one per person) to the running count, and
  // only the entries that fall on the page are kept.
  const first = pageOffset(page);
  const rows: RollcallEntry[] = [];
  let total = 0;
  for await (const calls of activity.rollcallChunks({ tenantId: ctx.tenant.id, sessionId: live.id })) {
    for (const { rollcall, responses } of calls) {
      const entries: RollcallEntry[] = [];
      const confirmed = new Set<number>();
      for (const r of responses) {
        confirmed.add(r.participant_id);
        entries.push({ rollcallStartedAt: rollcall.started_at, participantId: r.participant_id, name: r.name, confirmedAt: r.responded_at });
      }
      const until = rollcall.ended_at ?? live.ended_at ?? Date.now();
      const present = await activity.participantsDuring(rollcall.room_id, rollcall.started_at, until, { excludeRoles: NOT_ROLL_CALLED });
      for (const p of present) {
        if (!confirmed.has(p.participantId)) entries.push({ rollcallStartedAt: rollcall.started_at, participantId: p.participantId, name: p.name, confirmedAt: null });
      }
      rows.push(...entries.slice(Math.max(0, first - total), Math.max(0, first + page.pageSize - total)));
      total += entries.length;
    }
  }
  const people = await activity.participantsByIds(ctx.tenant.id, rows.map((e) => e.participantId));
  const data = rows.map((e) => ({
    live_id: live.public_id,
    // CC's roll-call ids are the epoch milliseconds the roll-call started (catalog §1.4).
    roll_call_id: String(e.rollcallStartedAt),
    user_id: viewerIdOf(people, e.participantId),
    user_name: e.name,
    roll_call_status: e.confirmedAt === null ? 0 : 1,
    confirm_time: ccTime(e.confirmedAt, ctx.zone),
  }));
  return { data: { total, size: page.pageSize, current: page.pageNo, data } };
}
