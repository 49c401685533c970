import type { Command } from 'commander';
import { createDemoTenant } from '../../demo/seed.js';
import { ProgressBar } from '../progress.js';
import { print, withServices } from '../shared.js';

/** `lectern demo`: a demo tenant with rooms and generated classes, with a progress bar on stderr. */
export function addDemoCommands(program: Command): void {
  program.command('demo').description('create a demo tenant with rooms and generated classroom activity')
    .option('--name <name>', 'tenant name', 'Demo School')
    .option('--json', 'print JSON')
    .option('--no-progress', 'no progress bar on stderr')
    .action(async (opts: { name: string; json?: boolean; progress: boolean }) => {
      const bar = opts.progress ? new ProgressBar('demo') : undefined;
      const creds = await withServices((s) => createDemoTenant(s, { name: opts.name, onProgress: (done, total, step) => bar?.update(done, total, step) }));
      bar?.finish();
      print(creds, opts.json);
    });
}
