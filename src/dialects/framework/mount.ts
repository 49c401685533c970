import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Dialect, DialectContext, DialectEnvironment, DialectRequest, Endpoint } from './dialect.js';
import { decodeInput, fileFields } from './input.js';
import { readMultipart, type MultipartBody } from './multipart.js';
import { BlobStore } from '../../storage/blobs/blob-store.js';
import { Params, ParamProblem } from './params.js';
import { requestOrigin } from './origin.js';

/** Fields the body parsers leave on the request. */
declare module 'fastify' {
  interface FastifyRequest {
    rawForm?: string;
  }
}

function queryOf(url: string): string {
  const i = url.indexOf('?');
  return i < 0 ? '' : url.slice(i + 1);
}

function decodeComponent(s: string): string {
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
  let answer: { status: number; body: unknown };
  try {
    if (req.isMultipart()) {
      multipart = await readMultipart(req, { accept: fileFields(endpoint.input), store: BlobStore.forDataDir(env.config.dataDir), maxFileBytes: env.config.uploadMaxBytes });
      dreq = toDialectRequest(req, multipart);
    }
    const ctx = await dialect.authenticate(dreq, endpoint, { ...env, services: env.services.forOneRequest() });
    // Parameters are checked once the caller is known: an anonymous caller learns nothing about them.
    const input = decodeInput(endpoint.input, dreq.params, dialect.coercion, ctx.zone, dreq.files);
    const payload = await endpoint.handle({ ...ctx, input });
    answer = { status: 200, body: dialect.success(payload, dreq) };
  } catch (err) {
    const { status, body, internal } = dialect.failure(err, dreq);
    if (internal) req.log.error({ err, dialect: dialect.name, path: endpoint.path, answer: body }, 'dialect request failed');
    else req.log.info({ dialect: dialect.name, path: endpoint.path, answer: body }, 'dialect request refused');
    answer = { status, body };
  } finally {
    // Uploads a handler did not store are gone before the answer leaves.
    await multipart?.release();
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
  const byPrefix = dialects.flatMap((d) => d.prefixes.map((p) => ({ prefix: p, dialect: d }))).sort((a, b) => b.prefix.length - a.prefix.length);
  const dialectOf = (url: string | undefined) => {
    const path = (url ?? '').split('?')[0].replace(/\/{2,}/g, '/');
    return byPrefix.find(({ prefix }) => path === prefix || path.startsWith(prefix + '/'))?.dialect;
  };
  app.setNotFoundHandler((req, reply) => {
    const dialect = dialectOf(req.raw.url);
    if (!dialect) return reply.code(404).send({ error: 'not found' });
    const { status, body } = dialect.notFound(toDialectRequest(req));
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
    return reply.code(status).send(body);
  });
}
