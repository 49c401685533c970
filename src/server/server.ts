import type { FastifyInstance } from 'fastify';
import type { LecternConfig } from '../config.js';
import { Services } from '../core/services.js';
import { openStorage, type Storage } from '../storage/database.js';
import { buildApp } from './app.js';
import { RedisEventRelay } from '../live/redis-relay.js';

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
  const services = new Services(storage.db, storage.engine);
  const app = await buildApp({ config, services, logger: opts.logger });
  const relay = config.redisUrl ? await RedisEventRelay.start(config.redisUrl, services.bus, (err) => app.log.error({ err }, 'redis relay')) : undefined;
  await opts.beforeListen?.(services, app);
  const url = await app.listen({ port: config.port, host: config.host });
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await app.close();
      await relay?.close();
      await storage.close();
    })();
    return closing;
  };
  return { app, services, storage, url, close };
}
