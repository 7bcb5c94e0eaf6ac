import Koa from 'koa';

import type { Services } from '@scoped-notes/api';

import type { ServerConfig } from './env';
import type { AppState } from './http/app-state';
import { handleErrors } from './http/handle-errors';
import { health } from './http/health';
import { logRequests } from './http/log-requests';
import { mountTrpc } from './http/mount-trpc';
import { notFound } from './http/not-found';
import { assignRequestId } from './http/request-id';
import type { Logger } from './logger';

export type CreateAppOptions = {
  config: Pick<ServerConfig, 'maxBodyBytes'>;
  services: Services;
  log: Logger;
};

export function createApp({ config, services, log }: CreateAppOptions): Koa<AppState> {
  const app = new Koa<AppState>();

  // Errors outside tRPC end up here; tRPC's own are logged by its onError.
  app.on('error', (error: unknown, ctx?: Koa.ParameterizedContext<AppState>) => {
    (ctx?.state.log ?? log).error({ err: error }, 'request failed');
  });

  app.use(handleErrors());
  app.use(assignRequestId(log));
  app.use(logRequests());
  app.use(health());
  app.use(mountTrpc({ services, maxBodyBytes: config.maxBodyBytes }));
  app.use(notFound());

  return app;
}
