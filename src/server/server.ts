import type { FastifyInstance } from 'fastify';
import type { LecternConfig } from '../config.js';
import { Services } from '../core/services.js';
import { openStorage, type Storage } from '../storage/database.js';
import { buildApp } from './app.js';
import { RedisEventRelay } from '../live/redis-relay.js';
import { DeliveryStore } from '../delivery/store.js';
import { DeliveryWorker } from '../delivery/worker.js';
import { HistoryRetention, pruneHistory } from './retention.js';

export interface RunningServer {
  app: FastifyInstance;
  services: Services;
  storage: Storage;
  url: string;
  /** Stops accepting, lets in-flight requests finish, then closes the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: boolean;
  /** Runs after the database is ready and before the port opens (e.g. first-start seeding). */
  beforeListen?: (services: Services, app: FastifyInstance) => Promise<void>;
}

export async function startServer(config: LecternConfig, opts: StartOptions = {}): Promise<RunningServer> {
  const storage = await openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, databaseSchema: config.databaseSchema });
  const services = Services.forStorage(storage);
  const app = await buildApp({ config, services, logger: opts.logger });
  services.bus.setListenerErrorReporter((err) => app.log.error({ err }, 'classroom event listener'));
  const relay = config.redisUrl ? await RedisEventRelay.start(config.redisUrl, services.bus, (err) => app.log.error({ err }, 'redis relay')) : undefined;
  await opts.beforeListen?.(services, app);
  // Outbound callbacks: pending deliveries (those left by a previous run too) go out from now on.
  const deliveries = new DeliveryWorker(new DeliveryStore(storage.db, storage.engine), { onError: (err) => app.log.error({ err }, 'delivery worker') });
  deliveries.start();
  const retention = new HistoryRetention(() => pruneHistory(services, config.retention), {
    pruned: (p) => app.log.info({ pruned: p }, 'history older than the retention removed'),
    failed: (err) => app.log.error({ err }, 'pruning history'),
  });
  retention.start();
  let url: string;
  try {
    url = await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await retention.stop();
    await deliveries.stop();
    throw err;
  }
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await closeHttp(app);
      await retention.stop();
      await deliveries.stop();
      await relay?.close();
      await storage.close();
    })();
    return closing;
  };
  return { app, services, storage, url, close };
}

/** In-flight requests get this long to finish after a shutdown signal. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Stops accepting and waits for in-flight requests. Keep-alive connections that finish their
 * request after closing began would hold the server open until the client hangs up, so idle ones
 * are closed as they appear; whatever is still open after the grace period is cut.
 */
async function closeHttp(app: FastifyInstance): Promise<void> {
  const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
  const deadline = setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
  try {
    await app.close();
  } finally {
    clearInterval(sweep);
    clearTimeout(deadline);
  }
}
