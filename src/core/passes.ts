import type { Kysely } from 'kysely';
import type { Database, RoomRow } from '../storage/schema.js';
import { invalid } from './errors.js';
import { randomCode, randomDigits } from './ids.js';
import { withUniqueRetry } from './transactions.js';
import { PASS_ROLES, type PassRole } from './pass-roles.js';
import { ReadCache } from './read-cache.js';

/** Pass kinds of join codes other than role codes (join-codes.ts, room-groups.ts own them; named here to avoid an import cycle). */
const PERSONAL_CODE_KIND = 'personal_code';
const GROUP_CODE_KIND = 'group_code';

export { PASS_ROLES, type PassRole } from './pass-roles.js';

/** The shared per-role join codes of a room: one for hosts (teachers), assistants and students. */
export interface RoleCodes {
  host: string;
  assistant: string;
  student: string;
}

/** The per-role join passwords of a room. Students may join without one (null). */
export interface RoleTokens {
  host: string;
  assistant: string;
  student: string | null;
}

/** Tokens a creator or an update asks for; an empty or null student token means "no token". */
export interface TokenChoice {
  host?: string;
  assistant?: string;
  student?: string | null;
}

export interface RolePasses {
  codes: RoleCodes;
  tokens: RoleTokens;
}

/** One row per (room, kind, role) for these two kinds: a unique index (migration 006) holds it. */
const ROLE_CODE = 'role_code';
const ROLE_TOKEN = 'role_token';
const CODE_LENGTH = 6;
const TOKEN_DIGITS = 6;

function checkToken(role: PassRole, value: string | undefined): void {
  if (value !== undefined && value.trim() === '') throw invalid(`the ${role} token cannot be empty`, `${role} token`);
}

/**
 * Host and assistant always have a token: when a creator gives none, one is generated (six digits,
 * different from the room's other tokens, as the vendors that generate them do). Students have one
 * only when it is given.
 */
function tokensForNewRoom(choice: TokenChoice): RoleTokens {
  checkToken('host', choice.host);
  checkToken('assistant', choice.assistant);
  const student = choice.student ? choice.student : null;
  const taken = new Set([choice.host, choice.assistant, student].filter((t): t is string => typeof t === 'string'));
  const fresh = () => {
    let t: string;
    do t = randomDigits(TOKEN_DIGITS); while (taken.has(t));
    taken.add(t);
    return t;
  };
  return { host: choice.host ?? fresh(), assistant: choice.assistant ?? fresh(), student };
}

/**
 * Issues a new room's role passes — a join code and a token per role — on the caller's executor,
 * inside the transaction that creates the room, so no room ever exists without them and reading
 * them never writes.
 */
export async function issueRolePasses(db: Kysely<Database>, room: RoomRow, choice: TokenChoice, now: number): Promise<RolePasses> {
  const tokens = tokensForNewRoom(choice);
  const base = { tenant_id: room.tenant_id, room_id: room.id, user_number: null, user_name: null, user_avatar: null, group_id: null, created_at: now };
  // Codes are globally unique: a collision (with another room's code, or between the three) retries all three.
  const codes = await withUniqueRetry(db, async () => {
    const drawn: RoleCodes = { host: randomCode(CODE_LENGTH), assistant: randomCode(CODE_LENGTH), student: randomCode(CODE_LENGTH) };
    await db.insertInto('room_passes')
      .values(PASS_ROLES.map((role) => ({ ...base, kind: ROLE_CODE, role, code: drawn[role], secret: null })))
      .execute();
    return drawn;
  });
  await db.insertInto('room_passes')
    .values(PASS_ROLES.map((role) => ({ ...base, kind: ROLE_TOKEN, role, code: null, secret: tokens[role] })))
    .execute();
  return { codes, tokens };
}

/** Changes the tokens named in `changes` (run inside the room update's transaction). */
export async function changeRoleTokens(db: Kysely<Database>, room: RoomRow, changes: TokenChoice): Promise<void> {
  checkToken('host', changes.host);
  checkToken('assistant', changes.assistant);
  for (const role of PASS_ROLES) {
    const value = changes[role];
    if (value === undefined) continue;
    const result = await db.updateTable('room_passes').set({ secret: value === '' ? null : value })
      .where('room_id', '=', room.id).where('kind', '=', ROLE_TOKEN).where('role', '=', role)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new Error(`room ${room.id} has no ${role} token pass`);
  }
}

