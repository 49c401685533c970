import type { DialectEnvironment, DialectRequest } from '../framework/dialect.js';
import { constantTimeEqual, staleTimestamp } from '../../core/crypto.js';
import type { BaijiayunContext, BaijiayunEndpoint } from './context.js';
import { BAIJIAYUN_SCHEME } from './credentials.js';
import { baijiayunError } from './errors.js';
import { verifyBaijiayunSign } from './signature.js';

/**
 * partner_id + timestamp + sign (catalog §1.2, §1.4). The timestamp is unix seconds within the
 * replay window; 13-digit millisecond values are refused (field notes 14).
 */
export async function authenticateBaijiayun(req: DialectRequest, endpoint: BaijiayunEndpoint, env: DialectEnvironment): Promise<BaijiayunContext> {
  const p = req.params;
  const partnerId = p.raw('partner_id')?.trim();
  if (!partnerId) throw baijiayunError('PARAM', 'partner_id is required');
  if (!/^\d{1,19}$/.test(partnerId)) throw baijiayunError('PARAM', 'partner_id must be an integer');
  const account = await env.services.tenants.findByCredential(BAIJIAYUN_SCHEME, partnerId);
  if (!account) throw baijiayunError('ACCOUNT_NOT_FOUND', `partner_id ${partnerId} does not exist`);

  const { credential, tenant } = account;
  const sign = p.raw('sign');
  const bySecret = endpoint.auth === 'secret_key' && !sign;
  if (bySecret) {
    const secret = p.raw('secret_key') ?? '';
    if (!secret) throw baijiayunError('PARAM', 'secret_key is required');
    if (!constantTimeEqual(secret, String(credential.extra.secret_key ?? ''))) throw baijiayunError('ACCOUNT_PERMISSION', 'secret_key is wrong');
  }
  const ts = p.raw('timestamp')?.trim();
  if (!bySecret || ts) {
    if (!ts) throw baijiayunError('PARAM', 'timestamp is required');
    if (!/^\d{1,10}$/.test(ts)) throw baijiayunError('PARAM', 'timestamp must be unix time in seconds (10 digits)');
    const stale = staleTimestamp(Number(ts), env.config.replayWindowSeconds);
    if (stale) throw baijiayunError('SIGN', `timestamp is ${stale.description}`);
  }
  if (!bySecret) {
    if (!sign) throw baijiayunError('PARAM', 'sign is required');
    if (!verifyBaijiayunSign(p.pairs(), credential.secret, sign)) throw baijiayunError('SIGN', 'sign does not match the parameters');
  }
  return { req, params: p, services: env.services, config: env.config, tenant, credential, zone: tenant.settings.timeZone ?? env.config.timeZone };
}
