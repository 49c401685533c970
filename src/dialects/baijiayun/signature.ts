import { md5Hex, sameDigest } from '../../core/crypto.js';

const ASCII = /^[ -~]*$/;

/**
 * Baijiayun's sign (catalog §1.4): every parameter except `sign`, sorted by key in byte order,
 * joined as `k=v&…` with raw (decoded) values, then `&partner_key=KEY`, md5, lowercase hex.
 * Empty values take part as `k=` (field notes 12). The same rule signs callbacks.
 */
export function baijiayunSign(pairs: Iterable<[string, string]>, partnerKey: string): string {
  const byKey = new Map<string, string>();
  for (const [k, v] of pairs) if (k !== 'sign') byKey.set(k, v);
  const keys = [...byKey.keys()];
  // For printable ASCII keys (every documented parameter) UTF-16 order is byte order; others are compared as UTF-8.
  if (keys.every((k) => ASCII.test(k))) keys.sort();
  else keys.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const base = keys.map((k) => `${k}=${byKey.get(k)}`).join('&') + `&partner_key=${partnerKey}`;
  return md5Hex(base);
}

export function verifyBaijiayunSign(pairs: Iterable<[string, string]>, partnerKey: string, presented: string): boolean {
  return sameDigest(presented.trim().toLowerCase(), baijiayunSign(pairs, partnerKey));
}
