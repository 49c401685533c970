import { DateTime } from 'luxon';
import type { ActivityFilter } from '../../core/activity.js';
import type { TimeWindow } from '../../core/media.js';
import type { RoomRow } from '../../storage/schema.js';
import { ParamProblem } from '../framework/params.js';
import { genseeTime } from './gensee-time.js';
import type { GenseeContext } from './gensee-auth.js';

/** §1.8 of both documents: "开始时间和结束时间间隔不能超过7天". Exactly seven days is still allowed. */
export const MAX_EXPORT_SPAN_MS = 7 * 86_400_000;

/**
 * Which records an export covers: a `range` with inclusive bounds (data ≥ startTime, ≤ endTime),
 * or the room's most recently ended live session (场次).
 */
export type ExportWindow = { kind: 'range'; from?: number; to?: number } | { kind: 'latest-session' };

export interface WindowRule {
  /** The 7-day limit between startTime and endTime. */
  sevenDays: boolean;
  /** With no times at all: the most recently ended session, or no bound. */
  whenNoTimes: 'latest-session' | 'everything';
}

/** The exports the documents give the 7-day limit and the latest-session default (most of them). */
export const SESSION_EXPORT: WindowRule = { sevenDays: true, whenNoTimes: 'latest-session' };
/** Webcast 5.15 survey: the document states neither rule (Webcast A-9). */
export const SURVEY_EXPORT: WindowRule = { sevenDays: false, whenNoTimes: 'everything' };
/** The sync and list windows on creation time state no maximum span; a missing bound is open. */
export const CREATION_WINDOW: WindowRule = { sevenDays: false, whenNoTimes: 'everything' };

/** startTime/endTime as sent, decoded (epoch ms of the start of what each names). */
export interface SentTimes {
  start?: number;
  end?: number;
}

const STRING_UNITS: ReadonlyArray<[string, 'second' | 'minute' | 'day']> = [
  ['yyyy-MM-dd HH:mm:ss', 'second'],
  ['yyyy-MM-dd HH:mm', 'minute'],
  ['yyyy-MM-dd', 'day'],
];

/**
 * The last millisecond an `endTime` names. A string has whole-second (or minute, or day) precision,
 * so "≤ 10:00:00" includes 10:00:00.500; epoch milliseconds are exact. The precision is the sent
 * text's, which the decoded value no longer carries, so the raw parameter is read here.
 */
function inclusiveEnd(ctx: GenseeContext, endMs: number): number {
  const text = ctx.params.string('endTime') ?? '';
  if (/^\d{10,}$/.test(text)) return endMs;
  for (const [format, unit] of STRING_UNITS) {
    const d = DateTime.fromFormat(text, format, { zone: ctx.zone });
    if (d.isValid) return d.endOf(unit).toMillis();
  }
  return endMs;
}

/**
 * Applies the export window rules (catalog §1.8 of both documents, decisions) to the
 * decoded startTime/endTime:
 * - neither given: the rule's default (the latest ended session, or no bound);
 * - only one given: with the 7-day limit the window runs 7 days from (or up to) the given bound;
 *   without it the other side is open;
 * - endTime before startTime, or more than 7 days apart: parameter error (101).
 */
export function exportWindowOf(ctx: GenseeContext, sent: SentTimes, rule: WindowRule): ExportWindow {
  const { start, end } = sent;
  if (start === undefined && end === undefined) return rule.whenNoTimes === 'everything' ? { kind: 'range' } : { kind: 'latest-session' };
  const to = end === undefined ? undefined : inclusiveEnd(ctx, end);
  if (start !== undefined && end !== undefined) {
    checkSpan(start, end, rule);
    return { kind: 'range', from: start, to };
  }
  if (!rule.sevenDays) return { kind: 'range', from: start, to };
  return start !== undefined ? { kind: 'range', from: start, to: start + MAX_EXPORT_SPAN_MS } : { kind: 'range', from: end! - MAX_EXPORT_SPAN_MS, to };
}

/** Reads startTime/endTime from the raw parameters (endpoints without an input schema), then `exportWindowOf`. */
export function exportWindow(ctx: GenseeContext, rule: WindowRule): ExportWindow {
  return exportWindowOf(ctx, { start: genseeTime(ctx.params, 'startTime', ctx.zone), end: genseeTime(ctx.params, 'endTime', ctx.zone) }, rule);
}

/** Both bounds required (usage exports): the same order and span checks, no default. */
export function requiredWindowOf(ctx: GenseeContext, start: number, end: number): { from: number; to: number } {
  checkSpan(start, end, SESSION_EXPORT);
  return { from: start, to: inclusiveEnd(ctx, end) };
}

/** Reads both required bounds from the raw parameters, then `requiredWindowOf`. */
export function requiredWindow(ctx: GenseeContext): { from: number; to: number } {
  const start = genseeTime(ctx.params, 'startTime', ctx.zone, { required: true });
  const end = genseeTime(ctx.params, 'endTime', ctx.zone, { required: true });
  return requiredWindowOf(ctx, start, end);
}

/** A creation-time window of the sync endpoints, from decoded bounds: inclusive, either side may be open. */
export function creationWindowOf(ctx: GenseeContext, sent: SentTimes): TimeWindow {
  const window = exportWindowOf(ctx, sent, CREATION_WINDOW);
  return window.kind === 'range' ? { from: window.from, to: window.to } : {};
}

function checkSpan(start: number, end: number, rule: WindowRule): void {
  if (end < start) throw new ParamProblem('endTime', 'out_of_range', 'endTime must not be before startTime');
  if (rule.sevenDays && end - start > MAX_EXPORT_SPAN_MS) {
    throw new ParamProblem('endTime', 'out_of_range', 'startTime and endTime must be at most 7 days apart');
  }
}

/**
 * The activity filter for a window of this room, or undefined when the window holds nothing:
 * the latest-session default of a room that has no ended session yet (catalog A-10).
 */
export async function windowFilter(ctx: GenseeContext, room: RoomRow, w: ExportWindow): Promise<ActivityFilter | undefined> {
  const base = { tenantId: ctx.tenant.id, roomId: room.id };
  if (w.kind === 'range') return { ...base, from: w.from, to: w.to };
  const session = await ctx.services.sessions.latestEnded(room.id);
  return session ? { ...base, sessionId: session.id } : undefined;
}
