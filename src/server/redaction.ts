/**
 * Credential parameters of every dialect, by name: Gensee's password and role tokens
 * (organizerToken, studentClientToken, …), Baijiayun's partner_key, secret_key, sign and access_key,
 * CC's hash and api_key, and the live runtime's signed tickets. Matched on the whole name, any case.
 */
const CREDENTIAL_NAME = /(pass(word|wd)?|token|tokens|secret|secret_key|partner_?key|api_?key|access_?key|sign|signature|hash|ticket|key)$/i;

export const REDACTED = '[redacted]';

export function isCredentialName(name: string): boolean {
  return CREDENTIAL_NAME.test(name);
}

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** `a=1&password=x` with every credential value replaced; other bytes are kept as sent. */
export function redactPairs(text: string): string {
  if (!text) return text;
  return text
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq < 0) return part;
      return isCredentialName(decodeName(part.slice(0, eq))) ? `${part.slice(0, eq + 1)}${REDACTED}` : part;
    })
    .join('&');
}

/** A request URL (path and query) with the credential parameters of its query replaced. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : `${url.slice(0, q + 1)}${redactPairs(url.slice(q + 1))}`;
}

/** A parsed JSON body with credential fields replaced, at any depth. */
export function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, isCredentialName(k) ? REDACTED : redactJson(v)]));
  }
  return value;
}
