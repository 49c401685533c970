import type { Socket } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import type { Dialect, DialectAnswer, DialectRequest } from './dialect.js';
import { Params, ParamProblem } from './params.js';

type AnyDialect = Dialect<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The dialect whose path prefixes hold `url` (longest prefix first), if any. */
export function dialectForPath(dialects: readonly AnyDialect[], url: string | undefined): AnyDialect | undefined {
  const path = (url ?? '').split('?')[0].replace(/\/{2,}/g, '/');
  let best: { dialect: AnyDialect; length: number } | undefined;
  for (const dialect of dialects) {
    for (const prefix of dialect.prefixes) {
      if ((path === prefix || path.startsWith(prefix + '/')) && (!best || prefix.length > best.length)) best = { dialect, length: prefix.length };
    }
  }
  return best?.dialect;
}

/** A request known only by its method and path (no parameters read): for answers given before routing. */
export function bareRequest(method: string, url: string, log: FastifyBaseLogger): DialectRequest {
  return {
    id: 'raw', method, path: url.split('?')[0], rawQuery: '', rawForm: undefined, jsonBody: undefined, files: new Map(),
    params: Params.fromPairs([]), host: '', origin: '', ip: '', headers: {}, log,
  };
}

const REASONS: Record<number, string> = { 200: 'OK', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 413: 'Payload Too Large', 414: 'URI Too Long', 429: 'Too Many Requests', 431: 'Request Header Fields Too Large', 500: 'Internal Server Error', 503: 'Service Unavailable' };

const LIMIT_CODES = new Set(['HPE_HEADER_OVERFLOW', 'HPE_URI_TOO_LONG']);

/** The method and path of the request line in what a client sent, if it got that far. */
function requestLine(raw: Buffer | undefined): { method: string; url: string } | undefined {
  if (!raw) return undefined;
  const m = /^([A-Z]{3,10}) (\S+)/.exec(raw.subarray(0, 8192).toString('latin1'));
  return m ? { method: m[1], url: m[2] } : undefined;
}

/**
 * Node's HTTP parser refuses a request before Fastify sees it (a request line or headers beyond
 * --max-http-header-size, a malformed request line): the answer is written on the socket, in the
 * envelope of the dialect whose prefix the path starts with, else as Lectern's own JSON error.
 */
export function answerClientError(dialects: readonly AnyDialect[], log: FastifyBaseLogger) {
  return (err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket): void => {
    if (!socket.writable) return;
    const oversized = LIMIT_CODES.has(err.code ?? '');
    const line = requestLine(err.rawPacket);
    const dialect = line ? dialectForPath(dialects, line.url) : undefined;
    let status: number;
    let body: unknown;
    const detail = oversized ? 'the request line and headers are larger than this server accepts (16 KB)' : 'the request could not be parsed';
    if (dialect && line) {
      const answer: DialectAnswer = dialect.failure(new ParamProblem(oversized ? 'url' : 'request', 'malformed', detail), bareRequest(line.method, line.url, log));
      ({ status, body } = answer);
    } else {
      status = oversized ? 431 : 400;
      body = { error: oversized ? 'request too large' : 'bad request', message: detail };
    }
    log.info({ code: err.code, dialect: dialect?.name, status }, 'request refused before routing');
    const text = JSON.stringify(body);
    socket.end(`HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
  };
}
