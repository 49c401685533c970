import { loadConfig } from '../config.js';
import { Services } from '../core/services.js';
import type { Tenant } from '../core/tenants.js';
import { openStorage } from '../storage/database.js';

/** Opens the configured database (LECTERN_DATA / DATABASE_URL), runs `fn`, closes it. */
export async function withServices<T>(fn: (services: Services) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const storage = await openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, databaseSchema: config.databaseSchema });
  try {
    return await fn(Services.forStorage(storage));
  } finally {
    await storage.close();
  }
}

export function print(value: unknown, json: boolean | undefined): void {
  if (json) process.stdout.write(JSON.stringify(value, null, 2) + '\n');
  else process.stdout.write(formatPlain(value) + '\n');
}

function formatPlain(value: unknown, indent = ''): string {
  if (value === null || typeof value !== 'object') return String(value);
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => (v !== null && typeof v === 'object' ? `${indent}${k}:\n${formatPlain(v, indent + '  ')}` : `${indent}${k}: ${v}`))
    .join('\n');
}

/** A tenant named by id or by name (a name shared by several tenants must be given as an id). */
export async function tenantByRef(services: Services, ref: string): Promise<Tenant> {
  const all = await services.tenants.list();
  const byId = all.find((t) => t.id === ref);
  if (byId) return byId;
  const named = all.filter((t) => t.name === ref);
  if (named.length === 1) return named[0];
  if (named.length > 1) throw new Error(`${named.length} tenants are named "${ref}"; give one of their ids: ${named.map((t) => t.id).join(', ')}`);
  throw new Error(`no tenant has the id or name "${ref}"`);
}

/** The tenant named by `ref`, or the only tenant when there is just one. */
export async function tenantOrOnly(services: Services, ref: string | undefined): Promise<Tenant> {
  if (ref !== undefined) return tenantByRef(services, ref);
  const all = await services.tenants.list();
  if (all.length === 1) return all[0];
  throw new Error(all.length === 0 ? 'there are no tenants yet (lectern tenant create --name …)' : `${all.length} tenants exist: name one with --tenant <id or name>`);
}
