import { SESSION_EXPORT } from '../../../shared/gensee-window.js';
import { rollcallSummary } from '../../../shared/gensee-exports.js';
import { exportScope, type ExportContext } from './common.js';

/** 5.17 `/webcast/export/rollcall`: roll-calls initiated in the window, with who answered and who did not. */
export async function exportRollcalls(ctx: ExportContext) {
  const { room, filter } = await exportScope(ctx, SESSION_EXPORT);
  const calls = filter ? await ctx.services.activity.rollcalls(filter) : [];
  const rollcall = [];
  // A roll-call's `total` counts who answered plus the attendees in the webcast while it was open.
  for (const c of calls) rollcall.push(await rollcallSummary(ctx, room.id, c));
  return { rollcall };
}
