import path from 'node:path';

/** Everything Lectern reads from the environment, resolved once at start-up. */
export interface LecternConfig {
  port: number;
  host: string;
  /** Directory for the embedded SQLite database and stored files. */
  dataDir: string;
  /** A postgres:// URL switches storage to PostgreSQL. */
  databaseUrl: string | undefined;
  /** PostgreSQL schema to use (tests isolate themselves with it). */
  databaseSchema: string | undefined;
  redisUrl: string | undefined;
  /** Accepted clock skew, in seconds, for signed dialects (Baijiayun, CC). */
  replayWindowSeconds: number;
  /** Time zone of datetime strings on the wire, when a tenant sets none. */
  timeZone: string;
  /** Gensee site used when the Host header is a loopback name or address. */
  defaultGenseeSite: string | undefined;
  /** Base URL that join links point at; derived from the request when unset. */
  publicUrl: string | undefined;
  logLevel: string;
  /** Largest file one upload may carry, in bytes (LECTERN_UPLOAD_MAX_MB). */
  uploadMaxBytes: number;
  /** Live runtime timings, ms (LECTERN_LIVE_HEARTBEAT_MS, LECTERN_LIVE_GRACE_MS, LECTERN_LIVE_LEASE_MS); unset: the defaults. */
  live: { heartbeatMs?: number; graceMs?: number; leaseMs?: number };
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

function optionalMs(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = intFrom(value, 0, name);
  if (n < 50) throw new Error(`${name} must be at least 50 (milliseconds), got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): LecternConfig {
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(`DATABASE_URL must be a postgres:// URL, got "${databaseUrl}"`);
  }
  return {
    port: intFrom(env.PORT, 8080, 'PORT'),
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(env.LECTERN_DATA || './data'),
    databaseUrl,
    databaseSchema: env.DATABASE_SCHEMA || undefined,
    redisUrl: env.REDIS_URL || undefined,
    replayWindowSeconds: intFrom(env.LECTERN_REPLAY_WINDOW, 300, 'LECTERN_REPLAY_WINDOW'),
    timeZone: env.LECTERN_TIME_ZONE || 'Asia/Shanghai',
    defaultGenseeSite: env.LECTERN_DEFAULT_SITE || undefined,
    publicUrl: env.LECTERN_PUBLIC_URL || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    uploadMaxBytes: intFrom(env.LECTERN_UPLOAD_MAX_MB, 2048, 'LECTERN_UPLOAD_MAX_MB') * 1024 * 1024,
    live: {
      heartbeatMs: optionalMs(env.LECTERN_LIVE_HEARTBEAT_MS, 'LECTERN_LIVE_HEARTBEAT_MS'),
      graceMs: optionalMs(env.LECTERN_LIVE_GRACE_MS, 'LECTERN_LIVE_GRACE_MS'),
      leaseMs: optionalMs(env.LECTERN_LIVE_LEASE_MS, 'LECTERN_LIVE_LEASE_MS'),
    },
  };
}
