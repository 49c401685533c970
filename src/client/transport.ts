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

/** A record of a record list (e.g. Gensee's `attachmentList` items). */
export type WireRecord = Readonly<Record<string, unknown>>;

/**
 * A value as it travels in a query or form: lists of texts or numbers, and lists of records, are
 * encoded as the call's `ListEncoding` says; null is sent empty.
 */
export type WireValue = string | number | boolean | null | undefined | readonly (string | number)[] | readonly WireRecord[];

/** Parameters exactly as they go on the wire, in order (repeated and bracketed names included). */
export type WirePairs = ReadonlyArray<readonly [string, string]>;

/**
 * How a list travels, as the clients in the wild send lists:
 * - `comma` (default): one value, `a,b` (a list of records: one JSON array);
 * - `repeat`: `k=a&k=b` (records: each a JSON object); `brackets`: `k[]=a&k[]=b`;
 * - `indexed`: `k[0]=a` (records: `k[0][field]=…`, as PHP's http_build_query writes them);
 * - `dotted`: records as `k[0].field=…` (as Java binders read them); texts as `indexed`;
 * - `json`: one JSON array.
 */
export type ListEncoding = 'comma' | 'repeat' | 'brackets' | 'indexed' | 'dotted' | 'json';

const isRecord = (x: unknown): x is WireRecord => typeof x === 'object' && x !== null && !Array.isArray(x);
const scalarText = (v: unknown): string => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));

function listPairs(k: string, items: readonly unknown[], lists: ListEncoding): Array<[string, string]> {
  const records = items.some(isRecord);
  if (lists === 'json' || (lists === 'comma' && records)) return [[k, JSON.stringify(items)]];
  if (lists === 'comma') return [[k, items.join(',')]];
  if (lists === 'repeat' || lists === 'brackets') return items.map((x) => [lists === 'repeat' ? k : `${k}[]`, scalarText(x)]);
  return items.flatMap((x, i): Array<[string, string]> => {
    if (!isRecord(x)) return [[`${k}[${i}]`, scalarText(x)]];
    return Object.entries(x).filter(([, v]) => v !== undefined && v !== null)
      .map(([f, v]) => [lists === 'dotted' ? `${k}[${i}].${f}` : `${k}[${i}][${f}]`, scalarText(v)]);
  });
}

/** The wire pairs of a call's parameters (pairs given as such are sent as they are). */
export function wirePairs(params: Record<string, WireValue> | WirePairs, lists: ListEncoding = 'comma'): Array<[string, string]> {
  if (Array.isArray(params)) return (params as WirePairs).map(([k, v]) => [k, v]);
  const out: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(params as Record<string, WireValue>)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) out.push(...listPairs(k, v, lists));
    else out.push([k, v === null ? '' : String(v)]);
  }
  return out;
}

/** The parameters as the fields of a JSON body: values keep their JSON types (lists stay arrays). */
export function jsonFields(params: Record<string, WireValue> | WirePairs): Record<string, unknown> {
  if (Array.isArray(params)) return Object.fromEntries(params as WirePairs);
  return Object.fromEntries(Object.entries(params as Record<string, WireValue>).filter(([, v]) => v !== undefined));
}

export const formOf = (pairs: WirePairs) => new URLSearchParams(pairs.map(([k, v]) => [k, v])).toString();
