import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Dialect, DialectContext, DialectEnvironment, DialectRequest, Endpoint } from './dialect.js';
import { decodeInput, fileFields } from './input.js';
import { readMultipart, type MultipartBody } from './multipart.js';
import { BlobStore } from '../../storage/blobs/blob-store.js';
import { Params, ParamProblem } from './params.js';
import { requestOrigin } from './origin.js';
import { primeStreams, streamedJson, streamedListMark } from './streamed-envelope.js';
import { replayKey } from './replay.js';
import { dialectForPath } from './raw-answers.js';
import { watchWrites } from '../../storage/write-observer.js';
import { endOfTurn } from './end-of-turn.js';

/** Fields the body parsers leave on the request. */
declare module 'fastify' {
  interface FastifyRequest {
    rawForm?: string;
    /** What a dialect answered: read by the request log line and the metrics. */
    dialectOutcome?: DialectOutcome;
  }
}

export interface DialectOutcome {
  dialect: string;
  /** The endpoint table's path, or "unknown" for a path outside the table. */
  endpoint: string;
  /** The vendor's result code as answered (Gensee/Baijiayun `code`, CC `result` or its error code). */
  code: string;
  /** True when this was a replayed signed request answered from the first copy. */
  replayed?: boolean;
}

/** The vendor result code of an envelope: its `code`, else CC's error code (by message) or its result. */
export function resultCode(dialect: Dialect<any, any>, body: unknown): string { // eslint-disable-line @typescript-eslint/no-explicit-any
  if (!body || typeof body !== 'object') return 'none';
  const b = body as Record<string, unknown>;
  if (b.code !== undefined && b.code !== null) return String(b.code);
  if (b.error !== undefined && b.error !== null) return String(b.error);
  const msg = b.error_msg ?? b.errorMsg;
  if (b.result === 'FAIL' && typeof msg === 'string') {
    const entry = Object.values(dialect.errors).find((e) => msg === e.message || msg.startsWith(`${e.message}: `));
    if (entry) return String(entry.code);
  }
  return b.result === undefined ? 'none' : String(b.result);
}

function queryOf(url: string): string {
  const i = url.indexOf('?');
  return i < 0 ? '' : url.slice(i + 1);
}

function decodeComponent(s: string): string {
  // Most names and many values need no decoding at all.
  if (!s.includes('%') && !s.includes('+')) return s;
  const plus = s.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(plus);
  } catch {
    // Raw, un-encoded UTF-8 or a stray `%`: keep what was sent rather than refuse it.
    return plus;
  }
}

/** Splits `a=1&b=2` into pairs, tolerant of bare keys and malformed escapes. */
export function parsePairs(raw: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (!raw) return out;
  for (const part of raw.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = eq < 0 ? part : part.slice(0, eq);
    const v = eq < 0 ? '' : part.slice(eq + 1);
    out.push([decodeComponent(k), decodeComponent(v)]);
  }
  return out;
}

function jsonPairs(body: unknown): Array<[string, string]> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return [];
  const out: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (v === null || v === undefined) continue;
    out.push([k, typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v)]);
  }
  return out;
}

export function toDialectRequest(req: FastifyRequest, multipart?: MultipartBody): DialectRequest {
  const rawQuery = queryOf(req.raw.url ?? '');
  const pairs = parsePairs(rawQuery);
  const isJson = req.rawForm === undefined && multipart === undefined && req.body !== undefined && typeof req.body === 'object';
  if (req.rawForm !== undefined) pairs.push(...parsePairs(req.rawForm));
  else if (multipart) pairs.push(...multipart.pairs);
  else if (isJson) pairs.push(...jsonPairs(req.body));
  const hostHeader = (req.headers.host ?? '').toLowerCase();
  return {
    id: String(req.id),
    method: req.method,
    path: (req.raw.url ?? '').split('?')[0],
    rawQuery,
    rawForm: req.rawForm,
    jsonBody: isJson ? req.body : undefined,
    files: multipart?.files ?? new Map(),
    params: Params.fromPairs(pairs),
    host: hostHeader.replace(/:\d+$/, '').replace(/^\[|\]$/g, ''),
    origin: requestOrigin(req),
    ip: req.ip,
    headers: req.headers,
    log: req.log,
  };
}

