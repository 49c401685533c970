import { endpointBuilder, type Endpoint } from '../framework/dialect.js';
import type { GenseeContext, GenseeRole } from '../shared/gensee-auth.js';

export type TrainingContext = GenseeContext;

/** A row of the endpoint table; `organizer` here means teacher (老师) or admin. */
export interface TrainingEndpoint extends Endpoint<TrainingContext> {
  role: GenseeRole;
}

export const TRAINING_PREFIX = '/integration/site/training';

/** Declares a row of the table (see `endpointBuilder`). */
export const trainingEndpoint = endpointBuilder<TrainingContext, { role: GenseeRole }>();
