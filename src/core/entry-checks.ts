import type { RoomRow } from '../storage/schema.js';

/** Someone asks to enter a live class or to watch a playback of a room. */
export interface EntryAttempt {
  tenantId: string;
  room: RoomRow;
  /** The token the entry link carried (e.g. a customer's own ticket), if any. */
  accessKey: string | null;
  kind: 'live' | 'playback';
  /** The live session whose playback is asked for (playback only). */
  sessionId: number | null;
  /** The role a live entry enters as (host, assistant, student); absent for playback. */
  role?: string;
}

/**
 * How long before its scheduled start students may enter a room, in ms, when the room's dialect
 * stores such a window (Baijiayun's `pre_enter_time`); undefined: the room says nothing.
 */
export type EarlyEntryWindow = (room: RoomRow) => number | undefined;

/** Students may enter this long before the scheduled start when the room declares no window of its own. */
export const DEFAULT_EARLY_ENTRY_MS = 30 * 60_000;

export type EntryDecision = { admitted: true } | { admitted: false; reason: string; message?: string };

/**
 * A rule that may refuse an entry. Dialects contribute them (a vendor's "ask the customer's server"
 * rule, for instance); the live runtime and the playback pages ask `EntryChecks.check` before
 * letting anyone in.
 */
export interface EntryCheck {
  /** Registering another check of the same name replaces it. */
  readonly name: string;
  check(attempt: EntryAttempt): Promise<EntryDecision>;
}

const ADMITTED: EntryDecision = { admitted: true };

/** The registered entry checks: an entry is admitted when every one of them admits it. */
export class EntryChecks {
  private readonly checks = new Map<string, EntryCheck>();
  private readonly windows: EarlyEntryWindow[] = [];

  /** A dialect tells how early its rooms let students in (the first window that answers wins). */
  registerEarlyEntry(window: EarlyEntryWindow): void {
    this.windows.push(window);
  }

  /** How long before its scheduled start students may enter `room`, in ms. */
  earlyEntryMs(room: RoomRow): number {
    for (const w of this.windows) {
      const ms = w(room);
      if (ms !== undefined) return ms;
    }
    return DEFAULT_EARLY_ENTRY_MS;
  }

  register(check: EntryCheck): void {
    this.checks.set(check.name, check);
  }

  names(): string[] {
    return [...this.checks.keys()];
  }

  /** Runs the checks in registration order; the first refusal is the answer. */
  async check(attempt: EntryAttempt): Promise<EntryDecision> {
    for (const c of this.checks.values()) {
      const decision = await c.check(attempt);
      if (!decision.admitted) return decision;
    }
    return ADMITTED;
  }
}
