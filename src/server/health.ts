import { sql } from 'kysely';
import type { Redis } from 'ioredis';
import type { Services } from '../core/services.js';

export interface Readiness {
  ready: boolean;
  /** Each dependency: "ok", or what went wrong. */
  checks: Record<string, string>;
}

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const reason = (err: unknown) => (err instanceof Error ? err.message : String(err)) || 'failed';

/** Whether this process can serve: the database answers a query, and Redis (when configured) a PING. */
export async function readiness(services: Services, redis: Redis | undefined): Promise<Readiness> {
  const checks: Record<string, string> = {};
  try {
    await withTimeout(sql`select 1`.execute(services.db), 'the database');
    checks.database = 'ok';
  } catch (err) {
    checks.database = reason(err);
  }
  if (redis) {
    try {
      await withTimeout(redis.ping(), 'Redis');
      checks.redis = 'ok';
    } catch (err) {
      checks.redis = reason(err);
    }
  }
  return { ready: Object.values(checks).every((c) => c === 'ok'), checks };
}
