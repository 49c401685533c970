import type { InputCoercion } from '../framework/input.js';
import { parseDateTime } from '../framework/time.js';

const WALL_CLOCK = ['yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm', 'yyyy-MM-dd'] as const;

/** A Gensee time (§3.3 of both documents): `yyyy-MM-dd HH:mm:ss` in the site's zone, or epoch milliseconds. */
export function parseGenseeTime(text: string, zone: string): number | undefined {
  const t = text.trim();
  if (/^\d{10,}$/.test(t)) return Number(t);
  return parseDateTime(t, zone, WALL_CLOCK);
}

/** How both Gensee APIs write values on the wire. */
export const GENSEE_COERCION: InputCoercion = {
  time: parseGenseeTime,
  timeFormat: '"yyyy-MM-dd HH:mm:ss" or epoch milliseconds',
};
