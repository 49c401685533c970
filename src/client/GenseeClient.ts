import { createHash } from 'node:crypto';
import type { WEBCAST_ENDPOINTS } from '../dialects/gensee-webcast/endpoints.js';
import type { TRAINING_ENDPOINTS } from '../dialects/gensee-training/endpoints.js';
import type { CallParams, InputsOf } from './inputs.js';
import { httpTransport, formOf, jsonFields, wirePairs, type ClientResponse, type ListEncoding, type Transport, type WirePairs, type WireValue } from './transport.js';

export type GenseeWebcastInputs = InputsOf<(typeof WEBCAST_ENDPOINTS)[number]>;
export type GenseeTrainingInputs = InputsOf<(typeof TRAINING_ENDPOINTS)[number]>;

/** `{code, message, …payload}` */
export interface GenseeAnswer {
  code: string;
  message: string;
  [field: string]: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface GenseeClientOptions {
  loginName: string;
  password: string;
  /** Send the password as its MD5 with `sec=true` (the safer choice when the transport is not TLS). */
  sec?: boolean;
  /** The site's host name, sent as the Host header (defaults to the base URL's host). */
  site?: string;
  baseUrl?: string;
  transport?: Transport;
}

export interface GenseeCallOptions {
  /** POST (default) sends a form body, or with `body: 'json'` a JSON body; GET a query string. */
  method?: 'GET' | 'POST';
  body?: 'form' | 'json';
  /** How list values travel (see `ListEncoding`). */
  lists?: ListEncoding;
  loginName?: string;
  password?: string;
  sec?: boolean;
  /** With `sec`, send the MD5 in upper case (the server compares either case). */
  upperCaseDigest?: boolean;
  /** Send no credentials at all (tests of refusals). */
  anonymous?: boolean;
  site?: string;
  /** More request headers (e.g. a content type a client sends on a bodyless GET). */
  headers?: Record<string, string>;
}

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

/** Gensee's site integration API: credentials as parameters, the site named by the Host header. */
class GenseeClient<Inputs> {
  private readonly transport: Transport;

  constructor(private readonly options: GenseeClientOptions) {
    if (!options.transport && !options.baseUrl) throw new Error('a Gensee client needs a baseUrl or a transport');
    this.transport = options.transport ?? httpTransport(options.baseUrl!);
  }

  call<P extends keyof Inputs & string>(path: P, params: CallParams<Inputs[P]>, opts?: GenseeCallOptions): Promise<ClientResponse<GenseeAnswer>> {
    return this.raw(path, params as Record<string, WireValue>, opts);
  }

  /** Any path with any parameters, unchecked (for undocumented paths, encodings and tests of refusals). */
  raw(path: string, params: Record<string, WireValue> | WirePairs = {}, opts: GenseeCallOptions = {}): Promise<ClientResponse<GenseeAnswer>> {
    const auth: Array<[string, string]> = [];
    if (!opts.anonymous) {
      const sec = opts.sec ?? this.options.sec ?? false;
      const password = opts.password ?? this.options.password;
      const digest = opts.upperCaseDigest ? md5(password).toUpperCase() : md5(password);
      auth.push(['loginName', opts.loginName ?? this.options.loginName], ['password', sec ? digest : password]);
      if (sec) auth.push(['sec', 'true']);
    }
    const headers: Record<string, string> = { ...opts.headers };
    const site = opts.site ?? this.options.site;
    if (site) headers.host = site;
    const send = (req: Parameters<Transport>[0]) => this.transport(req) as Promise<ClientResponse<GenseeAnswer>>;
    if (opts.method !== 'GET' && opts.body === 'json') {
      const body = JSON.stringify({ ...Object.fromEntries(auth), ...jsonFields(params) });
      return send({ method: 'POST', url: path, headers: { ...headers, 'content-type': 'application/json' }, body });
    }
    const form = formOf([...auth, ...wirePairs(params, opts.lists)]);
    if (opts.method === 'GET') return send({ method: 'GET', url: form ? `${path}?${form}` : path, headers });
    return send({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: form });
  }
}

/** A Gensee Webcast client (`/integration/site/webcast/…`). */
export class GenseeWebcastClient extends GenseeClient<GenseeWebcastInputs> {}

/** A Gensee Training client (`/integration/site/training/…`). */
export class GenseeTrainingClient extends GenseeClient<GenseeTrainingInputs> {}
