import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  /** When the request arrived (epoch ms). */
  at: number;
  path: string;
  contentType: string | undefined;
  raw: string;
  form: Record<string, string>;
}

export interface Reply {
  status: number;
  body: string;
  /** Answer only after this long (a slow receiver). */
  delayMs?: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Resolves once `count` requests have arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export const OK: Reply = { status: 200, body: '{"code":0,"msg":""}' };
export const REFUSED: Reply = { status: 200, body: '{"code":1,"msg":"错误信息"}' };

/** A real HTTP receiver on 127.0.0.1 that answers each request with `reply(request, index)`. */
export async function startReceiver(reply: (req: Received, index: number) => Reply = () => OK): Promise<Receiver> {
  const received: Received[] = [];
  const waiters: Array<() => void> = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (raw += d));
    req.on('end', () => {
      const r: Received = { at: Date.now(), path: req.url ?? '/', contentType: req.headers['content-type'], raw, form: Object.fromEntries(new URLSearchParams(raw)) };
      const index = received.length;
      received.push(r);
      const answer = reply(r, index);
      for (const w of waiters.splice(0)) w();
      setTimeout(() => res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body), answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/callback`,
    received,
    waitFor(count, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`expected ${count} requests, got ${received.length}`)), timeoutMs);
        const check = () => {
          if (received.length >= count) {
            clearTimeout(timer);
            resolve(received.slice());
          } else waiters.push(check);
        };
        check();
      });
    },
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
