import type { DialectDocs } from '../framework/openapi.js';
import { BAIJIAYUN_ERRORS } from './errors.js';

export const BAIJIAYUN_DOCS: DialectDocs = {
  title: 'Baijiayun live (百家云直播) server API — Lectern',
  description: [
    "Wire-compatible with Baijiayun's live server API: point an existing integration's base URL here.",
    '',
    '**Signing.** Every call carries `partner_id`, `timestamp` (Unix seconds, within ±300 s of the server clock) and `sign`: ' +
      'sort every other parameter by name, join as `k1=v1&k2=v2…` with the raw values, append `&partner_key=<key>`, and send the lowercase hex MD5. ' +
      'File fields take no part. `partner/createkey` is authenticated by `secret_key` instead.',
    '',
    '**Envelope.** `{"code":0,"msg":"","data":…,"ts":<server time>}`; a failure has a non-zero `code` and `data: null`.',
  ].join('\n'),
  securitySchemes: {
    partner_id: { type: 'apiKey', in: 'query', name: 'partner_id', description: 'The account id (also accepted in a form body).' },
    sign: { type: 'apiKey', in: 'query', name: 'sign', description: 'md5 signature over the sorted parameters and the partner_key.' },
  },
  authFields: [
    { name: 'partner_id', required: true, description: 'The account id.', schema: { type: 'integer' } },
    { name: 'timestamp', required: true, description: 'Unix time in seconds (10 digits), within ±300 s.', schema: { type: 'integer' } },
    { name: 'sign', required: true, description: '32 lowercase hex: md5 of the sorted parameters + `&partner_key=…`.', schema: { pattern: '^[0-9a-f]{32}$' } },
  ],
  successEnvelope: {
    type: 'object',
    required: ['code', 'data'],
    properties: { code: { const: 0 }, msg: { type: 'string' }, data: {}, ts: { type: 'integer' } },
  },
  errorEnvelope: {
    type: 'object',
    required: ['code', 'msg', 'data'],
    properties: { code: { enum: Object.values(BAIJIAYUN_ERRORS).map((e) => e.code) }, msg: { type: 'string' }, data: { type: 'null' }, ts: { type: 'integer' } },
  },
};
