import type { Command } from 'commander';
import { createTenant, describeTenant, rotateCredentials } from '../../dialects/provision.js';
import { configureAccount, type AccountChanges } from '../../dialects/baijiayun/account.js';
import { BAIJIAYUN_FEATURES } from '../../dialects/baijiayun/features.js';
import { print, tenantByRef, withServices } from '../shared.js';

const names = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);
function onOff(v: string): boolean {
  if (v === 'on') return true;
  if (v === 'off') return false;
  throw new Error(`--auth-forced takes on or off, got "${v}"`);
}

/** `lectern tenant create|list|show|rotate-keys|disable|enable|features`. */
export function addTenantCommands(program: Command): void {
  const tenant = program.command('tenant').description('manage tenants');

  tenant.command('create').description('create a tenant with credentials for every dialect (secrets are shown once)')
    .requiredOption('--name <name>', 'tenant name')
    .option('--site <host>', 'Gensee site host name (default: <name>.localhost)')
    .option('--allow-duplicate', 'create it even when a tenant of that name exists')
    .option('--json', 'print JSON')
    .action(async (opts: { name: string; site?: string; allowDuplicate?: boolean; json?: boolean }) => {
      const name = opts.name.trim();
      if (!name) throw new Error('--name must not be empty');
      const { credentials } = await withServices(async (s) => {
        const same = (await s.tenants.list()).filter((t) => t.name === name);
        if (same.length > 0 && !opts.allowDuplicate) throw new Error(`a tenant named "${name}" already exists (${same.map((t) => t.id).join(', ')}); pass --allow-duplicate to create another`);
        return createTenant(s, { name, site: opts.site });
      });
      print(credentials, opts.json);
    });

  tenant.command('list').description('list tenants').option('--json', 'print JSON').action(async (opts: { json?: boolean }) => {
    const rows = await withServices(async (s) => {
      const out = [];
      for (const t of await s.tenants.list()) {
        const site = await s.tenants.credentialOf(t.id, 'gensee-site');
        const bjy = await s.tenants.credentialOf(t.id, 'baijiayun');
        const cc = await s.tenants.credentialOf(t.id, 'cc');
        out.push({ id: t.id, name: t.name, demo: t.isDemo, disabled: t.settings.disabled === true, site: site?.keyId ?? null, partner_id: bjy?.keyId ?? null, cc_userid: cc?.keyId ?? null, created_at: new Date(t.createdAt).toISOString() });
      }
      return out;
    });
    if (opts.json) print(rows, true);
    else for (const r of rows) process.stdout.write(`${r.id}  ${r.name}${r.demo ? ' (demo)' : ''}${r.disabled ? ' (disabled)' : ''}  site=${r.site}  partner_id=${r.partner_id}  cc_userid=${r.cc_userid}\n`);
  });

  tenant.command('show').argument('<tenant>', 'tenant id or name').description("a tenant, its state and every dialect's key ids")
    .option('--secrets', "also print the stored keys (Baijiayun partner_key and secret_key, CC api_key)")
    .option('--json', 'print JSON')
    .action(async (ref: string, opts: { secrets?: boolean; json?: boolean }) => {
      print(await withServices(async (s) => describeTenant(s, await tenantByRef(s, ref), opts.secrets === true)), opts.json);
    });

  tenant.command('rotate-keys').argument('<tenant>', 'tenant id or name')
    .description("new secrets for every dialect (Gensee admin password, Baijiayun partner_key and secret_key, CC api_key); the old ones stop working at once")
    .option('--json', 'print JSON')
    .action(async (ref: string, opts: { json?: boolean }) => {
      print(await withServices(async (s) => rotateCredentials(s, await tenantByRef(s, ref))), opts.json);
    });

  for (const [command, disabled] of [['disable', true], ['enable', false]] as const) {
    tenant.command(command).argument('<tenant>', 'tenant id or name')
      .description(disabled ? "refuse every API call of the tenant (each dialect answers its auth error) until enabled again" : 'accept the API calls of a disabled tenant again')
      .option('--json', 'print JSON')
      .action(async (ref: string, opts: { json?: boolean }) => {
        const shown = await withServices(async (s) => {
          const t = await tenantByRef(s, ref);
          const changed = await s.tenants.changeSettings(t.id, (current) => {
            const { disabled: _was, ...rest } = current;
            return disabled ? { ...rest, disabled: true } : rest;
          });
          return { id: changed.id, name: changed.name, disabled: changed.settings.disabled === true };
        });
        print(shown, opts.json);
      });
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
}
