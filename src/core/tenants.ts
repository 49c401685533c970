import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, TenantRow } from '../storage/schema.js';
import { notFound } from './errors.js';
import { parseJsonObject, type JsonObject } from './json.js';
import { ReadCache } from './read-cache.js';

/** Tenant-level settings; every field is optional and has a documented default. */
export interface TenantSettings {
  /** IANA zone for datetime strings on the wire (default: the server's LECTERN_TIME_ZONE). */
  timeZone?: string;
  /** When false, the tenant's site-password API answers "interface disabled". */
  apiEnabled?: boolean;
  /** Passwords older than this many days are refused as expired (0 or absent: never). */
  passwordMaxAgeDays?: number;
  /** Hash accepted for pre-hashed passwords: md5 (default) or sha1 as well. */
  passwordHash?: 'md5' | 'sha1';
  /** True while the tenant is disabled (`lectern tenant disable`): every dialect refuses its calls. */
  disabled?: boolean;
  /** Named on/off switches of the account; their names and defaults belong to the dialects. */
  switches?: Record<string, boolean>;
  [key: string]: unknown;
}

export interface Tenant {
  id: string;
  name: string;
  isDemo: boolean;
  settings: TenantSettings;
  createdAt: number;
}

export interface Credential {
  tenantId: string;
  scheme: string;
  keyId: string;
  secret: string;
  extra: JsonObject;
}

function toTenant(row: TenantRow): Tenant {
  return { id: row.id, name: row.name, isDemo: row.is_demo === 1, settings: parseJsonObject(row.settings) as TenantSettings, createdAt: row.created_at };
}

export class TenantService {
  constructor(private readonly db: Kysely<Database>, private readonly cache = new ReadCache()) {}

  async create(input: { name: string; isDemo?: boolean; settings?: TenantSettings }, now = Date.now()): Promise<Tenant> {
    const row: TenantRow = {
      id: randomUUID().replace(/-/g, ''),
      name: input.name,
      is_demo: input.isDemo ? 1 : 0,
      settings: JSON.stringify(input.settings ?? {}),
      created_at: now,
    };
    await this.db.insertInto('tenants').values(row).execute();
    return toTenant(row);
  }

  async get(id: string): Promise<Tenant> {
    const row = await this.cache.get(`tenant:${id}`, () => this.db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst());
    if (!row) throw notFound('tenant');
    return toTenant(row);
  }

  async list(): Promise<Tenant[]> {
    const rows = await this.db.selectFrom('tenants').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map(toTenant);
  }

  async findDemo(): Promise<Tenant | undefined> {
    const row = await this.db.selectFrom('tenants').selectAll().where('is_demo', '=', 1).orderBy('created_at').limit(1).executeTakeFirst();
    return row ? toTenant(row) : undefined;
  }

  async updateSettings(id: string, patch: TenantSettings): Promise<Tenant> {
    const tenant = await this.get(id);
    const settings = { ...tenant.settings, ...patch };
    await this.db.updateTable('tenants').set({ settings: JSON.stringify(settings) }).where('id', '=', id).execute();
    return { ...tenant, settings };
  }

  /**
   * Changes the settings atomically: `change` maps the stored settings to the new ones. A write
   * that lands in between is not lost: the change is applied again on top of it.
   */
  async changeSettings(id: string, change: (current: TenantSettings) => TenantSettings): Promise<Tenant> {
    for (let attempt = 0; ; attempt++) {
      const row = await this.db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw notFound('tenant');
      const settings = change(parseJsonObject(row.settings) as TenantSettings);
      const text = JSON.stringify(settings);
      const res = await this.db.updateTable('tenants').set({ settings: text }).where('id', '=', id).where('settings', '=', row.settings).executeTakeFirst();
      if (Number(res.numUpdatedRows) === 1) return toTenant({ ...row, settings: text });
      if (attempt >= 20) throw new Error(`tenant ${id}: settings kept changing underneath, gave up`);
    }
  }

  /** Turns named switches on or off, leaving the others as they are. */
  setSwitches(id: string, changes: Record<string, boolean>): Promise<Tenant> {
    return this.changeSettings(id, (s) => ({ ...s, switches: { ...s.switches, ...changes } }));
  }

  // --- credentials: one row per (tenant, scheme); key ids are unique per scheme ---

  async setCredential(c: Credential, now = Date.now()): Promise<void> {
    const extra = JSON.stringify(c.extra);
    const existing = await this.db.selectFrom('tenant_credentials').select('id')
      .where('tenant_id', '=', c.tenantId).where('scheme', '=', c.scheme).executeTakeFirst();
    if (existing) {
      await this.db.updateTable('tenant_credentials').set({ key_id: c.keyId, secret: c.secret, extra, updated_at: now })
        .where('id', '=', existing.id).execute();
    } else {
      await this.db.insertInto('tenant_credentials').values({
        tenant_id: c.tenantId, scheme: c.scheme, key_id: c.keyId, secret: c.secret, extra, created_at: now, updated_at: now,
      }).execute();
    }
  }

  async findCredential(scheme: string, keyId: string): Promise<Credential | undefined> {
    const row = await this.cache.get(`credential:${scheme}:${keyId}`, () => this.db.selectFrom('tenant_credentials').selectAll()
      .where('scheme', '=', scheme).where('key_id', '=', keyId).executeTakeFirst());
    return row ? { tenantId: row.tenant_id, scheme: row.scheme, keyId: row.key_id, secret: row.secret, extra: parseJsonObject(row.extra) } : undefined;
  }

  /**
   * The credential with this key id and its tenant, read in one query and remembered parsed (the
   * first lookup of every signed call). Both objects are frozen: callers copy, never mutate.
   */
  async findByCredential(scheme: string, keyId: string): Promise<{ credential: Credential; tenant: Tenant } | undefined> {
    return this.cache.get(`tenant-by-credential:${scheme}:${keyId}`, async () => {
      const row = await this.db.selectFrom('tenant_credentials as c').innerJoin('tenants as t', 't.id', 'c.tenant_id')
        .select(['c.tenant_id', 'c.scheme', 'c.key_id', 'c.secret', 'c.extra', 't.name', 't.is_demo', 't.settings', 't.created_at'])
        .where('c.scheme', '=', scheme).where('c.key_id', '=', keyId).executeTakeFirst();
      if (!row) return undefined;
      const credential: Credential = { tenantId: row.tenant_id, scheme: row.scheme, keyId: row.key_id, secret: row.secret, extra: Object.freeze(parseJsonObject(row.extra)) };
      const tenant = toTenant({ id: row.tenant_id, name: row.name, is_demo: row.is_demo, settings: row.settings, created_at: row.created_at });
      Object.freeze(tenant.settings);
      return { credential: Object.freeze(credential), tenant: Object.freeze(tenant) };
    });
  }

  async credentialOf(tenantId: string, scheme: string): Promise<Credential | undefined> {
    const row = await this.db.selectFrom('tenant_credentials').selectAll()
      .where('tenant_id', '=', tenantId).where('scheme', '=', scheme).executeTakeFirst();
    return row ? { tenantId: row.tenant_id, scheme: row.scheme, keyId: row.key_id, secret: row.secret, extra: parseJsonObject(row.extra) } : undefined;
  }
}
