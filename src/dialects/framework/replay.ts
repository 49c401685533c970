import { sha256Hex } from '../../core/crypto.js';
import type { Redis } from 'ioredis';
import type { DialectRequest } from './dialect.js';

/** The first answer to a signed request, as it went out. */
export interface ReplayAnswer {
  status: number;
  body: unknown;
}

/**
 * Where recent signed requests are remembered. `claim` either hands the request to its caller to
 * run ('run'), or returns the answer the first copy got (waiting while that copy is still running);
 * the runner then `settle`s the key with its answer when the request changed something, or with
 * `undefined` when it changed nothing (a read: a later copy runs afresh and sees current data).
 */
export interface ReplayStore {
  claim(key: string, ttlMs: number): Promise<'run' | ReplayAnswer>;
  /**
   * @param overlapping when nothing is kept: the answer for copies that arrived while this one ran
   *   (they get it as a replay would; later copies run afresh). A store may ignore it, and then
   *   those copies run one after another.
   */
  settle(key: string, answer: ReplayAnswer | undefined, ttlMs: number, overlapping?: ReplayAnswer): Promise<void>;
}

/**
 * The request's identity: its method, path, every byte of its parameters (query, form, JSON or
 * multipart fields) and its uploaded files (their names and content digests: signatures do not
 * cover files, so two uploads under one signature are two requests).
 */
export function replayKey(dialect: string, req: DialectRequest): string {
  const parts = [dialect, req.method, req.path, req.rawQuery, req.rawForm ?? '', req.jsonBody === undefined ? '' : JSON.stringify(req.jsonBody)];
  // A form's or JSON body's parameters are its text, in the parts above; a multipart body's are not.
  if (req.rawForm === undefined && req.jsonBody === undefined) {
    const files = [...req.files.values()].map((f) => [f.field, f.fileName, f.spooled.size, f.spooled.sha256]);
    parts.push(JSON.stringify(req.params.pairs()), JSON.stringify(files));
  }
  return sha256Hex(parts.join('\0'));
}

interface MemoryEntry {
  expiresAt: number;
  answer?: ReplayAnswer;
  /**
   * Copies waiting for the running one to settle (made only when a copy arrives: most never see
   * one), each woken with the answer it may take, or none (then it claims again).
   */
  waiters?: Array<(answer?: ReplayAnswer) => void>;
}

/**
 * One process's recent signed requests, at most `maxEntries` (oldest forgotten first: past the bound
 * a replay of the oldest would run again, so the bound is sized far above a window's traffic).
 */
export class MemoryReplayStore implements ReplayStore {
  private readonly entries = new Map<string, MemoryEntry>();

  constructor(private readonly maxEntries = 50_000, private readonly now: () => number = Date.now) {}

  get size(): number {
    return this.entries.size;
  }

  async claim(key: string, ttlMs: number): Promise<'run' | ReplayAnswer> {
    for (;;) {
      const entry = this.entries.get(key);
      if (!entry || entry.expiresAt <= this.now()) {
        this.remember(key, { expiresAt: this.now() + ttlMs });
        return 'run';
      }
      if (entry.answer) return entry.answer;
      const handed = await new Promise<ReplayAnswer | undefined>((resolve) => (entry.waiters ??= []).push(resolve));
      if (handed) return handed;
    }
  }

  async settle(key: string, answer: ReplayAnswer | undefined, ttlMs: number, overlapping?: ReplayAnswer): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry) return;
    if (answer) this.entries.set(key, { expiresAt: this.now() + ttlMs, answer });
    else this.entries.delete(key);
    // Identical copies that came while it ran take its answer, instead of each running in turn.
    for (const wake of entry.waiters ?? []) wake(answer ?? overlapping);
  }

  private remember(key: string, entry: MemoryEntry): void {
    const replaced = this.entries.get(key);
    this.entries.delete(key);
    this.entries.set(key, entry);
    // Copies waiting on an expired run now wait on this one.
    for (const wake of replaced?.waiters ?? []) wake();
    if (this.entries.size <= this.maxEntries) return;
    const now = this.now();
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.maxEntries) break;
      // The oldest first; one still running is kept (its copies wait on it).
      if (e.answer || e.expiresAt <= now) {
        this.entries.delete(k);
        // Copies waiting on a forgotten one try again (and run).
        for (const wake of e.waiters ?? []) wake();
      }
    }
  }
}

const PENDING = 'pending';
const POLL_MS = 25;

/**
 * Recent signed requests shared by every process on one Redis: `SET key pending NX PX ttl` claims a
 * request; the runner replaces the value with its answer (kept for the rest of the TTL) or deletes
 * it when nothing changed. A copy that finds `pending` polls until the first one settles (and runs
 * itself when the key was deleted: overlapping answers are not handed over between processes).
 */
export class RedisReplayStore implements ReplayStore {
  constructor(private readonly redis: Redis, private readonly prefix = 'lectern:replay:', private readonly maxWaitMs = 30_000) {}

  async claim(key: string, ttlMs: number): Promise<'run' | ReplayAnswer> {
    const k = this.prefix + key;
    const deadline = Date.now() + this.maxWaitMs;
    for (;;) {
      if ((await this.redis.set(k, PENDING, 'PX', ttlMs, 'NX')) === 'OK') return 'run';
      const value = await this.redis.get(k);
      if (value !== null && value !== PENDING) return JSON.parse(value) as ReplayAnswer;
      // The first copy is still running (or has just released the key): look again shortly.
      if (Date.now() > deadline) throw new Error('a copy of this signed request is still running');
      if (value === PENDING) await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  async settle(key: string, answer: ReplayAnswer | undefined, ttlMs: number): Promise<void> {
    const k = this.prefix + key;
    if (answer) await this.redis.set(k, JSON.stringify(answer), 'PX', ttlMs, 'XX');
    else await this.redis.del(k);
  }
}

/**
 * Redis first; when Redis fails, this process's own memory (replays across processes then go
 * undetected until Redis is back, which /readyz reports), so that an outage of Redis does not stop the APIs.
 */
export class SharedReplayStore implements ReplayStore {
  private readonly local: MemoryReplayStore;
  private readonly claimedLocally = new Set<string>();

  constructor(private readonly shared: RedisReplayStore, maxEntries: number, private readonly onError: (err: unknown) => void) {
    this.local = new MemoryReplayStore(maxEntries);
  }

  async claim(key: string, ttlMs: number): Promise<'run' | ReplayAnswer> {
    try {
      return await this.shared.claim(key, ttlMs);
    } catch (err) {
      this.onError(err);
      this.claimedLocally.add(key);
      return this.local.claim(key, ttlMs);
    }
  }

  async settle(key: string, answer: ReplayAnswer | undefined, ttlMs: number, overlapping?: ReplayAnswer): Promise<void> {
    if (this.claimedLocally.delete(key)) return this.local.settle(key, answer, ttlMs, overlapping);
    try {
      await this.shared.settle(key, answer, ttlMs);
    } catch (err) {
      this.onError(err);
    }
  }
}
