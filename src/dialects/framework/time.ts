import { DateTime } from 'luxon';

/** `yyyy-MM-dd HH:mm:ss` in the given zone. */
export function formatDateTime(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd HH:mm:ss');
}

/** `yyyy-MM-dd` in the given zone. */
export function formatDate(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd');
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
