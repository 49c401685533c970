import type { ClientCommand, ServerMessage } from './protocol';

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** Why the connection ended for good (the page says so and does not retry). */
export type EndReason = 'removed' | 'room_full' | 'room_closed' | 'bad_ticket' | 'other';

export interface ConnectionEvents {
  message(m: ServerMessage): void;
  status(s: ConnectionStatus, info: { reconnected: boolean; ended?: EndReason }): void;
}

export interface CommandError { code: string; message: string }

const CLOSE_REMOVED = 4004;
const RETRY_MS = [500, 1000, 2000, 4000, 8000];

/**
 * One live-room WebSocket that reconnects by itself: with the latest ticket the server handed out
 * and `resume=<last seq seen>`, so no event is lost or repeated across a drop.
 */
export class LiveConnection {
  private ws: WebSocket | undefined;
  private ticket: string;
  private lastSeq = 0;
  private attempt = 0;
  private everOpen = false;
  private stopped = false;
  private nextId = 1;
  private readonly pending = new Map<string, { resolve(r: Record<string, unknown>): void; reject(e: CommandError): void }>();
  private refusal: EndReason | undefined;

  constructor(ticket: string, private readonly on: ConnectionEvents) {
    this.ticket = ticket;
  }

  start(): void {
    this.open();
  }

  stop(): void {
    this.stopped = true;
    this.ws?.close();
  }

  /** Sends a command; resolves with its ack's result, rejects with the server's error. */
  send(command: ClientCommand): Promise<Record<string, unknown>> {
    const id = `w${this.nextId++}`;
    return new Promise((resolve, reject) => {
      if (!this.ws || this.ws.readyState !== WebSocket.OPEN) {
        reject({ code: 'offline', message: 'not connected' });
        return;
      }
      this.pending.set(id, { resolve, reject });
      this.ws.send(JSON.stringify({ ...command, id }));
    });
  }

  private open(): void {
    const url = new URL('/live/ws', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('ticket', this.ticket);
    // The first connection replays the room's whole history, so a late arrival sees open polls and roll-calls.
    url.searchParams.set('resume', String(this.lastSeq));
    url.searchParams.set('platform', /Mobi|Android|iPhone/i.test(navigator.userAgent) ? 'h5' : 'web');
    this.on.status(this.everOpen ? 'reconnecting' : 'connecting', { reconnected: false });
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.onmessage = (e) => this.receive(String(e.data));
    ws.onclose = (e) => this.closed(ws, e.code);
  }

  private receive(text: string): void {
    let m: ServerMessage;
    try {
      m = JSON.parse(text) as ServerMessage;
    } catch {
      return;
    }
    if (m.type === 'welcome') {
      this.ticket = m.ticket;
      const reconnected = this.everOpen;
      this.everOpen = true;
      this.attempt = 0;
      this.on.status('open', { reconnected });
    } else if (m.type === 'event') {
      this.lastSeq = Math.max(this.lastSeq, m.seq);
    } else if ((m.type === 'ack' || m.type === 'error') && m.id !== undefined && this.pending.has(String(m.id))) {
      const p = this.pending.get(String(m.id))!;
      this.pending.delete(String(m.id));
      if (m.type === 'ack') p.resolve(m.result);
      else p.reject({ code: m.code, message: m.message });
      return;
    } else if (m.type === 'error' && (m.code === 'room_full' || m.code === 'room_closed' || m.code === 'bad_ticket')) {
      this.refusal = m.code;
    }
    this.on.message(m);
  }

  private closed(ws: WebSocket, code: number): void {
    if (ws !== this.ws) return;
    for (const p of this.pending.values()) p.reject({ code: 'offline', message: 'the connection dropped' });
    this.pending.clear();
    if (this.stopped) return this.on.status('closed', { reconnected: false });
    const ended: EndReason | undefined = code === CLOSE_REMOVED ? 'removed' : this.refusal;
    if (ended) return this.on.status('closed', { reconnected: false, ended });
    this.on.status('reconnecting', { reconnected: false });
    const delay = RETRY_MS[Math.min(this.attempt++, RETRY_MS.length - 1)];
    setTimeout(() => { if (!this.stopped) this.open(); }, delay);
  }
}
