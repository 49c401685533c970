import type { FastifyInstance } from 'fastify';
import { createTestEnv, newTenant, type TestEnv } from './harness.js';
import type { TenantCredentials } from '../src/dialects/provision.js';
import { buildApp } from '../src/server/app.js';
import type { LiveOptions } from '../src/live/routes.js';
import { expect } from 'vitest';
import { LiveClient } from './live-client.js';

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

/**
 * Enters with a code and a name (`POST /enter`), opens the WebSocket with the ticket and waits for
 * the welcome; the client joins `clients`, for `stopLiveServer` to close.
 */
export async function enterWithCode(server: Pick<LiveTestServer, 'app' | 'base'>, clients: LiveClient[], code: string, name: string): Promise<LiveClient> {
  const res = await server.app.inject({ method: 'POST', url: '/enter', payload: { code, name } });
  expect(res.statusCode, res.body).toBe(200);
  const c = await LiveClient.connect(server.base, `ticket=${encodeURIComponent(res.json().ticket as string)}`);
  clients.push(c);
  await c.welcome();
  return c;
}
