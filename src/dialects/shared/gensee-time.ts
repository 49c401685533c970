import type { InputCoercion } from '../framework/input.js';
import { instantPeriod, parseDateTime, parsePeriod, type TimePeriod } from '../framework/time.js';

const WALL_CLOCK = ['yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm', 'yyyy-MM-dd'] as const;

/** A Gensee time (§3.3 of both documents): `yyyy-MM-dd HH:mm:ss` in the site's zone, or epoch milliseconds. */
export function parseGenseeTime(text: string, zone: string): number | undefined {
  const t = text.trim();
  if (/^\d{10,}$/.test(t)) return Number(t);
  return parseDateTime(t, zone, WALL_CLOCK);
}

/** The span a Gensee time names: epoch milliseconds name one millisecond, a string its whole second (minute, day). */
export function parseGenseePeriod(text: string, zone: string): TimePeriod | undefined {
  const t = text.trim();
  if (/^\d{10,}$/.test(t)) return instantPeriod(Number(t));
  return parsePeriod(t, zone, WALL_CLOCK);
}

/** How both Gensee APIs write values on the wire (the coercion of their declared inputs). */
export const GENSEE_COERCION: InputCoercion = {
  time: parseGenseeTime,
  period: parseGenseePeriod,
  timeFormat: '"yyyy-MM-dd HH:mm:ss" or epoch milliseconds',
};
