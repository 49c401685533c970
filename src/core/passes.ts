import type { Kysely } from 'kysely';
import type { Database, RoomRow } from '../storage/schema.js';
import { randomCode } from './ids.js';
import { withUniqueRetry } from './transactions.js';
import { ReadCache } from './read-cache.js';

/** The shared per-role join codes of a room: one for hosts (teachers), assistants and students. */
export interface RoleCodes {
  host: string;
  assistant: string;
  student: string;
}

const ROLE_CODE = 'role_code';

/** Join passes: role codes shared by everyone of a role, and personal codes tied to one user number. */
export class PassService {
  constructor(private readonly db: Kysely<Database>, private readonly cache = new ReadCache()) {}

  /** The room's role codes, created on first use (rooms made through any dialect get them the same way). */
  async roleCodes(room: RoomRow, now = Date.now()): Promise<RoleCodes> {
    const existing = (await this.cache.get(`role-codes:${room.id}`, () => this.db.selectFrom('room_passes').select(['role', 'code'])
      .where('room_id', '=', room.id).where('kind', '=', ROLE_CODE).execute()))!;
    return this.complete(room, new Map(existing.map((r) => [r.role, r.code!])), now);
  }

  /** The role codes of a page of rooms, read in one query (listings must not query per row). */
  async roleCodesOf(rooms: readonly RoomRow[], now = Date.now()): Promise<Map<number, RoleCodes>> {
    const rows = rooms.length === 0 ? [] : await this.db.selectFrom('room_passes').select(['room_id', 'role', 'code'])
      .where('room_id', 'in', rooms.map((r) => r.id)).where('kind', '=', ROLE_CODE).execute();
    const byRoom = new Map<number, Map<string, string>>();
    for (const r of rows) {
      const have = byRoom.get(r.room_id) ?? new Map<string, string>();
      have.set(r.role, r.code!);
      byRoom.set(r.room_id, have);
    }
    const out = new Map<number, RoleCodes>();
    for (const room of rooms) out.set(room.id, await this.complete(room, byRoom.get(room.id) ?? new Map(), now));
    return out;
  }

  /** Creates whichever of the three codes the room lacks. */
  private async complete(room: RoomRow, have: Map<string, string>, now: number): Promise<RoleCodes> {
    for (const role of ['host', 'assistant', 'student'] as const) {
      if (have.has(role)) continue;
      const code = await withUniqueRetry(this.db, async () => {
        const c = randomCode(6);
        await this.db.insertInto('room_passes').values({
          tenant_id: room.tenant_id, room_id: room.id, role, code: c, secret: null, user_number: null, user_name: null, user_avatar: null, kind: ROLE_CODE, group_id: null, created_at: now,
        }).execute();
        return c;
      });
      have.set(role, code);
    }
    return { host: have.get('host')!, assistant: have.get('assistant')!, student: have.get('student')! };
  }
}
