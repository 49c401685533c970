import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { createDemoTenant, WELL_KNOWN_DEMO } from '../../demo/seed.js';
import { startServer } from '../../server/server.js';

function port(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new Error(`--port must be 0…65535, got "${text}"`);
  return n;
}

/** `lectern serve [--port] [--host] [--data]`: flags win over PORT, HOST and LECTERN_DATA. */
export function addServeCommands(program: Command): void {
  program.command('serve').description('start the server (environment: PORT, HOST, LECTERN_DATA, DATABASE_URL, REDIS_URL, … see docs/operations.md)')
    .option('--port <port>', 'port to listen on (default: PORT or 8080)', port)
    .option('--host <host>', 'address to listen on (default: HOST or 0.0.0.0)')
    .option('--data <dir>', 'data directory for SQLite and stored files (default: LECTERN_DATA or ./data)')
    .action(async (opts: { port?: number; host?: string; data?: string }) => {
      const config = loadConfig();
      if (opts.port !== undefined) config.port = opts.port;
      if (opts.host !== undefined) config.host = opts.host;
      if (opts.data !== undefined) config.dataDir = path.resolve(opts.data);
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
}
