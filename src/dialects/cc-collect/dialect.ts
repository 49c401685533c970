import { CC_DOCS } from './docs.js';
import { CC_COERCION } from './handlers/common.js';
import type { Dialect } from '../framework/dialect.js';
import { authenticateCc } from './auth.js';
import type { CcContext, CcEndpoint } from './context.js';
import { CC_ENDPOINTS } from './endpoints.js';
import { CC_ERRORS, ccError } from './errors.js';
import { ccFailure, ccNotFound, ccSuccess } from './envelope.js';

/** CC statistics "collect": THQS-signed queries; `{result, data, error_msg}` envelope (13 has its own). */
export const ccCollect: Dialect<CcContext, CcEndpoint> = {
  name: 'cc-collect',
  prefixes: ['/collect', '/openapi/collect'],
  coercion: CC_COERCION,
  docs: CC_DOCS,
  errors: CC_ERRORS,
  endpoints: CC_ENDPOINTS,
  authenticate: authenticateCc,
  success: (payload, req) => ccSuccess(payload, req),
  failure: (err, req) => ccFailure(err, req),
  notFound: (req) => ccNotFound(req),
  tenantDisabled: () => ccError('AUTH_FAILED', 'this account is disabled'),
  // Every call is THQS-signed (time + hash).
  replayProtected: () => true,
};
