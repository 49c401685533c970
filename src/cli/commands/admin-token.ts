import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { openStorage } from '../../storage/database.js';
import { rotateAdminToken, storedAdminToken } from '../../web/admin/token.js';

/**
 * `lectern admin-token [--rotate] [--json]`: prints the token that opens the operator page
 * (`/admin`). The stored token is created on first use and shared by every server process on the
 * database; `--rotate` replaces it (sessions signed with the old one end). When LECTERN_ADMIN_TOKEN
 * is set the server accepts that token instead, so that one is printed (and cannot be rotated here).
 */
export function addAdminTokenCommand(program: Command): void {
  program.command('admin-token').description('print the operator page token (/admin); --rotate replaces it')
    .option('--rotate', 'replace the stored token with a new one')
    .option('--json', 'print JSON')
    .action(async (opts: { rotate?: boolean; json?: boolean }) => {
      const config = loadConfig();
      let token: string;
      let source: 'environment' | 'database';
      if (config.adminToken !== undefined) {
        if (opts.rotate) throw new Error('LECTERN_ADMIN_TOKEN is set, and the server accepts that token: change the variable instead of rotating');
        process.stderr.write('LECTERN_ADMIN_TOKEN is set: the server accepts this token, not the stored one.\n');
        token = config.adminToken;
        source = 'environment';
      } else {
        const storage = await openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, databaseSchema: config.databaseSchema });
        try {
          token = opts.rotate ? await rotateAdminToken(storage.db) : await storedAdminToken(storage.db);
        } finally {
          await storage.close();
        }
        source = 'database';
      }
      process.stdout.write(opts.json ? `${JSON.stringify({ token, source })}\n` : `${token}\n`);
    });
}
