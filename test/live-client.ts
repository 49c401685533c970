import WebSocket from 'ws';
import type { ServerMessage, WelcomeMessage } from '../src/live/protocol.js';

/** A test participant on a real WebSocket: every frame it received, and waits for the next ones. */
export class LiveClient {
  readonly received: ServerMessage[] = [];
  closeCode: number | undefined;
  private waiters: Array<() => void> = [];
  private nextId = 1;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.received.push(JSON.parse(String(data)) as ServerMessage);
      this.wake();
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      this.wake();
    });
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w();
  }

  /** `silent`: never answer pings, like a client whose network died without closing the socket. */
  static async connect(baseUrl: string, query: string, opts: { silent?: boolean } = {}): Promise<LiveClient> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/live/ws?${query}`, { autoPong: !opts.silent });
    const client = new LiveClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  /** Waits until a received frame matches (already received ones count), up to `ms`. */
  async waitFor<T extends ServerMessage>(match: (m: ServerMessage) => m is T, ms?: number): Promise<T>;
  async waitFor(match: (m: ServerMessage) => boolean, ms?: number): Promise<ServerMessage>;
  async waitFor(match: (m: ServerMessage) => boolean, ms = 5000): Promise<ServerMessage> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.received.find(match);
      if (found) return found;
      if (this.closeCode !== undefined) throw new Error(`socket closed (${this.closeCode}) before a matching frame; got ${JSON.stringify(this.received)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching frame within ${ms} ms; got ${JSON.stringify(this.received)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
  }

  welcome(): Promise<WelcomeMessage> {
    return this.waitFor((m): m is WelcomeMessage => m.type === 'welcome');
  }

  /** Sends a command with an id and waits for its ack (or error), returning it. */
  async call(message: Record<string, unknown>): Promise<ServerMessage> {
    const id = `c${this.nextId++}`;
    this.ws.send(JSON.stringify({ ...message, id }));
    return this.waitFor((m) => (m.type === 'ack' || m.type === 'error') && m.id === id);
  }

  /** Like `call`, but the command must succeed: its ack's result. */
  async ok(message: Record<string, unknown>): Promise<Record<string, number | string | boolean>> {
    const answer = await this.call(message);
    if (answer.type !== 'ack') throw new Error(`${String(message.type)} failed: ${JSON.stringify(answer)}`);
    return answer.result;
  }

  /** Events received so far, of one type. */
  events(type: string) {
    return this.received.flatMap((m) => (m.type === 'event' && m.event.type === type ? [m] : []));
  }

  waitForEvent(type: string, where: (data: Record<string, unknown>) => boolean = () => true) {
    return this.waitFor((m) => m.type === 'event' && m.event.type === type && where(m.event.data as unknown as Record<string, unknown>));
  }

  async close(): Promise<void> {
    if (this.closeCode !== undefined) return;
    const closed = new Promise<void>((resolve) => this.ws.once('close', () => resolve()));
    this.ws.close();
    await closed;
  }
}
