import type { DialectDocs } from '../framework/openapi.js';
import { GENSEE_ERRORS } from './gensee-errors.js';

/** What both Gensee APIs document alike: site-password auth, the flat envelope, the shared error table. */
export function genseeDocs(title: string, intro: string): DialectDocs {
  return {
    title,
    description: [
      intro,
      '',
      '**Authentication.** Every call carries `loginName` and `password` of a site user (the site is named by the Host header; on loopback the default site). ' +
        'With `sec=true` the password is sent as the lowercase hex MD5 of the plain password. Admin-only endpoints refuse organizers with code 200.',
      '',
      '**Envelope.** `{"code":"0","message":"成功", …payload}` on success: the payload\'s fields sit beside `code` and `message`. A failure is `{"code": "<code>", "message": "<text>: <detail>"}`.',
      '',
      '**Times** are `yyyy-MM-dd HH:mm:ss` in the site\'s time zone (Asia/Shanghai unless configured), or epoch milliseconds.',
    ].join('\n'),
    securitySchemes: {
      loginName: { type: 'apiKey', in: 'query', name: 'loginName', description: 'Login name of a site user (also accepted in a form body).' },
      password: { type: 'apiKey', in: 'query', name: 'password', description: 'The password; its MD5 hex when `sec=true` (also accepted in a form body).' },
    },
    authFields: [
      { name: 'loginName', required: true, description: 'Login name of a site user.' },
      { name: 'password', required: true, description: 'The plain password, or its lowercase hex MD5 with sec=true.', schema: { format: 'password' } },
      { name: 'sec', required: false, description: '"true": password is the MD5 of the plain password.', schema: { enum: ['true', 'false'] } },
    ],
    successEnvelope: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { const: '0' }, message: { type: 'string' } },
      additionalProperties: true,
    },
    errorEnvelope: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { enum: Object.values(GENSEE_ERRORS).map((e) => e.code) }, message: { type: 'string' } },
    },
  };
}
