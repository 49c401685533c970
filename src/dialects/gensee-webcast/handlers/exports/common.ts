import type { ActivityFilter } from '../../../../core/activity.js';
import type { RoomRow } from '../../../../storage/schema.js';
import type { WebcastContext } from '../../context.js';
import { exportWindow, windowFilter, type WindowRule } from '../../../shared/gensee-window.js';
import { ownedWebcast } from '../../webcast-view.js';

/** The webcast an export reads (the caller's own, or any of the site for admins) and its window's filter. */
export async function exportScope(ctx: WebcastContext, rule: WindowRule): Promise<{ room: RoomRow; filter: ActivityFilter | undefined }> {
  // Parameters are checked before the webcast is looked up: a malformed request is a 101 whatever its id.
  const webcastId = ctx.params.string('webcastId', { required: true });
  const window = exportWindow(ctx, rule);
  const room = await ownedWebcast(ctx, webcastId);
  return { room, filter: await windowFilter(ctx, room, window) };
}

export { shown } from '../../../shared/gensee-lists.js';
