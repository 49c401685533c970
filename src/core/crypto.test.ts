import { describe, expect, it } from 'vitest';
import { constantTimeEqual, md5Hex, sameDigest, sha1Hex, staleTimestamp } from './crypto.js';

describe.each([['constantTimeEqual', constantTimeEqual], ['sameDigest', sameDigest]] as const)('%s', (_name, equal) => {
  it('is true for equal strings, including empty and non-ASCII ones', () => {
    expect(equal('5b78486597c679b0c6256da014af1260', '5b78486597c679b0c6256da014af1260')).toBe(true);
    expect(equal('', '')).toBe(true);
    expect(equal('口令-ключ', '口令-ключ')).toBe(true);
  });

  it('is false for strings of equal length that differ, wherever they differ', () => {
    expect(equal('abcdef', 'xbcdef')).toBe(false);
    expect(equal('abcdef', 'abcdex')).toBe(false);
  });

  it('is false, without throwing, when the lengths differ in either direction', () => {
    expect(equal('abc', 'abcd')).toBe(false);
    expect(equal('abcd', 'abc')).toBe(false);
    expect(equal('', 'a')).toBe(false);
  });

  it('is case-sensitive: callers normalise hex case themselves', () => {
    expect(equal('ABCDEF', 'abcdef')).toBe(false);
  });
});

describe('digests', () => {
  it('md5Hex and sha1Hex give lowercase hex of the UTF-8 bytes', () => {
    expect(md5Hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(sha1Hex('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(md5Hex('中')).toBe('aed1dfbc31703955e64806b799b67645');
  });
});

describe('staleTimestamp', () => {
  const now = 1_700_000_000_000;
  const nowSeconds = now / 1000;

  it('accepts timestamps within the window on either side, the edges included', () => {
    expect(staleTimestamp(nowSeconds, 300, now)).toBeUndefined();
    expect(staleTimestamp(nowSeconds - 300, 300, now)).toBeUndefined();
    expect(staleTimestamp(nowSeconds + 300, 300, now)).toBeUndefined();
  });

  it('refuses timestamps beyond the window, in the past and in the future', () => {
    expect(staleTimestamp(nowSeconds - 301, 300, now)).toEqual({
      skewSeconds: 301, windowSeconds: 300, description: '301 s away from server time (window 300 s)',
    });
    expect(staleTimestamp(nowSeconds + 3600, 300, now)?.description).toBe('3600 s away from server time (window 300 s)');
  });

  it('compares against sub-second server time and rounds the reported skew', () => {
    expect(staleTimestamp(nowSeconds - 300, 300, now + 400)?.description).toBe('300 s away from server time (window 300 s)');
    expect(staleTimestamp(nowSeconds - 300, 300, now + 400)?.skewSeconds).toBeCloseTo(300.4, 6);
  });

  it('refuses a timestamp that is not a number rather than letting it through', () => {
    expect(staleTimestamp(Number('not a time'), 300, now)).toBeDefined();
  });

  it('reads the server clock when no time is given', () => {
    expect(staleTimestamp(Date.now() / 1000, 5)).toBeUndefined();
    expect(staleTimestamp(Date.now() / 1000 - 60, 5)).toBeDefined();
  });
});
