import type { InputCoercion } from '../framework/input.js';
import { ParamProblem, type Params } from '../framework/params.js';
import { parseDateTime } from '../framework/time.js';

const WALL_CLOCK = ['yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm', 'yyyy-MM-dd'] as const;

/** A Gensee time (§3.3 of both documents): `yyyy-MM-dd HH:mm:ss` in the site's zone, or epoch milliseconds. */
export function parseGenseeTime(text: string, zone: string): number | undefined {
  const t = text.trim();
  if (/^\d{10,}$/.test(t)) return Number(t);
  return parseDateTime(t, zone, WALL_CLOCK);
}

/** How both Gensee APIs write values on the wire (the coercion of their declared inputs). */
export const GENSEE_COERCION: InputCoercion = {
  time: parseGenseeTime,
  timeFormat: '"yyyy-MM-dd HH:mm:ss" or epoch milliseconds',
};

/** A time parameter read by hand, for handlers not yet on declared inputs. */
export function genseeTime(p: Params, name: string, zone: string, opts: { required: true }): number;
export function genseeTime(p: Params, name: string, zone: string, opts?: { required?: boolean }): number | undefined;
export function genseeTime(p: Params, name: string, zone: string, opts: { required?: boolean } = {}): number | undefined {
  const v = p.string(name, { required: opts.required });
  if (v === undefined) return undefined;
  const ms = parseGenseeTime(v, zone);
  if (ms === undefined) throw new ParamProblem(name, 'malformed', `${name} must be ${GENSEE_COERCION.timeFormat}, got "${v}"`);
  return ms;
}
