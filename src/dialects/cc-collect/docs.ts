import type { DialectDocs } from '../framework/openapi.js';

export const CC_DOCS: DialectDocs = {
  title: 'CC (bokecc) statistics "collect" API — Lectern',
  description: [
    "Wire-compatible with CC's live statistics API: point an existing integration's base URL here.",
    '',
    '**THQS.** Sort the parameters by name into a query string, append `&time=<Unix seconds>&salt=<API key>`, and send the MD5 (either hex case) as `hash` ' +
      'after `time`: `…&time=T&hash=H`. The hash is verified over the raw query string as received; `time` must be within ±300 s.',
    '',
    '**Envelope.** `{"result":"OK","data":…,"error_msg":""}` (paged endpoints add `page_size`, `page_length`, `page_count`); a failure is ' +
      '`{"result":"FAIL","data":null,"error_msg":"…"}`. Endpoint 13 (`/openapi/collect/…`) answers `{"result","error","data","errorMsg"}`.',
    '',
    '**Times** are `yyyy-MM-dd[ HH:mm[:ss]]` in the account\'s time zone (Asia/Shanghai unless configured).',
  ].join('\n'),
  securitySchemes: {
    userid: { type: 'apiKey', in: 'query', name: 'userid', description: 'The account id (`account_id` for endpoint 13).' },
    hash: { type: 'apiKey', in: 'query', name: 'hash', description: 'THQS hash, sent after `time`.' },
  },
  authFields: [
    { name: 'userid', required: false, description: 'The account id (endpoints 1–12).' },
    { name: 'account_id', required: false, description: 'The account id (endpoint 13).' },
    { name: 'time', required: true, description: 'Unix time in seconds, within ±300 s.', schema: { type: 'integer' } },
    { name: 'hash', required: true, description: 'md5 of the sorted query + `&time=T&salt=KEY`, either hex case.' },
  ],
  successEnvelope: {
    type: 'object',
    required: ['result', 'data'],
    properties: { result: { const: 'OK' }, data: {}, error_msg: { type: 'string' }, errorMsg: { type: 'string' } },
    additionalProperties: true,
  },
  errorEnvelope: {
    type: 'object',
    required: ['result', 'data'],
    properties: { result: { const: 'FAIL' }, data: { type: 'null' }, error_msg: { type: 'string' }, error: {}, errorMsg: { type: 'string' } },
  },
};
