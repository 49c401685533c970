import type { TObject } from '@sinclair/typebox';
import type { Endpoint, DialectRequest, WithInput } from '../framework/dialect.js';
import type { Params } from '../framework/params.js';
import type { Services } from '../../core/services.js';
import type { Tenant } from '../../core/tenants.js';
import type { LecternConfig } from '../../config.js';

export interface CcContext {
  req: DialectRequest;
  params: Params;
  services: Services;
  config: LecternConfig;
  tenant: Tenant;
  zone: string;
}

/** What a CC handler returns: the `data` payload, plus fields that sit beside it (paging, echoed ids). */
export interface CcResult {
  data: unknown;
  extra?: Record<string, unknown>;
}

export interface CcEndpoint extends Endpoint<CcContext> {
  /** The account parameter: `userid` (1–12) or `account_id` (13). */
  accountParam: 'userid' | 'account_id';
  handle(ctx: WithInput<CcContext, TObject>): Promise<CcResult>;
}
