import path from 'node:path';

/** Days of history kept; 0: for ever. */
export interface RetentionDays {
  events: number;
  deliveries: number;
}

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
  /** Base URL that join links point at (no trailing slash); derived from the request when unset. */
  publicUrl: string | undefined;
  /**
   * Addresses (or CIDR ranges, or proxy-addr's names loopback/linklocal/uniquelocal) of the reverse
   * proxies whose X-Forwarded-For/-Proto/-Host are believed (LECTERN_TRUST_PROXY); empty: none.
   */
  trustProxy: string[];
  /** Most signed requests one process remembers for replay detection (LECTERN_REPLAY_CACHE). */
  replayCacheSize: number;
  /** Event-loop delay, in ms, beyond which requests are shed with the dialect's system error (LECTERN_MAX_EVENT_LOOP_DELAY_MS; 0 = never). */
  maxEventLoopDelayMs: number;
  logLevel: string;
  /** Largest file one upload may carry, in bytes (LECTERN_UPLOAD_MAX_MB). */
  uploadMaxBytes: number;
  /**
   * How many days of history the server keeps (LECTERN_RETAIN_EVENTS_DAYS: the classroom event
   * outbox; LECTERN_RETAIN_DELIVERIES_DAYS: finished callback deliveries and their attempts);
   * 0 keeps them for ever. Default 30 each.
   */
  retention: RetentionDays;
  /** Live runtime timings, ms (LECTERN_LIVE_HEARTBEAT_MS, LECTERN_LIVE_GRACE_MS, LECTERN_LIVE_LEASE_MS); unset: the defaults. */
  live: { heartbeatMs?: number; graceMs?: number; leaseMs?: number };
  /**
   * The operator page's token (LECTERN_ADMIN_TOKEN). Unset: the token stored in the database, which
   * `lectern admin-token` prints, is the one.
   */
  adminToken: string | undefined;
}

/** Shortest admin token accepted from the environment: the page is the key to every tenant's rooms. */
export const MIN_ADMIN_TOKEN_LENGTH = 16;

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

function adminTokenFrom(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value.length < MIN_ADMIN_TOKEN_LENGTH || /\s/.test(value)) {
    throw new Error(`LECTERN_ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters without spaces (e.g. the output of \`openssl rand -hex 24\`)`);
  }
  return value;
}

function publicUrlFrom(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`LECTERN_PUBLIC_URL must be an absolute http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`LECTERN_PUBLIC_URL must be an absolute http(s) URL, got "${value}"`);
  return value.replace(/\/+$/, '');
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
    publicUrl: publicUrlFrom(env.LECTERN_PUBLIC_URL),
    trustProxy: (env.LECTERN_TRUST_PROXY ?? '').split(',').map((a) => a.trim()).filter(Boolean),
    replayCacheSize: intFrom(env.LECTERN_REPLAY_CACHE, 50_000, 'LECTERN_REPLAY_CACHE'),
    maxEventLoopDelayMs: intFrom(env.LECTERN_MAX_EVENT_LOOP_DELAY_MS, 1000, 'LECTERN_MAX_EVENT_LOOP_DELAY_MS'),
    logLevel: env.LOG_LEVEL || 'info',
    uploadMaxBytes: intFrom(env.LECTERN_UPLOAD_MAX_MB, 2048, 'LECTERN_UPLOAD_MAX_MB') * 1024 * 1024,
    retention: {
      events: intFrom(env.LECTERN_RETAIN_EVENTS_DAYS, 30, 'LECTERN_RETAIN_EVENTS_DAYS'),
      deliveries: intFrom(env.LECTERN_RETAIN_DELIVERIES_DAYS, 30, 'LECTERN_RETAIN_DELIVERIES_DAYS'),
    },
    live: {
      heartbeatMs: optionalMs(env.LECTERN_LIVE_HEARTBEAT_MS, 'LECTERN_LIVE_HEARTBEAT_MS'),
      graceMs: optionalMs(env.LECTERN_LIVE_GRACE_MS, 'LECTERN_LIVE_GRACE_MS'),
      leaseMs: optionalMs(env.LECTERN_LIVE_LEASE_MS, 'LECTERN_LIVE_LEASE_MS'),
    },
    adminToken: adminTokenFrom(env.LECTERN_ADMIN_TOKEN),
  };
}
