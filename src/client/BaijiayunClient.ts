import type { BAIJIAYUN_ENDPOINTS } from '../dialects/baijiayun/endpoints.js';
import { baijiayunSign } from '../dialects/baijiayun/signature.js';
import type { CallParams, InputsOf } from './inputs.js';
import { httpTransport, formOf, wirePairs, type ClientResponse, type Transport, type WireValue } from './transport.js';

export type BaijiayunInputs = InputsOf<(typeof BAIJIAYUN_ENDPOINTS)[number]>;

/** `{code, msg, data, ts}` */
export interface BaijiayunAnswer<Data = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  code: number;
  msg: string;
  data: Data;
  ts: number;
}

export interface BaijiayunClientOptions {
  partnerId: string | number;
  partnerKey: string;
  /** Base URL of the server (`https://…`), or a transport of your own. */
  baseUrl?: string;
  transport?: Transport;
  /** Unix seconds; defaults to the local clock. */
  now?: () => number;
}

export interface BaijiayunCallOptions {
  timestamp?: number;
  /** Sign with another key (tests of refusals). */
  partnerKey?: string;
  /** Send no `sign` (as `partner/createkey` callers do). */
  unsigned?: boolean;
  /** Change the signed form before it is sent (tests of tampering). */
  tamper?: (form: URLSearchParams) => void;
  method?: 'GET' | 'POST';
}

/**
 * A Baijiayun live API client: form POSTs signed as the vendor's PHP sample signs them
 * (every parameter, sorted, `&partner_key=…`, md5). Paths and parameters are typed from Lectern's
 * own endpoint table.
 */
export class BaijiayunClient {
  private readonly transport: Transport;
  private readonly now: () => number;

  constructor(private readonly options: BaijiayunClientOptions) {
    if (!options.transport && !options.baseUrl) throw new Error('BaijiayunClient needs a baseUrl or a transport');
    this.transport = options.transport ?? httpTransport(options.baseUrl!);
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
  }

  /** Calls a documented endpoint with its declared parameters. */
  call<P extends keyof BaijiayunInputs & string>(path: P, params: CallParams<BaijiayunInputs[P]>, opts?: BaijiayunCallOptions): Promise<ClientResponse<BaijiayunAnswer>> {
    return this.raw(path, params as Record<string, WireValue>, opts);
  }

  /** Any path with any parameters, unchecked (for undocumented paths and tests of refusals). */
  raw(path: string, params: Record<string, WireValue> = {}, opts: BaijiayunCallOptions = {}): Promise<ClientResponse<BaijiayunAnswer>> {
    const pairs: Array<[string, string]> = [['partner_id', String(this.options.partnerId)], ['timestamp', String(opts.timestamp ?? this.now())], ...wirePairs(params)];
    const form = new URLSearchParams(pairs);
    if (!opts.unsigned) form.set('sign', baijiayunSign(pairs, opts.partnerKey ?? this.options.partnerKey));
    opts.tamper?.(form);
    if (opts.method === 'GET') return this.transport({ method: 'GET', url: `${path}?${form}`, headers: {} }) as Promise<ClientResponse<BaijiayunAnswer>>;
    return this.transport({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: formOf([...form]) }) as Promise<ClientResponse<BaijiayunAnswer>>;
  }
}
