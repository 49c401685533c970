import type { FastifyBaseLogger } from 'fastify';
import type { Services } from '../../core/services.js';
import type { Tenant } from '../../core/tenants.js';
import type { LecternConfig } from '../../config.js';
import type { Static, TObject } from '@sinclair/typebox';
import type { Params } from './params.js';
import type { InputCoercion } from './input.js';
import type { UploadedFile } from './multipart.js';
import type { DialectDocs } from './openapi.js';
import type { ReplayStore } from './replay.js';

export type HttpMethod = 'GET' | 'POST';

/** What a dialect sees of an HTTP request: decoded parameters plus the raw bytes that signatures cover. */
export interface DialectRequest {
  id: string;
  method: string;
  /** The path as received, without the query string. */
  path: string;
  /** Everything after `?`, exactly as received (percent-encoding untouched). */
  rawQuery: string;
  /** The url-encoded body exactly as received, when the body was a form. */
  rawForm: string | undefined;
  /** The parsed JSON body, when the body was JSON. */
  jsonBody: unknown;
  /** Files of a multipart body that the endpoint takes, by field name. */
  files: ReadonlyMap<string, UploadedFile>;
  params: Params;
  /** Host name without port, lowercased. */
  host: string;
  /** scheme://host[:port] the client used, for building absolute links. */
  origin: string;
  ip: string;
  headers: Record<string, string | string[] | undefined>;
  log: FastifyBaseLogger;
}

export interface DialectEnvironment {
  services: Services;
  config: LecternConfig;
  /** Recent signed requests (replay protection); absent, replays are not detected. */
  replay?: ReplayStore;
}

/** What every dialect's handler context carries. */
export interface DialectContext {
  /** Zone of wall-clock date-times on the wire (the tenant's, else LECTERN_TIME_ZONE). */
  zone: string;
  /** The authenticated caller's tenant. */
  tenant: Tenant;
}

/** A handler's context with its decoded parameters. */
export type WithInput<Ctx, S extends TObject> = Ctx & { input: Static<S> };

export interface Endpoint<Ctx, S extends TObject = TObject> {
  /** Full path as the vendor documents it, e.g. `/integration/site/webcast/created`. */
  path: string;
  /** Defaults to GET and POST. */
  methods?: readonly HttpMethod[];
  /** One line: what the endpoint does (shown by the endpoint table in docs). */
  summary: string;
  /**
   * The request parameters other than the dialect's auth parameters, declared once
   * (`In.object({...})`): decoded into `ctx.input` before the handler runs, and described by the
   * OpenAPI document, the test tool and the typed client.
   */
  input: S;
  handle(ctx: WithInput<Ctx, S>): Promise<unknown>;
}

/**
 * A row builder for a dialect's endpoint table: it ties each handler's `ctx.input` type to the row's
 * schema, keeps the path's literal type (the typed clients key their methods by it), and holds
 * handlers to what the dialect's envelope takes (`Out`).
 */
export function endpointBuilder<Ctx, Extra extends object = object, Out = unknown>() {
  return <const P extends string, S extends TObject>(row: Extra & { path: P; methods?: readonly HttpMethod[]; summary: string; input: S; handle(ctx: WithInput<Ctx, S>): Promise<Out> }) => row;
}

/** One vendor API: its auth scheme, envelope, error mapping and endpoint table. */
export interface DialectAnswer {
  status: number;
  body: unknown;
  /** True when the failure is Lectern's fault, not the client's (logged as an error). */
  internal?: boolean;
}

export interface Dialect<Ctx extends DialectContext, E extends Endpoint<Ctx> = Endpoint<Ctx>> {
  name: string;
  /** How this vendor writes times and the like on the wire. */
  coercion: InputCoercion;
  /** What the OpenAPI document says beyond the endpoint table: auth, envelope, errors. */
  docs: DialectDocs;
  /** Path prefixes this dialect answers for, including unknown paths under them. */
  prefixes: readonly string[];
  endpoints: readonly E[];
  /** The dialect's complete error table: every failure it answers is one of these entries (documented in docs/compat/<name>.md). */
  errors: Readonly<Record<string, ErrorEntry>>;
  /** Authenticates the caller and builds the handler context; throws the dialect's errors. */
  authenticate(req: DialectRequest, endpoint: E, env: DialectEnvironment): Promise<Ctx>;
  /** The success body for a handler's payload. */
  success(payload: unknown, req: DialectRequest): unknown;
  /** Any thrown value, turned into the dialect's error envelope. Unknown errors become its system error. */
  failure(error: unknown, req: DialectRequest): DialectAnswer;
  /** The envelope for a path under the prefixes that is not in the table (or a method it does not take). */
  notFound(req: DialectRequest): DialectAnswer;
  /**
   * True when the request carries a signature over its parameters and a timestamp (Baijiayun's
   * sign, CC's THQS hash): a byte-identical copy within the replay window is then answered with
   * the first copy's answer instead of running again (framework/replay.ts).
   */
  replayProtected?(req: DialectRequest, endpoint: E): boolean;
  /** What a caller of a disabled tenant (`lectern tenant disable`) is refused with: the dialect's auth error. */
  tenantDisabled(): unknown;
  /** Runs once when the dialect is mounted: registers what it contributes to the domain (e.g. entry checks). */
  setup?(env: DialectEnvironment): void;
}

/** An entry of a dialect's error table: the code and message the vendor documents, and the HTTP status it is answered with. */
export interface ErrorEntry {
  code: string | number;
  message: string;
  status: number;
}

/** A failure that a dialect answers with one entry of its error table, plus a detail for people. */
export class DialectError extends Error {
  constructor(readonly entry: ErrorEntry, readonly detail?: string) {
    super(detail ? `${entry.message}: ${detail}` : entry.message);
    this.name = 'DialectError';
  }
}
