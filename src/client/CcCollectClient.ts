import type { CC_ENDPOINTS } from '../dialects/cc-collect/endpoints.js';
import { thqsQuery } from '../dialects/cc-collect/thqs.js';
import type { CallParams, InputsOf } from './inputs.js';
import { httpTransport, wirePairs, type ClientResponse, type Transport, type WireValue } from './transport.js';

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
}

/** A CC statistics client: GET with a THQS-signed query string, as CC's demos build it. */
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

  /** Any path with any parameters, unchecked (for undocumented paths and tests of refusals). */
  raw(path: string, params: Record<string, WireValue> = {}, opts: CcCallOptions = {}): Promise<ClientResponse<CcAnswer>> {
    const account = opts.accountParam ?? (path.startsWith('/openapi/') ? 'account_id' : 'userid');
    const all = Object.fromEntries([[account, this.options.userId], ...wirePairs(params)]);
    const qs = thqsQuery(all, opts.apiKey ?? this.options.apiKey, opts.time ?? this.now(), !opts.lowerCaseHash);
    return this.transport({ method: 'GET', url: `${path}?${qs}`, headers: {} }) as Promise<ClientResponse<CcAnswer>>;
  }
}
