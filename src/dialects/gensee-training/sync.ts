import type { TimeWindow } from '../../core/media.js';
import type { NumberedPage, PageRequest } from '../../core/paging.js';
import type { JobState } from '../../jobs/queue.js';
import type { WithInput } from '../framework/dialect.js';
import { In } from '../framework/input.js';
import { genseePage } from '../shared/gensee-envelope.js';
import { mediaPage, PAGE_NO } from '../shared/gensee-lists.js';
import { creationWindow } from '../shared/gensee-window.js';
import type { TrainingContext } from './context.js';

/** The sync endpoints (5.10, 5.11, 5.22): optional creation-time bounds (required in Webcast), 50 a page. */
export const SYNC_INPUT = In.object({
  pageNo: PAGE_NO,
  startTime: In.optional(In.time({ description: 'Created at or after (inclusive)' })),
  endTime: In.optional(In.period({ description: 'Created at or before (inclusive: a time without seconds covers its whole minute, a date its whole day)' })),
});

/**
 * One page of a sync endpoint (5.10, 5.11, 5.22): the rows created in the window, the `page`
 * object, and the states of the conversion jobs the rows wait for.
 */
export async function syncPage<T>(
  ctx: WithInput<TrainingContext, typeof SYNC_INPUT>, fetch: (window: TimeWindow, page: PageRequest) => Promise<NumberedPage<T>>, jobOf: (row: T) => number | null = () => null,
): Promise<{ rows: T[]; page: ReturnType<typeof genseePage>; states: Map<number, JobState> }> {
  const page = mediaPage(ctx.input.pageNo);
  const result = await fetch(creationWindow(ctx.input), page);
  const states = await ctx.services.jobs.states(ctx.tenant.id, result.rows.map(jobOf));
  return { rows: result.rows, page: genseePage(page, result.total), states };
}
