import { staleTimestamp } from '../../core/crypto.js';
import type { DialectEnvironment, DialectRequest } from '../framework/dialect.js';
import type { CcContext, CcEndpoint } from './context.js';
import { CC_SCHEME } from './credentials.js';
import { ccError } from './errors.js';
import { splitThqs, thqsSignedPart, verifyThqs, type ThqsParts } from './thqs.js';

/** A JSON body field as the text it is signed as. */
const fieldText = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v));

/**
 * Where the THQS string is: the query string (GET, and POST with a signed URL), else a url-encoded
 * body, else a JSON body whose fields carry time/hash (signed as CC's demos build a query string).
 */
function thqsParts(req: DialectRequest): ThqsParts {
  const fromQuery = splitThqs(req.rawQuery);
  if (fromQuery.hash !== undefined) return fromQuery;
  if (req.rawForm !== undefined) return splitThqs(req.rawForm);
  const body = req.jsonBody;
  if (body && typeof body === 'object' && !Array.isArray(body) && 'hash' in body) {
    const fields = Object.entries(body as Record<string, unknown>).filter(([k, v]) => k !== 'time' && k !== 'hash' && v !== null && v !== undefined);
    const b = body as Record<string, unknown>;
    return { signedPart: thqsSignedPart(fields.map(([k, v]) => [k, fieldText(v)])), time: b.time === undefined ? undefined : String(b.time), hash: String(b.hash) };
  }
  return fromQuery;
}

/** THQS: account id in the parameters, `time` (unix seconds) within the replay window, md5 `hash` in either case. */
export async function authenticateCc(req: DialectRequest, endpoint: CcEndpoint, env: DialectEnvironment): Promise<CcContext> {
  const account = req.params.string(endpoint.accountParam);
  if (!account) throw ccError('MISSING_PARAM', `${endpoint.accountParam} is required`);
  const parts = thqsParts(req);
  if (!parts.time || !parts.hash) throw ccError('AUTH_MISSING');
  if (!/^\d{1,12}$/.test(parts.time)) throw ccError('AUTH_FAILED', 'time must be unix seconds');
  const stale = staleTimestamp(Number(parts.time), env.config.replayWindowSeconds);
  if (stale) throw ccError('AUTH_EXPIRED', `time is ${stale.description}`);
  const found = await env.services.tenants.findByCredential(CC_SCHEME, account.toUpperCase());
  // An unknown account and a wrong key answer alike, so the account ids cannot be probed.
  if (!found || !verifyThqs(parts, found.credential.secret)) throw ccError('AUTH_FAILED');
  const { credential, tenant } = found;
  return { req, params: req.params, services: env.services, config: env.config, tenant, account: credential.keyId, zone: tenant.settings.timeZone ?? env.config.timeZone };
}
