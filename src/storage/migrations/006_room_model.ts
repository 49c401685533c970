import { sql, type Kysely } from 'kysely';
import { randomCode, randomDigits } from '../../core/ids.js';
import { withUniqueRetry } from '../../core/transactions.js';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema
type Props = Record<string, unknown>;

/*
 * The room model every dialect reads (docs/compat/cross-dialect.md):
 * - `rooms.kind` (a core RoomKind) replaces the `product` string;
 * - `rooms.audio_aac` holds the AAC switch that Gensee kept as `aac` or `aacSupport` properties;
 * - role tokens, kept as properties under Webcast or Training names, become `role_token` passes;
 * - every room gets its three role codes now (they used to be created on first read, and two
 *   concurrent first reads could give a room two codes for one role: the first issued is kept);
 * - a unique index allows one role code and one role token per (room, role).
 * The mappings below are frozen copies: later changes to the dialects must not change this migration.
 */

const ROLES = ['host', 'assistant', 'student'] as const;
type Role = (typeof ROLES)[number];

/** Property names the tokens had, Webcast's first. */
const TOKEN_KEYS: Record<Role, readonly string[]> = {
  host: ['organizerToken', 'teacherToken'],
  assistant: ['panelistToken', 'assistantToken'],
  student: ['attendeeToken', 'studentToken'],
};
/** Properties whose values now live in columns or passes (industry_type: in the kind). */
const MOVED_KEYS = [...Object.values(TOKEN_KEYS).flat(), 'aac', 'aacSupport', 'industry_type'];

const flag = (props: Props, key: string) => Number(props[key] ?? 0);

/** What the Baijiayun dialect's room/create made of these values when the room was created (type 2). */
function kindOfLargeClass(props: Props, enterprise: boolean): string {
  if (flag(props, 'new_group_live') === 2) return 'dual_teacher';
  if ([1, 2].includes(flag(props, 'is_group_live')) || flag(props, 'new_group_live') === 1) return 'group_live';
  if (flag(props, 'is_push_live') === 1) return 'push_live';
  if (flag(props, 'is_mock_live') === 1) return 'pseudo_live';
  return enterprise ? 'webinar' : 'large_class';
}

function kindOf(product: string, props: Props): string {
  switch (product) {
    case 'training': return 'interactive_class';
    case 'dual-teacher': return 'dual_teacher';
    case 'small-class': return flag(props, 'type') === 1 ? 'one_to_one' : 'small_class';
    case 'live-edu': return kindOfLargeClass(props, false);
    case 'live-enterprise': return kindOfLargeClass(props, true);
    default: return 'large_class'; // 'webcast', and the generic 'class' of tools and tests
  }
}

function firstString(props: Props, keys: readonly string[]): string | null {
  for (const k of keys) {
    const v = props[k];
    if (typeof v === 'string' && v.trim() !== '') return v;
  }
  return null;
}

/** The room's tokens: the stored ones; host and assistant generated when missing, as creation does now. */
function tokensOf(props: Props): Record<Role, string | null> {
  const tokens = { host: firstString(props, TOKEN_KEYS.host), assistant: firstString(props, TOKEN_KEYS.assistant), student: firstString(props, TOKEN_KEYS.student) };
  const taken = new Set(Object.values(tokens).filter((t) => t !== null));
  for (const role of ['host', 'assistant'] as const) {
    while (tokens[role] === null) {
      const t = randomDigits(6);
      if (!taken.has(t)) {
        tokens[role] = t;
        taken.add(t);
      }
    }
  }
  return tokens;
}

const BATCH = 500;

async function migrate(db: AnyDb): Promise<void> {
  await db.schema.alterTable('rooms').addColumn('kind', 'text', (c) => c.notNull().defaultTo('large_class')).execute();
  await db.schema.alterTable('rooms').addColumn('audio_aac', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  await db.deleteFrom('room_passes').where('kind', '=', 'role_code')
    .where('id', 'not in', db.selectFrom('room_passes').where('kind', '=', 'role_code').select((eb) => eb.fn.min('id').as('id')).groupBy(['room_id', 'role']))
    .execute();

  for (let after = 0; ;) {
    const rooms: Array<{ id: number; tenant_id: string; product: string; properties: string; created_at: number }> = await db.selectFrom('rooms')
      .select(['id', 'tenant_id', 'product', 'properties', 'created_at']).where('id', '>', after).orderBy('id').limit(BATCH).execute();
    if (rooms.length === 0) break;
    after = Number(rooms[rooms.length - 1].id);
    const coded: Array<{ room_id: number; role: string }> = await db.selectFrom('room_passes').select(['room_id', 'role'])
      .where('kind', '=', 'role_code').where('room_id', 'in', rooms.map((r) => r.id)).execute();
    for (const room of rooms) {
      const id = Number(room.id);
      const parsed: unknown = JSON.parse(room.properties || '{}');
      const props: Props = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Props) : {};
      const kept = Object.fromEntries(Object.entries(props).filter(([k]) => !MOVED_KEYS.includes(k)));
      await db.updateTable('rooms').where('id', '=', id).set({
        kind: kindOf(room.product, props),
        audio_aac: props.aac === true || props.aacSupport === true ? 1 : 0,
        properties: JSON.stringify(kept),
      }).execute();

      const base = { tenant_id: room.tenant_id, room_id: id, user_number: null, user_name: null, user_avatar: null, group_id: null, created_at: Number(room.created_at) };
      const missing = ROLES.filter((role) => !coded.some((c) => Number(c.room_id) === id && c.role === role));
      if (missing.length > 0) {
        await withUniqueRetry(db, () => db.insertInto('room_passes')
          .values(missing.map((role) => ({ ...base, kind: 'role_code', role, code: randomCode(6), secret: null }))).execute());
      }
      const tokens = tokensOf(props);
      await db.insertInto('room_passes').values(ROLES.map((role) => ({ ...base, kind: 'role_token', role, code: null, secret: tokens[role] }))).execute();
    }
  }

  // Partial: personal codes (other kinds) may be many per role.
  await db.schema.createIndex('room_passes_role').on('room_passes').columns(['room_id', 'kind', 'role']).unique()
    .where(sql.ref('kind'), 'in', [sql.lit('role_code'), sql.lit('role_token')]).execute();
  await db.schema.alterTable('rooms').dropColumn('product').execute();
}

/** One transaction on both engines (Kysely runs SQLite migrations outside one). */
export async function up(db: AnyDb): Promise<void> {
  if (db.isTransaction) await migrate(db);
  else await db.transaction().execute((trx) => migrate(trx));
}
