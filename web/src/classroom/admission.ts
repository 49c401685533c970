import type { Role } from './room-state';

/** What `/enter` and the join links answer with `Accept: application/json`. */
export interface Admission {
  room: { id: string; number: string; title: string };
  role: Role;
  name: string;
  ticket: string;
  ws: string;
}

export type Refusal = 'removed' | 'not_found' | 'bad_token' | 'room_closed' | 'room_full' | 'rate_limited' | 'invalid' | 'network' | 'other';
export type AdmissionResult = { ok: true; admission: Admission } | { ok: false; reason: Refusal };

const KNOWN: readonly Refusal[] = ['not_found', 'bad_token', 'room_closed', 'room_full', 'rate_limited', 'invalid', 'removed'];
const NAME_PARAMS = ['nickname', 'nickName', 'name', 'user_name'];

/** How this page was opened: the entry page (`/enter`, maybe with a code) or a dialect's join link. */
export interface Opening {
  kind: 'code' | 'link';
  code: string;
  name: string;
}

export function opening(loc: Location = location): Opening {
  const q = new URLSearchParams(loc.search);
  const name = NAME_PARAMS.map((p) => q.get(p)).find((v) => v) ?? '';
  const isEntry = loc.pathname === '/enter' || loc.pathname === '/';
  return { kind: isEntry ? 'code' : 'link', code: q.get('code') ?? '', name };
}

async function ask(url: string, init: RequestInit): Promise<AdmissionResult> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers: { ...init.headers, accept: 'application/json' } });
  } catch {
    return { ok: false, reason: 'network' };
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return { ok: false, reason: 'other' };
  }
  if (res.ok) return { ok: true, admission: body as Admission };
  const reason = (body as { error?: string }).error as Refusal | undefined;
  return { ok: false, reason: reason && KNOWN.includes(reason) ? reason : 'other' };
}

/** Enters with a room code (POST /enter), or through this page's join link (the same URL, as JSON). */
export function enter(how: Opening, code: string, name: string): Promise<AdmissionResult> {
  if (how.kind === 'code') return ask('/enter', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: code.trim(), name: name.trim() }) });
  const url = new URL(location.href);
  for (const p of NAME_PARAMS) url.searchParams.delete(p);
  url.searchParams.set('nickname', name.trim());
  return ask(url.pathname + url.search, { method: 'GET' });
}
