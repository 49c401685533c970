import type { TObject } from '@sinclair/typebox';
import { endpointBuilder, type Endpoint, type DialectRequest, type WithInput } from '../framework/dialect.js';
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
  /** The authenticated account id (`userid` / `account_id`), upper case as CC writes it. */
  account: string;
  zone: string;
}

/** What a CC handler returns: the `data` payload, plus fields that sit beside it (paging, echoed ids). */
export interface CcResult {
  data: unknown;
  extra?: Record<string, unknown>;
}

/** The account parameter: `userid` (1–12) or `account_id` (13). It is part of the auth, not of an endpoint's input. */
export type CcAccountParam = 'userid' | 'account_id';

export interface CcEndpoint extends Endpoint<CcContext> {
  accountParam: CcAccountParam;
  handle(ctx: WithInput<CcContext, TObject>): Promise<CcResult>;
}

/** Declares a row of the table (see `endpointBuilder`); handlers answer a `CcResult`. */
export const ccEndpoint = endpointBuilder<CcContext, { accountParam: CcAccountParam }, CcResult>();
