import { DateTime } from 'luxon';
import { compiledFormat, localTimestamp, type PeriodUnit } from './wall-clock-format.js';

export type { PeriodUnit } from './wall-clock-format.js';

const QUARTER_HOUR = 900_000;
const offsets = new Map<string, number>();

/**
 * The zone's UTC offset (minutes) at `ms`. Zone rules change offsets at whole local hours and by
 * multiples of 15 minutes, so the offset is constant within each 15-minute UTC slot: it is asked of
 * the time-zone database once per slot and zone, and remembered (formatting sits on hot paths).
 */
function offsetAt(ms: number, zone: string): number {
  const key = `${zone}|${Math.floor(ms / QUARTER_HOUR)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = DateTime.fromMillis(Math.floor(ms / QUARTER_HOUR) * QUARTER_HOUR, { zone }).offset;
    if (offsets.size >= 100_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

function wallClock(ms: number, zone: string): Date {
  return new Date(ms + offsetAt(ms, zone) * 60_000);
}

function datePart(d: Date): string {
  const y = d.getUTCFullYear();
  return `${y < 1000 ? String(y).padStart(4, '0') : y}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** `yyyy-MM-dd HH:mm:ss` in the given zone. */
export function formatDateTime(ms: number, zone: string): string {
  const d = wallClock(ms, zone);
  return `${datePart(d)} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/** `yyyy-MM-dd` in the given zone. */
export function formatDate(ms: number, zone: string): string {
  return datePart(wallClock(ms, zone));
}

const FORMATS = ['yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm', 'yyyy-MM-dd'] as const;

/**
 * Parses a wall-clock datetime string in the zone, in one of the given formats
 * (default: with seconds, without seconds, date only). Returns undefined when none fits.
 */
export function parseDateTime(text: string, zone: string, formats: readonly string[] = FORMATS): number | undefined {
  return parseWallClock(text.trim(), zone, formats)?.ms;
}

/** Start of the calendar day containing `ms`, in the zone. */
export function startOfDay(ms: number, zone: string): number {
  return DateTime.fromMillis(ms, { zone }).startOf('day').toMillis();
}

export function isValidZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}

/**
 * The span of time a text names: `2024-03-01` is a whole day, `2024-03-01 10:00` a whole minute,
 * `2024-03-01 10:00:00` a whole second. `from` is its first millisecond, `until` the first one after it.
 */
export interface TimePeriod {
  from: number;
  until: number;
  unit: PeriodUnit;
}

const UNIT_MS: Record<Exclude<PeriodUnit, 'day'>, number> = { millisecond: 1, second: 1_000, minute: 60_000, hour: 3_600_000 };

/**
 * The instant a wall-clock time names in the zone, given a first guess of the zone's offset there;
 * returns it with the offset in force. Wall-clock times a DST change skips move forward by the
 * change, repeated ones resolve as the guess leads. This is luxon's `fixOffset`, step for step, so
 * both agree on every text (the offsets come from `offsetAt`'s cache instead of Intl).
 */
function resolveWallClock(localTs: number, guess: number, zone: string): [ms: number, offset: number] {
  let utc = localTs - guess * 60_000;
  const o2 = offsetAt(utc, zone);
  if (o2 === guess) return [utc, guess];
  utc -= (o2 - guess) * 60_000;
  const o3 = offsetAt(utc, zone);
  if (o2 === o3) return [utc, o2];
  return [localTs - Math.min(o2, o3) * 60_000, Math.max(o2, o3)];
}

interface ParsedWallClock {
  ms: number;
  /** The zone's offset (minutes) at `ms`. */
  offset: number;
  unit: PeriodUnit;
}

/** The first of the formats the text fits, resolved in the zone. */
function parseWallClock(text: string, zone: string, formats: readonly string[]): ParsedWallClock | undefined {
  for (const format of formats) {
    const compiled = compiledFormat(format);
    if (!compiled) {
      const d = DateTime.fromFormat(text, format, { zone });
      if (d.isValid) return { ms: d.toMillis(), offset: d.offset, unit: unitOfFormat(format) };
      continue;
    }
    const fields = compiled.read(text);
    if (!fields) continue;
    // luxon's first guess is the zone's offset now; starting from the same guess, repeated
    // wall-clock times (autumn) resolve to the same instant as before.
    const guess = offsetAt(Date.now(), zone);
    if (Number.isNaN(guess)) return undefined; // not a zone
    const [ms, offset] = resolveWallClock(localTimestamp(fields), guess, zone);
    return { ms, offset, unit: compiled.unit };
  }
  return undefined;
}

/** The unit of a format luxon parses for us (one with tokens not compiled here). */
function unitOfFormat(format: string): PeriodUnit {
  if (format.includes('S')) return 'millisecond';
  if (format.includes('s')) return 'second';
  if (format.includes('m')) return 'minute';
  if (format.includes('H')) return 'hour';
  return 'day';
}

/** The same wall-clock time one calendar day after `ms` (luxon's `plus({ days: 1 })`). */
function nextDay(ms: number, offset: number, zone: string): number {
  const wall = new Date(ms + offset * 60_000);
  wall.setUTCDate(wall.getUTCDate() + 1);
  return resolveWallClock(wall.getTime(), offset, zone)[0];
}

/** Like `parseDateTime`, keeping how much time the text names (its precision). */
export function parsePeriod(text: string, zone: string, formats: readonly string[] = FORMATS): TimePeriod | undefined {
  const parsed = parseWallClock(text.trim(), zone, formats);
  if (!parsed) return undefined;
  const { ms, offset, unit } = parsed;
  return { from: ms, until: unit === 'day' ? nextDay(ms, offset, zone) : ms + UNIT_MS[unit], unit };
}

/** The instant `ms` as a period of one millisecond (an epoch timestamp names exactly one). */
export const instantPeriod = (ms: number): TimePeriod => ({ from: ms, until: ms + 1, unit: 'millisecond' });
