import { genseeError } from '../shared/gensee-errors.js';
import { genseeDocs } from '../shared/gensee-docs.js';
import { GENSEE_COERCION } from '../shared/gensee-time.js';
import type { Dialect } from '../framework/dialect.js';
import { authenticateGensee } from '../shared/gensee-auth.js';
import { genseeFailure, genseeNotFound, genseeSuccess } from '../shared/gensee-envelope.js';
import { WEBCAST_PREFIX, type WebcastContext, type WebcastEndpoint } from './context.js';
import { WEBCAST_ENDPOINTS } from './endpoints.js';
import { WEBCAST_ERRORS } from './errors.js';

/** Gensee Webcast: site-password auth, `{code: "0", message, ...payload}` envelope. */
export const genseeWebcast: Dialect<WebcastContext, WebcastEndpoint> = {
  name: 'gensee-webcast',
  prefixes: [WEBCAST_PREFIX],
  coercion: GENSEE_COERCION,
  docs: genseeDocs('Gensee Webcast (展示互动) integration API — Lectern', "Wire-compatible with Gensee Webcast's site integration API (`/integration/site/webcast/…`): point an existing integration's base URL here."),
  errors: WEBCAST_ERRORS,
  endpoints: WEBCAST_ENDPOINTS,
  authenticate: (req, endpoint, env) => authenticateGensee(req, endpoint.role, env),
  success: (payload) => genseeSuccess(payload),
  failure: (err) => genseeFailure(err),
  notFound: (req) => genseeNotFound(req),
  tenantDisabled: () => genseeError('AUTH', 'this site is disabled'),
};
