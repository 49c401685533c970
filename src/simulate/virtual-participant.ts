import WebSocket from 'ws';
import type { ServerMessage, WelcomeMessage, EventMessage } from '../live/protocol.js';
import type { PassRole } from '../core/passes.js';

/** What `/enter` answers (JSON): the room, and the ticket for the WebSocket. */
export interface EntryAnswer {
  room: { id: string; number: string; title: string };
  role: PassRole;
  name: string;
  ticket: string;
  ws: string;
}

/** An entry or connection refused by the server: counted as an error by the simulator. */
export class SimulationError extends Error {}

/** Enters a room the way a browser does: `POST /enter` with a code and a name. */
export async function enterRoom(baseUrl: string, code: string, name: string): Promise<EntryAnswer> {
  const res = await fetch(new URL('/enter', baseUrl), {
    method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ code, name }),
  });
  const body = await res.json().catch(() => ({})) as Partial<EntryAnswer> & { message?: string };
  if (!res.ok || typeof body.ticket !== 'string') throw new SimulationError(`entry refused (HTTP ${res.status}): ${body.message ?? 'no ticket'}`);
  return body as EntryAnswer;
}

type Pending = { resolve: (result: Record<string, number | string | boolean>) => void; reject: (err: Error) => void };

/**
 * One virtual person on the live protocol: connects with a ticket, waits for `welcome`, sends
 * commands with ids and resolves each on its `ack` (or rejects on its `error`).
 */
export class VirtualParticipant {
  welcome: WelcomeMessage | undefined;
  /** Error frames that answered no command of ours (refusals, rate limits). */
  strayErrors = 0;
  private readonly pending = new Map<string, Pending>();
  private nextId = 1;
  private closed: Promise<number>;

  private constructor(private readonly ws: WebSocket, private readonly onEvent: (e: EventMessage, me: VirtualParticipant) => void) {
    this.closed = new Promise((resolve) => ws.on('close', (code) => {
      for (const p of this.pending.values()) p.reject(new SimulationError(`socket closed (${code}) before the answer`));
      this.pending.clear();
      resolve(code);
    }));
  }

  /** Opens the WebSocket of an entry and resolves on `welcome` (rejects if refused). */
  static connect(baseUrl: string, entry: EntryAnswer, onEvent: (e: EventMessage, me: VirtualParticipant) => void): Promise<VirtualParticipant> {
    const url = new URL(entry.ws, baseUrl.replace(/^http/, 'ws'));
    const ws = new WebSocket(url, { headers: { 'user-agent': 'lectern-simulate' } });
    const me = new VirtualParticipant(ws, onEvent);
    return new Promise((resolve, reject) => {
      ws.on('error', (err) => reject(new SimulationError(`WebSocket: ${err.message}`)));
      void me.closed.then((code) => reject(new SimulationError(`WebSocket closed (${code}) before welcome`)));
      ws.on('message', (data) => {
        const m = JSON.parse(String(data)) as ServerMessage;
        if (m.type === 'welcome') {
          me.welcome = m;
          resolve(me);
        } else me.receive(m, reject);
      });
    });
  }

  private receive(m: ServerMessage, refuse: (err: Error) => void): void {
    if (m.type === 'event') this.onEvent(m, this);
    else if (m.type === 'ack' || m.type === 'error') {
      const waiting = m.id === undefined ? undefined : this.pending.get(String(m.id));
      if (!waiting) {
        this.strayErrors += m.type === 'error' ? 1 : 0;
        if (m.type === 'error' && !this.welcome) refuse(new SimulationError(`${m.code}: ${m.message}`));
        return;
      }
      this.pending.delete(String(m.id));
      if (m.type === 'ack') waiting.resolve(m.result);
      else waiting.reject(new SimulationError(`${m.code}: ${m.message}`));
    }
  }

  /** Sends a command and waits for its ack. */
  call(command: Record<string, unknown>): Promise<Record<string, number | string | boolean>> {
    const id = String(this.nextId++);
    return new Promise((resolve, reject) => {
      if (this.ws.readyState !== WebSocket.OPEN) {
        reject(new SimulationError('the socket is not open'));
        return;
      }
      this.pending.set(id, { resolve, reject });
      this.ws.send(JSON.stringify({ ...command, id }));
    });
  }

  /** Leaves: closes the socket normally and waits until it is closed. */
  async leave(): Promise<void> {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close(1000, 'leaving');
    await this.closed;
  }
}
