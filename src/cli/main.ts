#!/usr/bin/env node
import { Command } from 'commander';
import { LECTERN_VERSION } from '../version.js';
import { addServeCommands } from './commands/serve.js';
import { addTenantCommands } from './commands/tenant.js';
import { addCallbackCommands } from './commands/callbacks.js';
import { addRoomCommands } from './commands/room.js';
import { addSignCommands } from './commands/sign.js';
import { addDemoCommands } from './commands/demo.js';
import { addAdminTokenCommand } from './commands/admin-token.js';
import { addSimulateCommand } from './commands/simulate.js';
import { addPruneCommand } from './commands/prune.js';
import { withServices } from './shared.js';

const program = new Command();
program.name('lectern').description('Self-hosted live classroom, wire-compatible with Gensee, CC and Baijiayun APIs')
  .version(LECTERN_VERSION, '-V, --version', 'print the version');

// One command group per file under commands/, each registered by one line.
addServeCommands(program);
addTenantCommands(program);
addCallbackCommands(program);
addRoomCommands(program);
addSignCommands(program);
addDemoCommands(program);
addAdminTokenCommand(program);
addSimulateCommand(program, withServices);
addPruneCommand(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`lectern: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
