/** How a receiver's reply counts as success; stored on each delivery so the worker needs no vendor knowledge. */
export type Acceptance = 'http-2xx' | 'http-200-json-code-0';

export function isAcceptance(value: string): value is Acceptance {
  return value === 'http-2xx' || value === 'http-200-json-code-0';
}

/** Whether the reply means "received"; otherwise why not, for the attempt's record. */
export function judgeReply(accept: Acceptance, status: number, body: string): { ok: true } | { ok: false; reason: string } {
  if (accept === 'http-2xx') return status >= 200 && status < 300 ? { ok: true } : { ok: false, reason: `HTTP ${status}` };
  if (status !== 200) return { ok: false, reason: `HTTP ${status}` };
  let reply: unknown;
  try {
    reply = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'the reply is not JSON' };
  }
  const code = reply && typeof reply === 'object' ? (reply as Record<string, unknown>).code : undefined;
  // The vendor's example answers the number 0; a receiver written in PHP may well answer "0".
  return code === 0 || code === '0' ? { ok: true } : { ok: false, reason: `reply code ${JSON.stringify(code ?? null)}` };
}
