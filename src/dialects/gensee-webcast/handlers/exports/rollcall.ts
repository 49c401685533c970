import { SESSION_EXPORT } from '../../../shared/gensee-window.js';
import { streamedList } from '../../../framework/streamed-envelope.js';
import { rollcallSummaries } from '../../../shared/gensee-exports.js';
import { exportScope, type ExportContext } from './common.js';

/** 5.17 `/webcast/export/rollcall`: roll-calls initiated in the window, with who answered and who did not. */
export async function exportRollcalls(ctx: ExportContext) {
  const { room, filter } = await exportScope(ctx, SESSION_EXPORT);
  if (!filter) return { rollcall: [] };
  // A roll-call's `total` counts who answered plus the attendees in the webcast while it was open.
  return { rollcall: streamedList(ctx.services.activity.rollcallChunks(filter), (calls) => rollcallSummaries(ctx, room.id, calls)) };
}
