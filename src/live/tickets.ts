import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import type { PassRole } from '../core/passes.js';
import { PASS_ROLES } from '../core/passes.js';

/** What a ticket lets its holder do: enter one room, in one role, as one person. */
export interface TicketClaims {
  tenantId: string;
  roomId: number;
  role: PassRole;
  /** The participant identity key (`guest:…`, `number:…`): the same key on a reconnect is the same person. */
  key: string;
  name: string;
  /** Expiry, epoch ms. */
  exp: number;
  /**
   * A single-session code's entry (a per-user student code): `<entered at, epoch ms>.<random>`. The
   * latest entry holds the place; connections of an earlier one are pushed out (`replaced`).
   */
  entry?: string;
  /** The group a group code entered (its number within the room). */
  group?: number;
}

const SECRET_NAME = 'live_ticket_key';

/**
 * The deployment's ticket key: created by the first process that needs it, read by the others, so a
 * ticket one process signs is accepted by every process on the same database.
 */
export async function loadTicketKey(db: Kysely<Database>, now = Date.now()): Promise<Buffer> {
  await db.insertInto('server_secrets').values({ name: SECRET_NAME, value: randomBytes(32).toString('hex'), created_at: now })
    .onConflict((oc) => oc.column('name').doNothing()).execute();
  const row = await db.selectFrom('server_secrets').select('value').where('name', '=', SECRET_NAME).executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'hex');
}

export type TicketCheck = { ok: true; claims: TicketClaims } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

/** Signs and checks entry tickets: `base64url(JSON claims) "." base64url(HMAC-SHA256)`. */
export class TicketSigner {
  constructor(private readonly key: Buffer) {}

  sign(claims: TicketClaims): string {
    const body = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  check(ticket: string, now = Date.now()): TicketCheck {
    const dot = ticket.indexOf('.');
    if (dot <= 0 || ticket.length > 4096) return { ok: false, reason: 'malformed' };
    const body = ticket.slice(0, dot);
    const given = Buffer.from(ticket.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.mac(body), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
    let claims: unknown;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (!isClaims(claims)) return { ok: false, reason: 'malformed' };
    if (claims.exp < now) return { ok: false, reason: 'expired' };
    return { ok: true, claims };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

function isClaims(v: unknown): v is TicketClaims {
  if (!v || typeof v !== 'object') return false;
  const c = v as Record<string, unknown>;
  return typeof c.tenantId === 'string' && Number.isSafeInteger(c.roomId) && (PASS_ROLES as readonly unknown[]).includes(c.role)
    && typeof c.key === 'string' && typeof c.name === 'string' && typeof c.exp === 'number'
    && (c.entry === undefined || typeof c.entry === 'string') && (c.group === undefined || Number.isSafeInteger(c.group));
}
