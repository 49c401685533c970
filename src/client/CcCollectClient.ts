import type { CC_ENDPOINTS } from '../dialects/cc-collect/endpoints.js';
import { thqsDigest, thqsSignedPart } from '../dialects/cc-collect/thqs.js';
import type { CallParams, InputsOf } from './inputs.js';
import { httpTransport, jsonFields, wirePairs, type ClientResponse, type ListEncoding, type Transport, type WirePairs, type WireValue } from './transport.js';

export type CcCollectInputs = InputsOf<(typeof CC_ENDPOINTS)[number]>;

/** `{result, data, error_msg, …}` (endpoint 13: `{result, error, data, errorMsg}`). */
export interface CcAnswer<Data = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  result: 'OK' | 'FAIL';
  data: Data;
  error_msg?: string;
  [field: string]: unknown;
}

export interface CcCollectClientOptions {
  /** The account id, sent as `userid` (or `account_id` for endpoint 13). */
  userId: string;
  apiKey: string;
  baseUrl?: string;
  transport?: Transport;
  now?: () => number;
}

export interface CcCallOptions {
  time?: number;
  apiKey?: string;
  /** Send the hash in lower case (CC's demos use both). */
  lowerCaseHash?: boolean;
  /** The name the account id is sent under; by default `account_id` under `/openapi/`, else `userid`. */
  accountParam?: 'userid' | 'account_id';
  /**
   * GET (default) sends the THQS string as the query; POST sends it as a form body, or with
   * `body: 'json'` sends the fields as a JSON body carrying `time` and `hash` (signed over the
   * fields sorted and URL-encoded, as CC's demos build a query string).
   */
  method?: 'GET' | 'POST';
  body?: 'form' | 'json';
  /** How list values travel (see `ListEncoding`). */
  lists?: ListEncoding;
  /** Send no account id (tests of refusals). */
  withoutAccount?: boolean;
  /** Leave `time` and/or `hash` out (tests of refusals). */
  omit?: ReadonlyArray<'time' | 'hash'>;
}

/** A CC statistics client: a THQS-signed query string, as CC's demos build it (GET by default). */
export class CcCollectClient {
  private readonly transport: Transport;
  private readonly now: () => number;

  constructor(private readonly options: CcCollectClientOptions) {
    if (!options.transport && !options.baseUrl) throw new Error('CcCollectClient needs a baseUrl or a transport');
    this.transport = options.transport ?? httpTransport(options.baseUrl!);
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
  }

  call<P extends keyof CcCollectInputs & string>(path: P, params: CallParams<CcCollectInputs[P]>, opts?: CcCallOptions): Promise<ClientResponse<CcAnswer>> {
    return this.raw(path, params as Record<string, WireValue>, opts);
  }

  /** Any path with any parameters, unchecked (for undocumented paths, encodings and tests of refusals). */
  raw(path: string, params: Record<string, WireValue> | WirePairs = {}, opts: CcCallOptions = {}): Promise<ClientResponse<CcAnswer>> {
    const accountName = opts.accountParam ?? (path.startsWith('/openapi/') ? 'account_id' : 'userid');
    const account: Array<[string, string]> = opts.withoutAccount ? [] : [[accountName, this.options.userId]];
    const time = String(opts.time ?? this.now());
    const key = opts.apiKey ?? this.options.apiKey;
    const hashOf = (signed: string) => {
      const hash = thqsDigest(signed, time, key);
      return opts.lowerCaseHash ? hash : hash.toUpperCase();
    };
    const omitted = new Set(opts.omit ?? []);
    if (opts.method === 'POST' && opts.body === 'json') {
      const fields = { ...Object.fromEntries(account), ...jsonFields(params) };
      const signed = thqsSignedPart(Object.entries(fields).filter(([, v]) => v !== null).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)]));
      const body: Record<string, unknown> = { ...fields };
      if (!omitted.has('time')) body.time = Number(time);
      if (!omitted.has('hash')) body.hash = hashOf(signed);
      return this.send({ method: 'POST', url: path, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    }
    const signed = thqsSignedPart([...account, ...wirePairs(params, opts.lists)]);
    const qs = [signed, omitted.has('time') ? '' : `time=${time}`, omitted.has('hash') ? '' : `hash=${hashOf(signed)}`].filter(Boolean).join('&');
    if (opts.method === 'POST') return this.send({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: qs });
    return this.send({ method: 'GET', url: qs ? `${path}?${qs}` : path, headers: {} });
  }

  private send(req: Parameters<Transport>[0]): Promise<ClientResponse<CcAnswer>> {
    return this.transport(req) as Promise<ClientResponse<CcAnswer>>;
  }
}
