#!/usr/bin/env node
import { Command } from 'commander';
import { loadConfig } from '../config.js';
import { Services } from '../core/services.js';
import { openStorage } from '../storage/database.js';
import { createTenant } from '../dialects/provision.js';
import { createDemoTenant, WELL_KNOWN_DEMO } from '../demo/seed.js';
import { startServer } from '../server/server.js';
import { addCallbackCommands } from './callbacks.js';
import { addSimulateCommand } from './commands/simulate.js';
import type { Tenant } from '../core/tenants.js';
import { configureAccount, type AccountChanges } from '../dialects/baijiayun/account.js';
import { BAIJIAYUN_FEATURES } from '../dialects/baijiayun/features.js';

async function withServices<T>(fn: (services: Services) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const storage = await openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, databaseSchema: config.databaseSchema });
  try {
    return await fn(Services.forStorage(storage));
  } finally {
    await storage.close();
  }
}

function print(value: unknown, json: boolean | undefined): void {
  if (json) process.stdout.write(JSON.stringify(value, null, 2) + '\n');
  else process.stdout.write(formatPlain(value) + '\n');
}

function formatPlain(value: unknown, indent = ''): string {
  if (value === null || typeof value !== 'object') return String(value);
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => (v !== null && typeof v === 'object' ? `${indent}${k}:\n${formatPlain(v, indent + '  ')}` : `${indent}${k}: ${v}`))
    .join('\n');
}

const program = new Command();
program.name('lectern').description('Self-hosted live classroom, wire-compatible with Gensee, CC and Baijiayun APIs');

program.command('serve').description('start the server (PORT, LECTERN_DATA, DATABASE_URL, REDIS_URL)').action(async () => {
  const config = loadConfig();
  // Signals that arrive while starting wait for the start to finish, then shut down cleanly.
  let stopRequested: string | undefined;
  let stop = (signal: string) => void (stopRequested ??= signal);
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  const server = await startServer(config, {
    beforeListen: async (services, app) => {
      if ((await services.tenants.list()).length > 0) return;
      const creds = await createDemoTenant(services, { site: WELL_KNOWN_DEMO.site, fixed: WELL_KNOWN_DEMO });
      app.log.info('created the demo tenant on first start');
      process.stdout.write(`\nDemo tenant created. Its credentials (shown once):\n${JSON.stringify(creds, null, 2)}\n\n`);
    },
  });
  let stopping = false;
  stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info({ signal }, 'shutting down');
    server.close().then(() => process.exit(0), (err: unknown) => {
      server.app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    });
  };
  if (stopRequested) stop(stopRequested);
});

const tenant = program.command('tenant').description('manage tenants');
tenant.command('create').description("create a tenant with credentials for every dialect")
  .requiredOption('--name <name>', 'tenant name')
  .option('--site <host>', 'Gensee site host name (default: <name>.localhost)')
  .option('--json', 'print JSON')
  .action(async (opts: { name: string; site?: string; json?: boolean }) => {
    const { credentials } = await withServices((s) => createTenant(s, { name: opts.name, site: opts.site }));
    const { tenant: _t, ...rest } = credentials;
    print(opts.json ? rest : credentials, opts.json);
  });
tenant.command('list').description('list tenants').option('--json', 'print JSON').action(async (opts: { json?: boolean }) => {
  const rows = await withServices(async (s) => {
    const out = [];
    for (const t of await s.tenants.list()) {
      const site = await s.tenants.credentialOf(t.id, 'gensee-site');
      const bjy = await s.tenants.credentialOf(t.id, 'baijiayun');
      const cc = await s.tenants.credentialOf(t.id, 'cc');
      out.push({ id: t.id, name: t.name, demo: t.isDemo, site: site?.keyId ?? null, partner_id: bjy?.keyId ?? null, cc_userid: cc?.keyId ?? null, created_at: new Date(t.createdAt).toISOString() });
    }
    return out;
  });
  if (opts.json) print(rows, true);
  else for (const r of rows) process.stdout.write(`${r.id}  ${r.name}${r.demo ? ' (demo)' : ''}  site=${r.site}  partner_id=${r.partner_id}  cc_userid=${r.cc_userid}\n`);
});

/** A tenant named by id or by name (a name shared by several tenants must be given as an id). */
async function tenantByRef(services: Services, ref: string): Promise<Tenant> {
  const all = await services.tenants.list();
  const byId = all.find((t) => t.id === ref);
  if (byId) return byId;
  const named = all.filter((t) => t.name === ref);
  if (named.length === 1) return named[0];
  if (named.length > 1) throw new Error(`${named.length} tenants are named "${ref}"; give one of their ids: ${named.map((t) => t.id).join(', ')}`);
  throw new Error(`no tenant has the id or name "${ref}"`);
}

const names = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);
function onOff(v: string): boolean {
  if (v === 'on') return true;
  if (v === 'off') return false;
  throw new Error(`--auth-forced takes on or off, got "${v}"`);
}

tenant.command('features').description(`show or change a tenant's Baijiayun account features (${BAIJIAYUN_FEATURES.join(', ')}) and third-party entry auth`)
  .argument('<tenant>', 'tenant id or name')
  .option('--enable <features>', 'comma-separated features to turn on', names)
  .option('--disable <features>', 'comma-separated features to turn off', names)
  .option('--auth-url <url>', 'third-party auth URL (http or https; "" clears it)')
  .option('--auth-forced <on|off>', 'refuse live and playback entry without access_key', onOff)
  .option('--auth-prompt <text>', 'what a refused viewer is shown ("" clears it)')
  .option('--json', 'print JSON')
  .action(async (ref: string, opts: { enable?: string[]; disable?: string[]; authUrl?: string; authForced?: boolean; authPrompt?: string; json?: boolean }) => {
    const changes: AccountChanges = { enable: opts.enable, disable: opts.disable, authUrl: opts.authUrl, authForced: opts.authForced, authPrompt: opts.authPrompt };
    const view = await withServices(async (s) => {
      const t = await tenantByRef(s, ref);
      return { tenant: { id: t.id, name: t.name }, ...(await configureAccount(s, t.id, changes)) };
    });
    print(view, opts.json);
  });

addCallbackCommands(program, tenant, withServices, tenantByRef);
addSimulateCommand(program, withServices);

program.command('demo').description('create a demo tenant with rooms and generated classroom activity')
  .option('--name <name>', 'tenant name', 'Demo School')
  .option('--json', 'print JSON')
  .action(async (opts: { name: string; json?: boolean }) => {
    const creds = await withServices((s) => createDemoTenant(s, { name: opts.name }));
    const { tenant: _t, ...rest } = creds;
    print(opts.json ? rest : creds, opts.json);
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`lectern: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
