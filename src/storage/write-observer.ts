import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

const WRITES = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode']);

/** Writing statements this process has sent, on any database handle. */
let writesSent = 0;

/**
 * Counts, process-wide, the INSERT, UPDATE, DELETE and MERGE statements sent (see `watchWrites`).
 * Every write of Lectern goes through Kysely's query builder (raw SQL is used for savepoints, locks
 * and schema only), so this sees them all. Installed on every database handle.
 */
export class WriteObserverPlugin implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (WRITES.has(args.node.kind)) writesSent++;
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/**
 * Runs `work` and says whether anything may have been written meanwhile: true when `work` (or
 * anything it awaited) wrote, and also when another piece of work of this process wrote while it
 * ran. The answer errs only towards "wrote", never away from it; it is a counter, not an
 * AsyncLocalStorage, because on Node 20 an async context costs every promise of the process.
 */
export async function watchWrites<T>(work: () => Promise<T>): Promise<{ value: T; wrote: boolean }> {
  const before = writesSent;
  const value = await work();
  return { value, wrote: writesSent !== before };
}
