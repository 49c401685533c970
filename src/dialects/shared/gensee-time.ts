import { ParamProblem, type Params } from '../framework/params.js';
import { parseDateTime } from '../framework/time.js';

/** A time parameter: `yyyy-MM-dd HH:mm:ss` in the site's zone, or epoch milliseconds (§3.3). */
export function genseeTime(p: Params, name: string, zone: string, opts: { required: true }): number;
export function genseeTime(p: Params, name: string, zone: string, opts?: { required?: boolean }): number | undefined;
export function genseeTime(p: Params, name: string, zone: string, opts: { required?: boolean } = {}): number | undefined {
  const v = p.string(name, { required: opts.required });
  if (v === undefined) return undefined;
  if (/^\d{10,}$/.test(v)) return Number(v);
  const ms = parseDateTime(v, zone, ['yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm', 'yyyy-MM-dd']);
  if (ms === undefined) throw new ParamProblem(name, 'malformed', `${name} must be "yyyy-MM-dd HH:mm:ss" or epoch milliseconds, got "${v}"`);
  return ms;
}
