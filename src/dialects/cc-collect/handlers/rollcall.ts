import { slicePage } from '../../../core/paging.js';
import { readPage, type PagingParams } from '../../framework/paging.js';
import type { CcContext, CcResult } from '../context.js';
import { ccTime, liveOf, viewerIdOf } from './common.js';

export const MAX_ROLLCALL_PAGE = 500;
const ROLLCALL_PAGING: PagingParams = { page: 'page_index', size: { param: 'page_num', default: 50, max: MAX_ROLLCALL_PAGE, aboveMax: 'refuse' } };
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
export async function rollcallGet(ctx: CcContext): Promise<CcResult> {
  const live = await liveOf(ctx, 'live_id');
  const page = readPage(ctx.params, ROLLCALL_PAGING);
  const activity = ctx.services.activity;
  const calls = await activity.rollcalls({ tenantId: ctx.tenant.id, sessionId: live.id });
  const entries: RollcallEntry[] = [];
  for (const { rollcall, responses } of calls) {
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
  }
  const { rows, total } = slicePage(entries, page);
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
