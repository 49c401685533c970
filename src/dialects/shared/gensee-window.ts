import type { ActivityFilter } from '../../core/activity.js';
import type { TimeWindow } from '../../core/media.js';
import type { RoomRow } from '../../storage/schema.js';
import type { TimePeriod } from '../framework/input.js';
import { ParamProblem } from '../framework/params.js';
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

/**
 * The startTime/endTime an export or sync endpoint was sent. `endTime` is the span its text names:
 * a string has whole-second (or minute, or day) precision, so "≤ 10:00:00" includes 10:00:00.500;
 * epoch milliseconds are exact.
 */
export interface ExportRange {
  startTime?: number;
  endTime?: TimePeriod;
}

/** The last millisecond an `endTime` names. */
const inclusiveEnd = (end: TimePeriod): number => end.until - 1;

/**
 * Applies the export window rules to startTime/endTime (catalog §1.8 of both documents, decisions
 *
 * - neither given: the rule's default (the latest ended session, or no bound);
 * - only one given: with the 7-day limit the window runs 7 days from (or up to) the given bound;
 *   without it the other side is open;
 * - endTime before startTime, or more than 7 days apart: parameter error (101).
 */
export function exportWindow(range: ExportRange, rule: WindowRule): ExportWindow {
  const start = range.startTime;
  const end = range.endTime?.from;
  if (start === undefined && end === undefined) return rule.whenNoTimes === 'everything' ? { kind: 'range' } : { kind: 'latest-session' };
  const to = range.endTime === undefined ? undefined : inclusiveEnd(range.endTime);
  if (start !== undefined && end !== undefined) {
    checkSpan(start, end, rule);
    return { kind: 'range', from: start, to };
  }
  if (!rule.sevenDays) return { kind: 'range', from: start, to };
  return start !== undefined ? { kind: 'range', from: start, to: start + MAX_EXPORT_SPAN_MS } : { kind: 'range', from: end! - MAX_EXPORT_SPAN_MS, to };
}

/** Both bounds required (usage exports): the same order and span checks, no default. */
export function requiredWindow(range: Required<ExportRange>): { from: number; to: number } {
  checkSpan(range.startTime, range.endTime.from, SESSION_EXPORT);
  return { from: range.startTime, to: inclusiveEnd(range.endTime) };
}

/** A creation-time window of the sync and list endpoints: inclusive bounds, either side may be open. */
export function creationWindow(range: ExportRange): TimeWindow {
  const window = exportWindow(range, CREATION_WINDOW);
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
