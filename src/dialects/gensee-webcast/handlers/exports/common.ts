import type { ActivityFilter } from '../../../../core/activity.js';
import type { RoomRow } from '../../../../storage/schema.js';
import type { WithInput } from '../../../framework/dialect.js';
import { In } from '../../../framework/input.js';
import type { WebcastContext } from '../../context.js';
import { exportWindow, windowFilter, type WindowRule } from '../../../shared/gensee-window.js';
import { ownedWebcast } from '../../webcast-view.js';

const START = () => In.time({ description: 'Data at or after this time' });
const END = () => In.period({ description: 'Data at or before this time (a time without seconds covers its whole minute, a date its whole day)' });

/** 5.13–5.17, 5.34: the webcast, and an optional window (none: its latest ended session). */
export const EXPORT_INPUT = In.object({ webcastId: In.string(), startTime: In.optional(START()), endTime: In.optional(END()) });
/** 5.35: the window is required; without a webcast, every webcast of the site. */
export const USAGE_INPUT = In.object({ webcastId: In.optional(In.string()), startTime: START(), endTime: END() });

export type ExportContext = WithInput<WebcastContext, typeof EXPORT_INPUT>;

/** The webcast an export reads (the caller's own, or any of the site for admins) and its window's filter. */
export async function exportScope(ctx: ExportContext, rule: WindowRule): Promise<{ room: RoomRow; filter: ActivityFilter | undefined }> {
  // The window is checked before the webcast is looked up: a malformed request is a 101 whatever its id.
  const window = exportWindow(ctx.input, rule);
  const room = await ownedWebcast(ctx, ctx.input.webcastId);
  return { room, filter: await windowFilter(ctx, room, window) };
}

export { shown } from '../../../shared/gensee-lists.js';