async function run<Ctx extends DialectContext, E extends Endpoint<Ctx>>(dialect: Dialect<Ctx, E>, endpoint: E, env: DialectEnvironment, req: FastifyRequest, reply: FastifyReply) {
  let dreq = toDialectRequest(req);
  let multipart: MultipartBody | undefined;
  let replay: { key: string; ttlMs: number } | undefined;
  const { value: answer, wrote } = await watchWrites(async (): Promise<{ status: number; body: unknown; streamed?: boolean }> => {
    try {
      if (req.isMultipart()) {
        multipart = await readMultipart(req, { accept: fileFields(endpoint.input), store: BlobStore.forDataDir(env.config.dataDir), maxFileBytes: env.config.uploadMaxBytes });
        dreq = toDialectRequest(req, multipart);
      }
      const ctx = await dialect.authenticate(dreq, endpoint, { ...env, services: env.services.forOneRequest() });
      if (ctx.tenant.settings.disabled === true) throw dialect.tenantDisabled();
      // A signed request seen within the replay window gets the first copy's answer and runs no more.
      if (env.replay && dialect.replayProtected?.(dreq, endpoint)) {
        const candidate = { key: replayKey(dialect.name, dreq), ttlMs: 2 * env.config.replayWindowSeconds * 1000 };
        const claimed = await env.replay.claim(candidate.key, candidate.ttlMs);
        if (claimed !== 'run') {
          req.dialectOutcome = { dialect: dialect.name, endpoint: endpoint.path, code: resultCode(dialect, claimed.body), replayed: true };
          return claimed;
        }
        replay = candidate;
      }
      // Parameters are checked once the caller is known: an anonymous caller learns nothing about them.
      const input = decodeInput(endpoint.input, dreq.params, dialect.coercion, ctx.zone, dreq.files);
      const lists = streamedListMark();
      const payload = await endpoint.handle({ ...ctx, input });
      const body = dialect.success(payload, dreq);
      // Streamed lists read their first chunk here, so that everything that can still be refused is.
      return { status: 200, body, streamed: await primeStreams(body, lists) };
    } catch (err) {
      const { status, body, internal } = dialect.failure(err, dreq);
      if (internal) req.log.error({ err, dialect: dialect.name, path: endpoint.path, answer: body }, 'dialect request failed');
      else req.log.debug({ dialect: dialect.name, path: endpoint.path, answer: body }, 'dialect request refused');
      return { status, body };
    } finally {
      // Uploads a handler did not store are gone before the answer leaves.
      if (multipart) await multipart.release();
    }
  });
  // Only a copy during which something was written is remembered: a repeated read runs again and sees
  // current data. A read that overlapped another request's write is remembered too (watchWrites errs
  // that way): its replay gets the first answer, which is never wrong for a replay. Copies that came
  // while it ran get its answer either way (a streamed answer can be read only once: they run).
  // A streamed answer (an export: it only reads) is never remembered; it is not a value to keep.
  if (replay) await env.replay!.settle(replay.key, wrote && !answer.streamed ? answer : undefined, replay.ttlMs, answer.streamed ? undefined : answer);
  req.dialectOutcome ??= { dialect: dialect.name, endpoint: endpoint.path, code: resultCode(dialect, answer.body) };
  await endOfTurn();
  if (answer.streamed) {
    const stream = streamedJson(answer.body, (err) => req.log.error({ err, dialect: dialect.name, path: endpoint.path }, 'streamed answer failed after its first byte'));
    return reply.code(answer.status).type('application/json; charset=utf-8').send(stream);
  }
  return reply.code(answer.status).send(answer.body);
}

/** Registers every endpoint of the dialects, and answers unknown paths under their prefixes in their envelopes. */
export function mountDialects(app: FastifyInstance, dialects: ReadonlyArray<Dialect<any, any>>, env: DialectEnvironment): void { // eslint-disable-line @typescript-eslint/no-explicit-any
  for (const dialect of dialects) {
    dialect.setup?.(env);
    for (const endpoint of dialect.endpoints) {
      app.route({
        method: [...(endpoint.methods ?? ['GET', 'POST'])],
        url: endpoint.path,
        handler: (req, reply) => run(dialect, endpoint, env, req, reply),
      });
    }
  }
  const dialectOf = (url: string | undefined) => dialectForPath(dialects, url);
  app.setNotFoundHandler((req, reply) => {
    const dialect = dialectOf(req.raw.url);
    if (!dialect) return reply.code(404).send({ error: 'not found' });
    const { status, body } = dialect.notFound(toDialectRequest(req));
    req.dialectOutcome = { dialect: dialect.name, endpoint: 'unknown', code: resultCode(dialect, body) };
    return reply.code(status).send(body);
  });
  // Failures before a handler runs (an oversized or unreadable body) still answer in the dialect's envelope.
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const dialect = dialectOf(req.raw.url);
    const clientFault = (err.statusCode ?? 500) < 500;
    if (!dialect) return reply.code(err.statusCode ?? 500).send({ error: clientFault ? err.message : 'internal error' });
    const problem = clientFault ? new ParamProblem('body', 'malformed', err.message) : err;
    const { status, body, internal } = dialect.failure(problem, toDialectRequest(req));
    if (internal) req.log.error({ err }, 'request failed');
    req.dialectOutcome = { dialect: dialect.name, endpoint: req.routeOptions.url ?? 'unknown', code: resultCode(dialect, body) };
    return reply.code(status).send(body);
  });
}
