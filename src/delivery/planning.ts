import type { Kysely } from 'kysely';
import type { ClassroomEvent } from '../core/events.js';
import { addOutboxHook } from '../core/outbox-hooks.js';
import type { Database } from '../storage/schema.js';
import { DeliveryWriter } from './store.js';

/** What a planner may use: the transaction that writes the events, and the deliveries table on it. */
export interface PlanningContext {
  db: Kysely<Database>;
  deliveries: DeliveryWriter;
  /** When the transaction writes the events (epoch ms). */
  now: number;
}

/**
 * Decides which deliveries a transaction's events cause, e.g. a vendor's callbacks. It runs in the
 * transaction that writes the events, so a delivery exists exactly when its events do. It must
 * be cheap for events it ignores: it runs on every classroom write.
 */
export interface DeliveryPlanner {
  name: string;
  plan(events: readonly ClassroomEvent[], ctx: PlanningContext): Promise<void>;
}

const planners: DeliveryPlanner[] = [];

async function planDeliveries(trx: Kysely<Database>, events: readonly ClassroomEvent[], now: number): Promise<void> {
  if (planners.length === 0) return;
  const ctx: PlanningContext = { db: trx, deliveries: new DeliveryWriter(trx), now };
  for (const planner of planners) await planner.plan(events, ctx);
}

/** Registers a planner for every unit of work of this process (once per name). */
export function registerDeliveryPlanner(planner: DeliveryPlanner): void {
  if (planners.some((p) => p.name === planner.name)) return;
  planners.push(planner);
  addOutboxHook(planDeliveries);
}
