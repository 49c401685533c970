import { ParamProblem, type Params } from '../../framework/params.js';
import { genseeTime } from '../../shared/gensee-time.js';

/*
 * Decoding for the update endpoints (5.2, 5.5), which change only what is sent (catalog A-11).
 * Typed Params getters treat `k=` like an absent `k`; here an explicitly empty value matters:
 * it clears an optional field, and it is refused for a field that can never be empty.
 */

const sentEmpty = (p: Params, name: string) => {
  const raw = p.raw(name);
  return raw !== undefined && raw.trim() === '';
};

/** Optional text: undefined = not sent (keep), null = sent empty (clear), else the trimmed value. */
export function clearableText(p: Params, name: string, max: number): string | null | undefined {
  if (sentEmpty(p, name)) return null;
  return p.string(name, { max });
}

/** Optional time (§3.3): undefined = not sent, null = sent empty (clear), else epoch ms. */
export function clearableTime(p: Params, name: string, zone: string): number | null | undefined {
  if (sentEmpty(p, name)) return null;
  return genseeTime(p, name, zone);
}

/** A value that may be left out of an update but, when sent, must not be empty. */
export function refuseEmpty(p: Params, ...names: string[]): void {
  for (const name of names) {
    if (sentEmpty(p, name)) throw new ParamProblem(name, 'missing', `${name} cannot be empty`);
  }
}

/** A seat limit where 0 means "no limit of its own" (catalog A-26): undefined = not sent, null = no limit. */
export function seatLimit(p: Params, name: string): number | null | undefined {
  const n = p.int(name, { min: 0 });
  return n === undefined ? undefined : n === 0 ? null : n;
}