type PassRow = { room_id: number; kind: string; role: string; code: string | null; secret: string | null };

/** A room's role passes from its rows; a room without them breaks the invariant issueRolePasses keeps. */
function assemble(roomId: number, rows: readonly PassRow[]): RolePasses {
  const find = (kind: string, role: PassRole) => {
    const row = rows.find((r) => r.kind === kind && r.role === role);
    if (!row) throw new Error(`room ${roomId} has no ${kind} pass for ${role}`);
    return row;
  };
  const code = (role: PassRole) => find(ROLE_CODE, role).code!;
  const secret = (role: PassRole) => find(ROLE_TOKEN, role).secret;
  return {
    codes: { host: code('host'), assistant: code('assistant'), student: code('student') },
    tokens: { host: secret('host') ?? '', assistant: secret('assistant') ?? '', student: secret('student') },
  };
}

/** Reads join passes: the role codes and role tokens every room gets at creation. Never writes. */
export class PassService {
  constructor(private readonly db: Kysely<Database>, private readonly cache = new ReadCache()) {}

  private rolePassRows(roomIds: readonly number[]): Promise<PassRow[]> {
    return this.db.selectFrom('room_passes').select(['room_id', 'kind', 'role', 'code', 'secret'])
      .where('room_id', 'in', [...roomIds]).where('kind', 'in', [ROLE_CODE, ROLE_TOKEN]).execute();
  }

  async rolePasses(room: RoomRow): Promise<RolePasses> {
    const rows = (await this.cache.get(`role-passes:${room.id}`, () => this.rolePassRows([room.id])))!;
    return assemble(room.id, rows);
  }

  async roleCodes(room: RoomRow): Promise<RoleCodes> {
    return (await this.rolePasses(room)).codes;
  }

  async roleTokens(room: RoomRow): Promise<RoleTokens> {
    return (await this.rolePasses(room)).tokens;
  }

  /** The role passes of a page of rooms, read in one query (listings must not query per row). */
  async rolePassesOf(rooms: readonly RoomRow[]): Promise<Map<number, RolePasses>> {
    const rows = rooms.length === 0 ? [] : await this.rolePassRows(rooms.map((r) => r.id));
    const byRoom = new Map<number, PassRow[]>();
    for (const r of rows) {
      const list = byRoom.get(Number(r.room_id));
      if (list) list.push(r);
      else byRoom.set(Number(r.room_id), [r]);
    }
    return new Map(rooms.map((room) => [room.id, assemble(room.id, byRoom.get(room.id) ?? [])]));
  }

  /**
   * Which room and role a join code opens (codes are unique across tenants): a role code, or a
   * personal code (`userNumber`: whose; 0 is a shared invite), or a group's code (`groupNumber`).
   * Undefined: no such code.
   */
  async byCode(code: string): Promise<{ tenantId: string; roomId: number; role: PassRole; userNumber: number | null; kind: string; groupNumber: number | null } | undefined> {
    const row = await this.db.selectFrom('room_passes').select(['tenant_id', 'room_id', 'role', 'user_number', 'kind', 'group_id'])
      .where('kind', 'in', [ROLE_CODE, PERSONAL_CODE_KIND, GROUP_CODE_KIND]).where('code', '=', code).executeTakeFirst();
    if (!row || !(PASS_ROLES as readonly string[]).includes(row.role)) return undefined;
    return {
      tenantId: row.tenant_id, roomId: Number(row.room_id), role: row.role as PassRole, userNumber: row.user_number === null ? null : Number(row.user_number),
      kind: row.kind, groupNumber: row.group_id === null ? null : Number(row.group_id),
    };
  }

  async roleCodesOf(rooms: readonly RoomRow[]): Promise<Map<number, RoleCodes>> {
    const passes = await this.rolePassesOf(rooms);
    return new Map([...passes].map(([id, p]) => [id, p.codes]));
  }
}
