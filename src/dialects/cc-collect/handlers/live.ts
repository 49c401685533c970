import type { CcContext, CcResult } from '../context.js';

/** 2 `/collect/live/usercount/`: distinct viewers of one live (re-entries count once). */
export async function liveUserCount(ctx: CcContext): Promise<CcResult> {
  const liveid = ctx.params.string('liveid', { required: true });
  const session = await ctx.services.sessions.byPublicId(ctx.tenant.id, liveid);
  const livecount = await ctx.services.attendance.distinctParticipants({ sessionId: session.id });
  return { data: { livecount } };
}
