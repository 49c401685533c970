import type { Kysely } from 'kysely';
import type { Database, RoomRow } from '../storage/schema.js';
import { randomCode } from './ids.js';
import { withUniqueRetry } from './transactions.js';
import { pageOffset, type NumberedPage, type PageRequest } from './paging.js';

/** The pass kind of personal codes: one per (room, user number), unique index of migration 007. */
export const PERSONAL_CODE = 'personal_code';
const CODE_LENGTH = 6;

/** A join code issued to one user of the customer's own user system (the user number). */
export interface PersonalCode {
  code: string;
  roomId: number;
  /** 0: a shared invite code, which any number of students may use at once. */
  userNumber: number;
  avatar: string | null;
  createdAt: number;
}

/**
 * Whether only one person at a time may be in the room with this code: true for a code tied to a
 * user (a later entrant takes the place of the earlier one), false for the shared invite code.
 * The live runtime applies it at entry.
 */
export function isSingleSession(code: Pick<PersonalCode, 'userNumber'>): boolean {
  return code.userNumber !== 0;
}

type Row = { code: string | null; room_id: number; user_number: number | null; user_avatar: string | null; created_at: number };

const toCode = (r: Row): PersonalCode => ({ code: r.code!, roomId: Number(r.room_id), userNumber: Number(r.user_number), avatar: r.user_avatar, createdAt: Number(r.created_at) });

/** Any join code of a tenant, found by its text. */
export interface CodeRecord {
  code: string;
  /** role_code, personal_code, group_code… */
  kind: string;
  role: string;
  roomId: number;
  userNumber: number | null;
  groupNumber: number | null;
  createdAt: number;
}

/** Where a join code leads: a room, the role it enters as, and for a group's code the group's number. */
export interface JoinTarget {
  tenantId: string;
  roomId: number;
  role: string;
  groupNumber: number | null;
}

/** Join codes: personal codes (student passes tied to a user number), and finding any code by its text. */
export class JoinCodes {
  constructor(private readonly db: Kysely<Database>) {}

  private find(room: RoomRow, userNumber: number): Promise<Row | undefined> {
    return this.db.selectFrom('room_passes').select(['code', 'room_id', 'user_number', 'user_avatar', 'created_at'])
      .where('room_id', '=', room.id).where('kind', '=', PERSONAL_CODE).where('user_number', '=', userNumber).executeTakeFirst();
  }

  /**
   * The user's code for the room: the one issued before (its avatar replaced when a new one is
   * given), else a new one, unique across all rooms. Concurrent first requests for the same user
   * get the same code.
   */
  async issuePersonal(room: RoomRow, userNumber: number, avatar: string | null, now = Date.now()): Promise<PersonalCode> {
    return withUniqueRetry(this.db, async () => {
      const existing = await this.find(room, userNumber);
      if (existing) {
        if (avatar !== null && avatar !== existing.user_avatar) {
          await this.db.updateTable('room_passes').set({ user_avatar: avatar })
            .where('room_id', '=', room.id).where('kind', '=', PERSONAL_CODE).where('user_number', '=', userNumber).execute();
          return toCode({ ...existing, user_avatar: avatar });
        }
        return toCode(existing);
      }
      // A collision (on the code, or with a concurrent issue for the same user) retries: the retry finds that user's code.
      const row = { tenant_id: room.tenant_id, room_id: room.id, role: 'student', code: randomCode(CODE_LENGTH), secret: null, user_number: userNumber, user_name: null, user_avatar: avatar, kind: PERSONAL_CODE, group_id: null, created_at: now };
      await this.db.insertInto('room_passes').values(row).execute();
      return toCode(row);
    });
  }

  /** The tenant's code with this text (codes of other tenants are not found). */
  async lookup(tenantId: string, code: string): Promise<CodeRecord | undefined> {
    const r = await this.db.selectFrom('room_passes').select(['code', 'kind', 'role', 'room_id', 'user_number', 'group_id', 'created_at'])
      .where('code', '=', code).where('tenant_id', '=', tenantId).executeTakeFirst();
    if (!r) return undefined;
    return {
      code: r.code!, kind: r.kind, role: r.role, roomId: Number(r.room_id), userNumber: r.user_number === null ? null : Number(r.user_number),
      groupNumber: r.group_id === null ? null : Number(r.group_id), createdAt: Number(r.created_at),
    };
  }

  /**
   * What a join link's code opens, whatever its kind (role code, group code, personal code), in a
   * room that still exists: codes are unique across every room, so the classroom entry needs no tenant.
   */
  async resolve(code: string): Promise<JoinTarget | undefined> {
    const row = await this.db.selectFrom('room_passes').innerJoin('rooms', 'rooms.id', 'room_passes.room_id')
      .select(['room_passes.tenant_id', 'room_passes.room_id', 'room_passes.role', 'room_passes.group_id'])
      .where('room_passes.code', '=', code).where('rooms.deleted_at', 'is', null).executeTakeFirst();
    return row && { tenantId: row.tenant_id, roomId: Number(row.room_id), role: row.role, groupNumber: row.group_id === null ? null : Number(row.group_id) };
  }

  /** One numbered page of the room's personal codes, in the order they were issued. */
  async pagePersonal(room: RoomRow, page: PageRequest): Promise<NumberedPage<PersonalCode>> {
    const base = this.db.selectFrom('room_passes').where('room_id', '=', room.id).where('kind', '=', PERSONAL_CODE);
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await base.select(['code', 'room_id', 'user_number', 'user_avatar', 'created_at']).orderBy('id')
      .limit(page.pageSize).offset(pageOffset(page)).execute();
    return { rows: rows.map(toCode), total: Number(n) };
  }
}
