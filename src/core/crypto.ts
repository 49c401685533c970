import { hash, timingSafeEqual } from 'node:crypto';

// One-shot digests of UTF-8 text: a Hash object per digest costs several times more (signed calls hash up to four times).
export const md5Hex = (s: string): string => hash('md5', s, 'hex');
export const sha1Hex = (s: string): string => hash('sha1', s, 'hex');
export const sha256Hex = (s: string): string => hash('sha256', s, 'hex');

const sha256 = (s: string): Buffer => hash('sha256', s, 'buffer');

/**
 * Compares two secrets (a presented password digest, signature or key with the expected one) in
 * constant time. Both sides are hashed to 32 bytes first, so neither a differing prefix nor a
 * differing length shortens the comparison.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  return timingSafeEqual(sha256(a), sha256(b));
}

/**
 * Compares a presented hex digest (a signature, a password digest) with the expected one in
 * constant time, without hashing them again: their length is that of the digest, which is public,
 * so only a presented value of another length is refused early. For secrets of any other kind,
 * `constantTimeEqual`.
 */
export function sameDigest(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  // Same work either way: a wrong length is compared with itself.
  if (a.length !== b.length) return !timingSafeEqual(b, b);
  return timingSafeEqual(a, b);
}

/** Why a signed request's timestamp is refused: how far it lies from the server clock, and the window. */
export interface StaleTimestamp {
  skewSeconds: number;
  windowSeconds: number;
  /** For the error detail: `<skew> s away from server time (window <window> s)`. */
  description: string;
}

/**
 * The replay guard of the signed vendor APIs: a unix-seconds timestamp must lie within
 * `windowSeconds` of the server clock, in either direction (client clocks run fast as well as slow).
 * Returns undefined when the timestamp is fresh.
 */
export function staleTimestamp(unixSeconds: number, windowSeconds: number, nowMs = Date.now()): StaleTimestamp | undefined {
  const skewSeconds = Math.abs(nowMs / 1000 - unixSeconds);
  if (skewSeconds <= windowSeconds) return undefined;
  return { skewSeconds, windowSeconds, description: `${Math.round(skewSeconds)} s away from server time (window ${windowSeconds} s)` };
}
