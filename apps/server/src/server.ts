import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { connectDatabase, createServices, disconnectDatabase, type Services } from '@scoped-notes/api';
import { startDatabase, type RunningDatabase } from '@scoped-notes/embedded-mongo';

import { createApp } from './app';
import type { ServerConfig } from './env';
import { createLogger, type Logger } from './logger';

const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;

export type StartServerOptions = {
  log?: Logger;
  /** How long `close()` waits for requests in flight before cutting them off. */
  drainTimeoutMs?: number;
};

export type RunningServer = {
  url: string;
  port: number;
  database: Omit<RunningDatabase, 'stop' | 'uri'>;
  /** Stops taking requests, lets those in flight finish, then releases the database. Safe to call twice. */
  close(): Promise<void>;
};

function urlOf(server: Server): { url: string; port: number } {
  const { address, port, family } = server.address() as AddressInfo;
  const host = family === 'IPv6' ? `[${address}]` : address;

  return { url: `http://${host}:${port}`, port };
}

async function drain(server: Server, timeoutMs: number): Promise<void> {
  const closed = once(server, 'close');
  server.close();

  // close() only ends the keep-alive sockets idle at that moment; a socket whose
  // request finishes later would stay open until its keep-alive timeout. So
  // sweep again until every socket is gone, and cut off the busy ones at the deadline.
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  const deadline = setTimeout(() => server.closeAllConnections(), timeoutMs);
  try {
    await closed;
  } finally {
    clearInterval(sweep);
    clearTimeout(deadline);
  }
}

function logDatabase(log: Logger, database: RunningDatabase): void {
  const survival = database.persistent ? 'data survives a restart' : 'data does NOT survive a restart';

  log.info(
    { database: { kind: database.kind, persistent: database.persistent } },
    `database: ${database.description}; ${survival}`,
  );
}

/**
 * Starts the database (see database/start-database.ts), connects to it and
 * serves the app on HOST:PORT.
 */
export async function startServer(config: ServerConfig, options: StartServerOptions = {}): Promise<RunningServer> {
  const log = options.log ?? createLogger(config.logLevel);
  const drainTimeoutMs = options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;

  if (config.auth.jwtSecretGenerated) {
    log.warn('JWT_SECRET is not set: using a random secret, so sessions do not survive a restart');
  }

  const { bcryptCost, bcryptConcurrency, bcryptMaxWaitSeconds } = config.auth;
  log.info(
    { bcryptCost, bcryptConcurrency, bcryptMaxWaitSeconds },
    `password hashing: cost ${bcryptCost}, ${bcryptConcurrency} at once`,
  );

  const database = await startDatabase(config.database, { log });
  logDatabase(log, database);

  let server: Server;
  let services: Services | undefined;
  try {
    await connectDatabase(database.uri);

    services = createServices(config.auth);
    await services.start();

    const app = createApp({ config, services, log });
    server = createServer(app.callback());

    server.listen(config.port, config.host);
    await once(server, 'listening');
  } catch (error) {
    await services?.stop();
    await disconnectDatabase();
    await database.stop();
    throw error;
  }

  const { url, port } = urlOf(server);
  log.info({ url }, `listening on ${url}`);

  let closing: Promise<void> | undefined;
  const close = async () => {
    log.info('shutting down');
    await drain(server, drainTimeoutMs);
    await services?.stop();
    await disconnectDatabase();
    await database.stop();
    log.info('stopped');
  };

  return {
    url,
    port,
    database: { kind: database.kind, persistent: database.persistent, description: database.description },
    close: () => (closing ??= close()),
  };
}
