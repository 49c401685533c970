import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { pruneHistory } from '../../server/retention.js';
import { print, withServices } from '../shared.js';

function days(text: string | undefined, fallback: number, flag: string): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} must be a whole number of days (0 keeps everything), got "${text}"`);
  return n;
}

/**
 * `lectern prune [--events-days N] [--deliveries-days N] [--json]`: removes history older than the
 * retention now, as a running server does every hour (LECTERN_RETAIN_EVENTS_DAYS and
 * LECTERN_RETAIN_DELIVERIES_DAYS, 30 days each unless set); the flags override them for this run.
 */
export function addPruneCommand(program: Command): void {
  program.command('prune').description('remove classroom events and finished callback deliveries older than the retention')
    .option('--events-days <n>', 'keep this many days of the classroom event outbox (0: all)')
    .option('--deliveries-days <n>', 'keep this many days of finished callback deliveries (0: all)')
    .option('--json', 'print JSON')
    .action(async (opts: { eventsDays?: string; deliveriesDays?: string; json?: boolean }) => {
      const { retention } = loadConfig();
      const kept = { events: days(opts.eventsDays, retention.events, '--events-days'), deliveries: days(opts.deliveriesDays, retention.deliveries, '--deliveries-days') };
      const pruned = await withServices((s) => pruneHistory(s, kept));
      print({ removed: pruned, kept_days: kept }, opts.json);
    });
}
