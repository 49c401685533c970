import type { Command } from 'commander';
import { BaijiayunClient, CcCollectClient, GenseeTrainingClient, GenseeWebcastClient, type ClientRequest, type Transport } from '../../client/index.js';
import { tenantOrOnly, withServices } from '../shared.js';
import type { Services } from '../../core/services.js';
import type { Tenant } from '../../core/tenants.js';

const DIALECT_NAMES: Record<string, 'gensee-webcast' | 'gensee-training' | 'baijiayun' | 'cc-collect'> = {
  'gensee-webcast': 'gensee-webcast', webcast: 'gensee-webcast', gensee: 'gensee-webcast',
  'gensee-training': 'gensee-training', training: 'gensee-training',
  baijiayun: 'baijiayun', bjy: 'baijiayun',
  'cc-collect': 'cc-collect', cc: 'cc-collect',
};

function pairsOf(args: string[]): Array<[string, string]> {
  return args.map((a) => {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new Error(`parameters are name=value, got "${a}"`);
    return [a.slice(0, eq), a.slice(eq + 1)] as [string, string];
  });
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The request a dialect's typed client would send, captured instead of sent: signing is the client's own. */
async function signedRequest(services: Services, tenant: Tenant, dialect: string, path: string, pairs: Array<[string, string]>, method: 'GET' | 'POST' | undefined): Promise<ClientRequest> {
  let captured: ClientRequest | undefined;
  const transport: Transport = async (req) => {
    captured = req;
    return { status: 0, body: null };
  };
  const credential = async (scheme: string) => {
    const c = await services.tenants.credentialOf(tenant.id, scheme);
    if (!c) throw new Error(`tenant ${tenant.name} has no ${scheme} credentials`);
    return c;
  };
  if (dialect === 'baijiayun') {
    const c = await credential('baijiayun');
    await new BaijiayunClient({ partnerId: c.keyId, partnerKey: c.secret, transport }).raw(path, Object.fromEntries(pairs), { method });
  } else if (dialect === 'cc-collect') {
    const c = await credential('cc');
    await new CcCollectClient({ userId: c.keyId, apiKey: c.secret, transport }).raw(path, pairs, { method });
  } else {
    // Gensee's credential is the site admin's password, which is stored hashed: it is given on the command line.
    const site = await credential('gensee-site');
    const password = process.env.LECTERN_GENSEE_PASSWORD;
    if (!password) throw new Error('Gensee calls carry the site password: set LECTERN_GENSEE_PASSWORD (or pass --password)');
    const Client = dialect === 'gensee-training' ? GenseeTrainingClient : GenseeWebcastClient;
    await new Client({ loginName: process.env.LECTERN_GENSEE_LOGIN || 'admin', password, site: site.keyId, transport }).raw(path, pairs, { method: method ?? 'POST' });
  }
  return captured!;
}

/** `lectern sign <dialect> <path> [name=value…]`: a signed request for any endpoint, to try it by hand. */
export function addSignCommands(program: Command): void {
  program.command('sign')
    .argument('<dialect>', 'gensee-webcast | gensee-training | baijiayun | cc-collect (or webcast, training, bjy, cc)')
    .argument('<path>', "the endpoint's path, e.g. /openapi/room/create")
    .argument('[params...]', 'parameters as name=value')
    .description("print a signed URL (or a curl command) for any dialect's endpoint, with the tenant's stored credentials")
    .option('--tenant <tenant>', 'tenant id or name (default: the only tenant)')
    .option('--base-url <url>', 'where the server is', `http://127.0.0.1:${process.env.PORT || 8080}`)
    .option('--method <method>', 'GET or POST (default: the dialect client\'s usual: GET for CC, POST otherwise)')
    .option('--curl', 'print a curl command instead of a URL')
    .option('--password <password>', 'Gensee: the site user\'s password (or LECTERN_GENSEE_PASSWORD)')
    .option('--login <loginName>', 'Gensee: the site user (default admin, or LECTERN_GENSEE_LOGIN)')
    .action(async (dialectName: string, path: string, params: string[], opts: { tenant?: string; baseUrl: string; method?: string; curl?: boolean; password?: string; login?: string }) => {
      const dialect = DIALECT_NAMES[dialectName];
      if (!dialect) throw new Error(`unknown dialect "${dialectName}"; one of ${Object.keys(DIALECT_NAMES).join(', ')}`);
      if (!path.startsWith('/')) throw new Error(`the path starts with /, got "${path}"`);
      const method = opts.method?.toUpperCase();
      if (method !== undefined && method !== 'GET' && method !== 'POST') throw new Error(`--method is GET or POST, got "${opts.method}"`);
      let base: URL;
      try {
        base = new URL(opts.baseUrl);
      } catch {
        throw new Error(`--base-url must be an absolute URL, got "${opts.baseUrl}"`);
      }
      if (opts.password !== undefined) process.env.LECTERN_GENSEE_PASSWORD = opts.password;
      if (opts.login !== undefined) process.env.LECTERN_GENSEE_LOGIN = opts.login;
      const pairs = pairsOf(params);
      // A URL carries everything in its query: without --curl the request is a GET.
      const wanted = opts.curl ? method as 'GET' | 'POST' | undefined : 'GET';
      const req = await withServices(async (s) => signedRequest(s, await tenantOrOnly(s, opts.tenant), dialect, path, pairs, wanted));
      const url = `${base.origin}${base.pathname.replace(/\/+$/, '')}${req.url}`;
      if (!opts.curl) {
        process.stdout.write(`${url}\n`);
        if (req.headers.host) process.stderr.write(`(Gensee names the site by the Host header: send "Host: ${req.headers.host}", or use --curl)\n`);
        return;
      }
      const parts = ['curl', '-sS'];
      if (req.method === 'POST') parts.push('-X', 'POST');
      for (const [k, v] of Object.entries(req.headers)) parts.push('-H', shellQuote(`${k}: ${v}`));
      if (req.body !== undefined) parts.push('--data-binary', shellQuote(req.body));
      parts.push(shellQuote(url));
      process.stdout.write(`${parts.join(' ')}\n`);
    });
}
