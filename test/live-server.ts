import type { FastifyInstance } from 'fastify';
import { createTestEnv, newTenant, type TestEnv } from './harness.js';
import type { TenantCredentials } from '../src/dialects/provision.js';
import { buildApp } from '../src/server/app.js';
import type { LiveOptions } from '../src/live/routes.js';
import type { LiveClient } from './live-client.js';

/** A listening server with the live runtime (short timings), and one tenant in it. */
export interface LiveTestServer {
  env: TestEnv;
  app: FastifyInstance;
  /** The server's base URL (http://127.0.0.1:<port>). */
  base: string;
  school: TenantCredentials;
}

export async function startLiveServer(tenantName: string, live: LiveOptions = { graceMs: 50, heartbeatMs: 1000 }): Promise<LiveTestServer> {
  const env = await createTestEnv();
  const app = await buildApp({ config: env.config, services: env.services, logger: false, live });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return { env, app, base, school: await newTenant(env, tenantName) };
}

/** Closes the test's clients, then the server and its database. */
export async function stopLiveServer(server: Pick<LiveTestServer, 'env' | 'app'> | undefined, clients: readonly LiveClient[]): Promise<void> {
  for (const c of clients) await c.close();
  await server?.app.close();
  await server?.env.close();
}
