import { md5Hex, sameDigest } from '../../core/crypto.js';

/**
 * CC's THQS (cc-collect catalog §1.3): md5(qs + "&time=" + T + "&salt=" + API_KEY).
 * The server verifies over the query string exactly as the client sent it, minus `time` and
 * `hash` (field notes 6): clients differ in how they percent-encode, and each hashes what it sends.
 */
export function thqsDigest(signedPart: string, time: string, apiKey: string): string {
  return md5Hex(`${signedPart}&time=${time}&salt=${apiKey}`);
}

export interface ThqsParts {
  /** The raw pairs other than time and hash, joined in sent order. */
  signedPart: string;
  time: string | undefined;
  hash: string | undefined;
}

/** Splits a raw query string into the signed part and the time/hash pairs, touching no encoding. */
export function splitThqs(raw: string): ThqsParts {
  const kept: string[] = [];
  let time: string | undefined;
  let hash: string | undefined;
  for (const part of raw.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    if (key === 'time') time = value;
    else if (key === 'hash') hash = value;
    else kept.push(part);
  }
  return { signedPart: kept.join('&'), time, hash };
}

export function verifyThqs(parts: ThqsParts, apiKey: string): boolean {
  if (!parts.time || !parts.hash) return false;
  return sameDigest(parts.hash.toLowerCase(), thqsDigest(parts.signedPart, parts.time, apiKey));
}

/** THQS's encoding of one value as CC's demos write it: URL-encoded, a space as `+`. */
const thqsValue = (v: string) => encodeURIComponent(v).replace(/%20/g, '+');

/**
 * The part of a THQS string that is signed, built the way CC's demos build it: the pairs sorted by
 * key (repeated keys keep their order), values URL-encoded, keys as they are.
 */
export function thqsSignedPart(pairs: ReadonlyArray<readonly [string, string]>): string {
  return [...pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${thqsValue(v)}`).join('&');
}

/** Builds a signed query string the way CC's demos do: sorted keys, values URL-encoded (space as `+`). */
export function thqsQuery(params: Record<string, string> | ReadonlyArray<readonly [string, string]>, apiKey: string, time: number, upper = true): string {
  const qs = thqsSignedPart(Array.isArray(params) ? params : Object.entries(params));
  const hash = thqsDigest(qs, String(time), apiKey);
  return `${qs}&time=${time}&hash=${upper ? hash.toUpperCase() : hash}`;
}
