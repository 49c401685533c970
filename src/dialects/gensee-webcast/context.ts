import { endpointBuilder, type Endpoint } from '../framework/dialect.js';
import type { GenseeContext, GenseeRole } from '../shared/gensee-auth.js';

export type WebcastContext = GenseeContext;

/** A row of the endpoint table: the vendor path, the role it requires, its parameters and its handler. */
export interface WebcastEndpoint extends Endpoint<WebcastContext> {
  role: GenseeRole;
}

export const WEBCAST_PREFIX = '/integration/site/webcast';

/** Declares a row of the table (see `endpointBuilder`). */
export const webcastEndpoint = endpointBuilder<WebcastContext, { role: GenseeRole }>();
