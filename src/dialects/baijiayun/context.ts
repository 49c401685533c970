import { endpointBuilder, type Endpoint, type DialectRequest } from '../framework/dialect.js';
import type { Params } from '../framework/params.js';
import type { Services } from '../../core/services.js';
import type { Tenant, Credential } from '../../core/tenants.js';
import type { LecternConfig } from '../../config.js';

export interface BaijiayunContext {
  req: DialectRequest;
  params: Params;
  services: Services;
  config: LecternConfig;
  tenant: Tenant;
  credential: Credential;
  zone: string;
}

/**
 * A row of the endpoint table. `auth: 'secret_key'` marks partner/createkey, which clients call
 * before they hold a partner key (field notes 13).
 */
export interface BaijiayunEndpoint extends Endpoint<BaijiayunContext> {
  auth?: 'sign' | 'secret_key';
}

export const BAIJIAYUN_PREFIX = '/openapi';

/** Declares a row of the table (see `endpointBuilder`). */
export const baijiayunEndpoint = endpointBuilder<BaijiayunContext, { auth?: 'sign' | 'secret_key' }>();
