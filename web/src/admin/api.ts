/** The operator API (`/admin/api`, src/web/admin/api.ts) as the page uses it. */

// The views are the server's own declarations (type-only: nothing of the server is bundled).
import type { RoomView as ServerRoomView, TenantView, SessionView } from '../../../src/web/admin/queries';
export type { TenantView, PresenceView, SessionView } from '../../../src/web/admin/queries';

/** A room as listed: the live view across tenants also names the room's tenant. */
export type RoomView = ServerRoomView & { tenantName?: string };

export interface ObserveTicket {
  room: { id: string; number: string; title: string };
  role: 'observer';
  name: string;
  ticket: string;
  ws: string;
}

/** A refusal of the API: `{error, message}` with the HTTP status. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

async function call<T>(method: 'GET' | 'POST', url: string, body?: object): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method, credentials: 'same-origin',
      headers: body ? { 'content-type': 'application/json', accept: 'application/json' } : { accept: 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached. Check the connection and try again.');
  }
  if (res.status === 204) return undefined as T;
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    throw new ApiError(res.status, 'bad_answer', `The server answered ${res.status} without JSON.`);
  }
  if (!res.ok) {
    const e = json as { error?: string; message?: string };
    throw new ApiError(res.status, e.error ?? 'error', e.message ?? `The server answered ${res.status}.`);
  }
  return json as T;
}

const API = '/admin/api';

export const adminApi = {
  login: (token: string) => call<{ authenticated: true; expiresAt: number }>('POST', '/admin/login', { token }),
  logout: () => call<void>('POST', '/admin/logout'),
  session: () => call<{ authenticated: true; via: string; expiresAt: number | null }>('GET', `${API}/session`),
  tenants: () => call<{ tenants: TenantView[] }>('GET', `${API}/tenants`),
  live: () => call<{ rooms: RoomView[] }>('GET', `${API}/live`),
  rooms: (tenantId: string, page: number, phase: string) =>
    call<{ total: number; page: number; pageSize: number; rooms: RoomView[] }>('GET', `${API}/tenants/${tenantId}/rooms?page=${page}&pageSize=25${phase ? `&phase=${phase}` : ''}`),
  sessions: (tenantId: string) => call<{ sessions: SessionView[] }>('GET', `${API}/tenants/${tenantId}/sessions?limit=20`),
  room: (tenantId: string, room: string) => call<{ room: RoomView; sessions: SessionView[] }>('GET', `${API}/tenants/${tenantId}/rooms/${room}`),
  observe: (tenantId: string, room: string) => call<ObserveTicket>('POST', `${API}/tenants/${tenantId}/rooms/${room}/observe`, { name: 'Observer' }),
};
