import { createHash } from 'node:crypto';
import type { WEBCAST_ENDPOINTS } from '../dialects/gensee-webcast/endpoints.js';
import type { TRAINING_ENDPOINTS } from '../dialects/gensee-training/endpoints.js';
import type { CallParams, InputsOf } from './inputs.js';
import { httpTransport, formOf, wirePairs, type ClientResponse, type Transport, type WireValue } from './transport.js';

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
  method?: 'GET' | 'POST';
  loginName?: string;
  password?: string;
  sec?: boolean;
  site?: string;
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

  /** Any path with any parameters, unchecked (for undocumented paths and tests of refusals). */
  raw(path: string, params: Record<string, WireValue> = {}, opts: GenseeCallOptions = {}): Promise<ClientResponse<GenseeAnswer>> {
    const sec = opts.sec ?? this.options.sec ?? false;
    const password = opts.password ?? this.options.password;
    const pairs: Array<[string, string]> = [['loginName', opts.loginName ?? this.options.loginName], ['password', sec ? md5(password) : password]];
    if (sec) pairs.push(['sec', 'true']);
    pairs.push(...wirePairs(params));
    const headers: Record<string, string> = {};
    const site = opts.site ?? this.options.site;
    if (site) headers.host = site;
    const body = formOf(pairs);
    if (opts.method === 'GET') return this.transport({ method: 'GET', url: `${path}?${body}`, headers }) as Promise<ClientResponse<GenseeAnswer>>;
    return this.transport({ method: 'POST', url: path, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body }) as Promise<ClientResponse<GenseeAnswer>>;
  }
}

/** A Gensee Webcast client (`/integration/site/webcast/…`). */
export class GenseeWebcastClient extends GenseeClient<GenseeWebcastInputs> {}

/** A Gensee Training client (`/integration/site/training/…`). */
export class GenseeTrainingClient extends GenseeClient<GenseeTrainingInputs> {}
