import { genseeError } from '../shared/gensee-errors.js';
import { genseeDocs } from '../shared/gensee-docs.js';
import { GENSEE_COERCION } from '../shared/gensee-time.js';
import type { Dialect } from '../framework/dialect.js';
import { authenticateGensee } from '../shared/gensee-auth.js';
import { genseeFailure, genseeNotFound, genseeSuccess } from '../shared/gensee-envelope.js';
import { TRAINING_PREFIX, type TrainingContext, type TrainingEndpoint } from './context.js';
import { TRAINING_ENDPOINTS } from './endpoints.js';
import { TRAINING_ERRORS } from './errors.js';

/** Gensee Training: the same site-password auth and envelope as Webcast, its own endpoint table. */
export const genseeTraining: Dialect<TrainingContext, TrainingEndpoint> = {
  name: 'gensee-training',
  prefixes: [TRAINING_PREFIX],
  coercion: GENSEE_COERCION,
  docs: genseeDocs('Gensee Training (课堂) integration API — Lectern', "Wire-compatible with Gensee Training's site integration API (`/integration/site/training/…`): point an existing integration's base URL here."),
  errors: TRAINING_ERRORS,
  endpoints: TRAINING_ENDPOINTS,
  authenticate: (req, endpoint, env) => authenticateGensee(req, endpoint.role, env),
  success: (payload) => genseeSuccess(payload),
  failure: (err) => genseeFailure(err),
  notFound: (req) => genseeNotFound(req),
  tenantDisabled: () => genseeError('AUTH', 'this site is disabled'),
};
