import http from 'node:http';
import https from 'node:https';
/** One HTTP request as a client sends it. */
export interface ClientRequest {
  method: 'GET' | 'POST';
  /** Path plus query string, e.g. `/openapi/room/info` or `/collect/live/record?…`. */
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface ClientResponse<Body = unknown> {
  status: number;
  body: Body;
  /** What the transport got, for callers that need more than status and body (e.g. a test's inject response). */
  raw?: unknown;
}

/** How a client reaches a server; the default is `fetch` against a base URL. */
export type Transport = (req: ClientRequest) => Promise<ClientResponse>;

/**
 * Sends requests to `baseUrl` with node:http(s). Not `fetch`: Gensee names the site by the Host
 * header, which fetch does not let a caller set.
 */
export function httpTransport(baseUrl: string): Transport {
  const base = new URL(baseUrl);
  const send = base.protocol === 'https:' ? https.request : http.request;
  const prefix = base.pathname.replace(/\/+$/, '');
  return (req) => new Promise((resolve, reject) => {
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
    const outgoing = send({ protocol: base.protocol, hostname: base.hostname, port: base.port, method: req.method, path: prefix + req.url, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // A non-JSON answer is handed over as text.
        }
        resolve({ status: res.statusCode ?? 0, body, raw: res });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

/** A value as it travels in a query or form: lists comma-joined, empty for null. */
export type WireValue = string | number | boolean | null | undefined | readonly string[];

export function wirePairs(params: Record<string, WireValue>): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    out.push([k, v === null ? '' : Array.isArray(v) ? v.join(',') : String(v)]);
  }
  return out;
}

export const formOf = (pairs: Array<[string, string]>) => new URLSearchParams(pairs).toString();
