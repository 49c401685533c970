import { registerDeliveryPlanner } from '../../delivery/planning.js';
import { baijiayunCallbackPlanner } from './callbacks.js';
import { BAIJIAYUN_DOCS } from './docs.js';
import { EPOCH_SECONDS_COERCION } from '../framework/input.js';
import type { Dialect } from '../framework/dialect.js';
import { authenticateBaijiayun } from './auth.js';
import { BAIJIAYUN_PREFIX, type BaijiayunContext, type BaijiayunEndpoint } from './context.js';
import { BAIJIAYUN_ENDPOINTS } from './endpoints.js';
import { BAIJIAYUN_ERRORS } from './errors.js';
import { baijiayunFailure, baijiayunNotFound, baijiayunSuccess } from './envelope.js';
import { BaijiayunEntryAuth, preEnterWindow } from './entry-auth.js';

/** Baijiayun live: partner_id + timestamp + md5 sign; `{code, msg, data, ts}` envelope. */
export const baijiayun: Dialect<BaijiayunContext, BaijiayunEndpoint> = {
  name: 'baijiayun',
  prefixes: [BAIJIAYUN_PREFIX],
  coercion: EPOCH_SECONDS_COERCION,
  docs: BAIJIAYUN_DOCS,
  errors: BAIJIAYUN_ERRORS,
  endpoints: BAIJIAYUN_ENDPOINTS,
  authenticate: authenticateBaijiayun,
  success: (payload) => baijiayunSuccess(payload),
  failure: (err) => baijiayunFailure(err),
  notFound: (req) => baijiayunNotFound(req),
  setup: (env) => {
    env.services.entryChecks.register(new BaijiayunEntryAuth(env.services));
    env.services.entryChecks.registerEarlyEntry(preEnterWindow);
  },
};

// Baijiayun's callbacks are derived from the events of every transaction of this process.
registerDeliveryPlanner(baijiayunCallbackPlanner);
