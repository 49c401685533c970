import type { KyselyPlugin, OperationNode, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

const WRITES = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode']);

/**
 * Writes of the process's background work, which no request makes and no API answer shows: live
 * processes' leases (renewed every few seconds), and the delivery and job workers' progress on rows
 * that requests insert (those inserts do count). Counting them would make every read that overlaps a
 * lease renewal look like a write.
 */
const BACKGROUND: Record<string, ReadonlySet<string>> = {
  live_nodes: new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode']),
  deliveries: new Set(['UpdateQueryNode', 'DeleteQueryNode']),
  jobs: new Set(['UpdateQueryNode', 'DeleteQueryNode']),
  // History retention (src/server/retention.ts) removes what no answer reads.
  room_events: new Set(['DeleteQueryNode']),
  delivery_attempts: new Set(['DeleteQueryNode']),
};

/** The table a write names first (`into`, `table` or the first `from`), if it can be read off the node. */
function targetTable(node: RootOperationNode): string | undefined {
  const n = node as unknown as { into?: OperationNode; table?: OperationNode; from?: { froms?: OperationNode[] } };
  let target: OperationNode | undefined = n.into ?? n.table ?? n.from?.froms?.[0];
  if (target?.kind === 'AliasNode') target = (target as unknown as { node: OperationNode }).node;
  return target?.kind === 'TableNode' ? (target as unknown as { table: { identifier: { name: string } } }).table.identifier.name : undefined;
}

function isBackground(node: RootOperationNode): boolean {
  const table = targetTable(node);
  return table !== undefined && BACKGROUND[table]?.has(node.kind) === true;
}

/** Writing statements this process has sent, on any database handle (background bookkeeping left out). */
let writesSent = 0;

/**
 * Counts, process-wide, the INSERT, UPDATE, DELETE and MERGE statements sent (see `watchWrites`),
 * background bookkeeping left out.
 * Every write of Lectern goes through Kysely's query builder (raw SQL is used for savepoints, locks
 * and schema only), so this sees them all. Installed on every database handle.
 */
export class WriteObserverPlugin implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (WRITES.has(args.node.kind) && !isBackground(args.node)) writesSent++;
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
