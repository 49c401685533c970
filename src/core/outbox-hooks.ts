import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import type { ClassroomEvent } from './events.js';

/**
 * Work that must happen in the same transaction as the outbox write of a unit's events, such as
 * deriving the deliveries they cause (src/delivery/): it commits or rolls back with the events,
 * so nothing an event causes can be lost between the commit and a later step.
 * A hook that throws rolls the whole transaction back.
 */
export type OutboxHook = (trx: Kysely<Database>, events: readonly ClassroomEvent[], now: number) => Promise<void>;

const hooks: OutboxHook[] = [];

/** Registers a hook for every unit of work of this process; registering the same hook twice is a no-op. */
export function addOutboxHook(hook: OutboxHook): void {
  if (!hooks.includes(hook)) hooks.push(hook);
}

export async function runOutboxHooks(trx: Kysely<Database>, events: readonly ClassroomEvent[], now: number): Promise<void> {
  if (events.length === 0) return;
  for (const hook of hooks) await hook(trx, events, now);
}
