import { DateTime } from 'luxon';

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
  const t = text.trim();
  for (const f of formats) {
    const d = DateTime.fromFormat(t, f, { zone });
    if (d.isValid) return d.toMillis();
  }
  return undefined;
}

/** Start of the calendar day containing `ms`, in the zone. */
export function startOfDay(ms: number, zone: string): number {
  return DateTime.fromMillis(ms, { zone }).startOf('day').toMillis();
}

export function isValidZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}

/** The smallest unit a wall-clock text can name. */
export type PeriodUnit = 'millisecond' | 'second' | 'minute' | 'hour' | 'day';

/**
 * The span of time a text names: `2024-03-01` is a whole day, `2024-03-01 10:00` a whole minute,
 * `2024-03-01 10:00:00` a whole second. `from` is its first millisecond, `until` the first one after it.
 */
export interface TimePeriod {
  from: number;
  until: number;
  unit: PeriodUnit;
}

function unitOf(format: string): PeriodUnit {
  if (format.includes('S')) return 'millisecond';
  if (format.includes('s')) return 'second';
  if (format.includes('m')) return 'minute';
  if (format.includes('H')) return 'hour';
  return 'day';
}

/** Like `parseDateTime`, keeping how much time the text names (its precision). */
export function parsePeriod(text: string, zone: string, formats: readonly string[] = FORMATS): TimePeriod | undefined {
  const t = text.trim();
  for (const f of formats) {
    const d = DateTime.fromFormat(t, f, { zone });
    if (!d.isValid) continue;
    const unit = unitOf(f);
    return { from: d.toMillis(), until: d.plus({ [`${unit}s`]: 1 }).toMillis(), unit };
  }
  return undefined;
}

/** The instant `ms` as a period of one millisecond (an epoch timestamp names exactly one). */
export const instantPeriod = (ms: number): TimePeriod => ({ from: ms, until: ms + 1, unit: 'millisecond' });
