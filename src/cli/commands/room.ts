import type { Command } from 'commander';
import type { Services } from '../../core/services.js';
import type { RoomRow } from '../../storage/schema.js';
import { print, tenantByRef, withServices } from '../shared.js';

/** A room under every name the dialects give it, so an operator can find it from any vendor's id. */
function roomView(room: RoomRow, tenantName: string) {
  const at = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    id: room.id, tenant: { id: room.tenant_id, name: tenantName }, title: room.title, kind: room.kind, status: room.status,
    scheduled_start: at(room.scheduled_start), scheduled_end: at(room.scheduled_end), deleted: room.deleted_at !== null, created_at: at(room.created_at),
    ids: {
      'gensee-webcast': { webcastId: room.public_id, number: room.number },
      'gensee-training': { roomId: room.public_id, number: room.number },
      baijiayun: { room_id: room.numeric_id },
      'cc-collect': { roomid: room.public_id.toUpperCase() },
    },
  };
}

/** Finds a room by any dialect's id: internal id, public id (any case), number or Baijiayun numeric id. */
async function findRoom(services: Services, ref: string, tenantId: string | undefined): Promise<RoomRow> {
  let q = services.db.selectFrom('rooms').selectAll();
  if (tenantId) q = q.where('tenant_id', '=', tenantId);
  const key = ref.trim();
  const rows = await q.where((eb) => eb.or([
    eb('public_id', '=', key.toLowerCase()), eb('number', '=', key), eb('numeric_id', '=', key),
    ...(/^\d{1,9}$/.test(key) ? [eb('id', '=', Number(key))] : []),
  ])).execute();
  if (rows.length === 0) throw new Error(`no room has the id "${ref}"${tenantId ? ' in that tenant' : ''}`);
  if (rows.length > 1) throw new Error(`"${ref}" names ${rows.length} rooms; give a public id or --tenant`);
  return rows[0];
}

/** `lectern room list|show`: rooms of every tenant (or one), whichever dialect made them. */
export function addRoomCommands(program: Command): void {
  const room = program.command('room').description('rooms across tenants and dialects');

  room.command('list').description('rooms, newest first')
    .option('--tenant <tenant>', 'only this tenant (id or name)')
    .option('--status <status>', 'scheduled | live | ended | terminated')
    .option('--deleted', 'include deleted rooms')
    .option('--limit <n>', 'at most this many', '100')
    .option('--json', 'print JSON')
    .action(async (opts: { tenant?: string; status?: string; deleted?: boolean; limit: string; json?: boolean }) => {
      const limit = Number(opts.limit);
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > 10_000) throw new Error(`--limit must be 1…10000, got "${opts.limit}"`);
      if (opts.status !== undefined && !['scheduled', 'live', 'ended', 'terminated'].includes(opts.status)) throw new Error(`--status must be scheduled, live, ended or terminated, got "${opts.status}"`);
      const rows = await withServices(async (s) => {
        const names = new Map((await s.tenants.list()).map((t) => [t.id, t.name]));
        let q = s.db.selectFrom('rooms').selectAll().orderBy('id', 'desc').limit(limit);
        if (opts.tenant !== undefined) q = q.where('tenant_id', '=', (await tenantByRef(s, opts.tenant)).id);
        if (opts.status !== undefined) q = q.where('status', '=', opts.status);
        if (!opts.deleted) q = q.where('deleted_at', 'is', null);
        return (await q.execute()).map((r) => roomView(r, names.get(r.tenant_id) ?? ''));
      });
      if (opts.json) return print(rows, true);
      for (const r of rows) {
        process.stdout.write(`${r.ids['gensee-webcast'].webcastId}  ${r.status.padEnd(10)} ${r.kind.padEnd(18)} ${r.tenant.name}  ${r.title}  (number ${r.ids['gensee-webcast'].number}, bjy room_id ${r.ids.baijiayun.room_id})${r.deleted ? ' deleted' : ''}\n`);
      }
    });

  room.command('show').argument('<room>', "any dialect's id: Gensee webcastId/roomId or number, Baijiayun room_id, CC roomid")
    .description('a room with its ids in every dialect, passes and classes')
    .option('--tenant <tenant>', 'tenant id or name (when the id is ambiguous)')
    .option('--json', 'print JSON')
    .action(async (ref: string, opts: { tenant?: string; json?: boolean }) => {
      const shown = await withServices(async (s) => {
        const tenantId = opts.tenant === undefined ? undefined : (await tenantByRef(s, opts.tenant)).id;
        const r = await findRoom(s, ref, tenantId);
        const tenant = await s.tenants.get(r.tenant_id);
        const passes = await s.db.selectFrom('room_passes').select(['role', 'kind', 'code', 'secret']).where('room_id', '=', r.id).where('kind', 'in', ['role_code', 'role_token']).orderBy('id').execute();
        const sessions = await s.db.selectFrom('live_sessions').select((eb) => eb.fn.countAll<number | string>().as('n')).where('room_id', '=', r.id).executeTakeFirst();
        return { ...roomView(r, tenant.name), passes: passes.map((p) => ({ role: p.role, kind: p.kind, code: p.code, token: p.secret })), classes: Number(sessions?.n ?? 0) };
      });
      print(shown, opts.json);
    });
}
