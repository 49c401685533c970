// The floor for a signed Baijiayun room/info call on this machine: bare Fastify and raw
// better-sqlite3 prepared statements doing the same work as Lectern (form parse, partner lookup,
// md5 sign check, tenant, room and role-code lookups, JSON envelope), with no framework of ours.
// Not a server to use: it exists to show how close any design can get to the hello-world baseline.
// Started by bench/floor.mjs with the data dir of a Lectern database; prints {"port":N}.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import Fastify from 'fastify';

const require = createRequire(import.meta.url);
const SQLite = require('better-sqlite3');
const db = new SQLite(path.join(process.argv[2], 'lectern.db'), { readonly: true });
const credential = db.prepare('select * from "tenant_credentials" where "scheme" = ? and "key_id" = ?');
const tenantById = db.prepare('select * from "tenants" where "id" = ?');
const roomByNumericId = db.prepare('select * from "rooms" where "tenant_id" = ? and "numeric_id" = ?');
const roleCodes = db.prepare('select "role", "code" from "room_passes" where "room_id" = ? and "kind" = ?');

const fail = (code, msg) => ({ code, msg, data: null, ts: Math.floor(Date.now() / 1000) });
const dateTime = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'medium' });

const app = Fastify({ logger: false });
app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, body));
app.post('/openapi/room/info', async (req) => {
  const params = new URLSearchParams(req.body);
  const cred = credential.get('baijiayun', params.get('partner_id'));
  if (!cred) return fail(5, 'no partner');
  const ts = Number(params.get('timestamp'));
  if (Math.abs(Date.now() / 1000 - ts) > 300) return fail(6, 'stale');
  const pairs = [...params].filter(([k]) => k !== 'sign').sort(([a], [b]) => (a < b ? -1 : 1));
  const base = pairs.map(([k, v]) => `${k}=${v}`).join('&') + `&partner_key=${cred.secret}`;
  const sign = Buffer.from(createHash('md5').update(base).digest('hex'));
  const presented = Buffer.from(params.get('sign') ?? '');
  if (sign.length !== presented.length || !timingSafeEqual(sign, presented)) return fail(6, 'sign');
  const tenant = tenantById.get(cred.tenant_id);
  const room = roomByNumericId.get(tenant.id, params.get('room_id'));
  if (!room) return fail(7, 'no room');
  const codes = Object.fromEntries(roleCodes.all(room.id, 'role_code').map((r) => [r.role, r.code]));
  const props = JSON.parse(room.properties);
  return {
    code: 0,
    msg: '',
    data: {
      room_id: Number(room.numeric_id),
      title: room.title,
      start_time: dateTime.format(room.scheduled_start),
      end_time: dateTime.format(room.scheduled_end),
      type: Number(props.type ?? 2),
      max_users: room.max_attendees ?? 0,
      max_backup_users: 0,
      admin_code: codes.assistant,
      teacher_code: codes.host,
    },
    ts: Math.floor(Date.now() / 1000),
  };
});
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(JSON.stringify({ port: app.server.address().port }) + '\n');
const stop = () => app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
