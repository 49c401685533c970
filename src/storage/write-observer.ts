import { AsyncLocalStorage } from 'node:async_hooks';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

interface Watch {
  wrote: boolean;
}

const watches = new AsyncLocalStorage<Watch>();

const WRITES = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode']);

/**
 * Notes, for the piece of work being watched (see `watchWrites`), that it sent an INSERT, UPDATE,
 * DELETE or MERGE. Every write of Lectern goes through Kysely's query builder (raw SQL is used for
 * savepoints, locks and schema only), so this sees them all. Installed on every database handle.
 */
export class WriteObserverPlugin implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (WRITES.has(args.node.kind)) {
      const watch = watches.getStore();
      if (watch) watch.wrote = true;
    }
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** Runs `work` and says whether it (or anything it awaited) wrote to the database. */
export async function watchWrites<T>(work: () => Promise<T>): Promise<{ value: T; wrote: boolean }> {
  const watch: Watch = { wrote: false };
  const value = await watches.run(watch, work);
  return { value, wrote: watch.wrote };
}
