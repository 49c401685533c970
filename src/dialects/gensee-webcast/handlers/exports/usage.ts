import type { WithInput } from '../../../framework/dialect.js';
import type { WebcastContext } from '../../context.js';
import { requiredWindow } from '../../../shared/gensee-window.js';
import { ownedWebcast } from '../../webcast-view.js';
import type { USAGE_INPUT } from './common.js';

/**
 * 5.35 `/webcast/export/usage` (admin): live sessions whose end time is in [startTime, endTime].
 * Without `webcastId` it covers every webcast of the site, so each row also names its `webcastId`
 * (catalog A-24: the documented rows alone cannot be attributed). Sessions of webcasts deleted
 * since are still listed: the usage happened.
 */
export async function exportUsage(ctx: WithInput<WebcastContext, typeof USAGE_INPUT>) {
  const { webcastId } = ctx.input;
  const { from, to } = requiredWindow(ctx.input);
  const room = webcastId === undefined ? undefined : await ownedWebcast(ctx, webcastId);
  const sessions = await ctx.services.activity.sessionsEnded({ tenantId: ctx.tenant.id, roomId: room?.id, from, to });
  return { list: sessions.map((s) => ({ id: s.id, startTime: s.started_at, endTime: s.ended_at, webcastId: s.room_public_id })) };
}
