import { DateTime } from 'luxon';
import type { ListedView } from '../../core/media.js';
import type { DocumentRow, RecordingRow } from '../../storage/schema.js';
import type { GenseeContext } from './gensee-auth.js';
import { genseeError } from './gensee-errors.js';

/** Every id must be a recording of the site, or nothing is done (501 naming the unknown ones). */
export async function siteRecordings(ctx: GenseeContext, ids: readonly number[]): Promise<RecordingRow[]> {
  const found = await ctx.services.media.recordings(ctx.tenant.id, ids);
  const known = new Set(found.map((r) => r.id));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length) throw genseeError('NOT_FOUND', `recording ${[...new Set(missing)].join(', ')} does not exist`);
  return found;
}

/** A server document of the site by its numeric id (undefined: the sent text named no number). */
export async function siteDocument(ctx: GenseeContext, id: number | undefined, sent: string | number): Promise<DocumentRow> {
  const doc = id === undefined ? undefined : await ctx.services.media.document(ctx.tenant.id, id);
  if (!doc) throw genseeError('NOT_FOUND', `document "${sent}" does not exist`);
  return doc;
}

/**
 * The window of the daily VOD access exports (Webcast 5.33, Training 5.25): the calendar day of
 * `date` in the site's zone (a time in `date` only picks the day), or one `hour` (0–23) of it.
 */
export function dayWindow(date: number, hour: number | undefined, zone: string): { from: number; to: number } {
  const day = DateTime.fromMillis(date, { zone }).startOf('day');
  const from = hour === undefined ? day : day.plus({ hours: hour });
  const until = hour === undefined ? day.plus({ days: 1 }) : from.plus({ hours: 1 });
  return { from: from.toMillis(), to: until.toMillis() - 1 };
}

/** The watched time of a viewing in whole seconds, as text; a viewer still watching has none yet. */
export const watchedSeconds = (v: { started_at: number; left_at: number | null }): string | null =>
  (v.left_at === null ? null : String(Math.round((v.left_at - v.started_at) / 1000)));

/** The fields both daily VOD access exports give a viewing (the viewer's id as a String). */
export const viewingFields = (v: ListedView) => ({
  uid: String(v.participant_id),
  startTime: v.started_at,
  leaveTime: v.left_at,
  name: v.name,
  duration: watchedSeconds(v),
});
