import Koa from 'koa';

import type { Services } from '@scoped-notes/api';

import type { ServerConfig } from './env';
import type { AppState } from './http/app-state';
import { handleErrors } from './http/handle-errors';
import { health } from './http/health';
import { logRequests } from './http/log-requests';
import { isLostConnection } from './http/lost-connection';
import { docsPage } from './http/docs-page';
import { mountRest } from './http/mount-rest';
import { mountTrpc } from './http/mount-trpc';
import { notFound } from './http/not-found';
import { createOpenApiDocument } from './http/openapi-document';
import { crossOrigin } from './http/cross-origin';
import { assignRequestId } from './http/request-id';
import { securityHeaders } from './http/security-headers';
import { serveOpenApi } from './http/serve-openapi';
import { serveWebApp } from './http/serve-web-app';
import type { Logger } from './logger';

export type CreateAppOptions = {
  config: Pick<ServerConfig, 'maxBodyBytes'> & Partial<Pick<ServerConfig, 'webDistDir' | 'trustProxyHops' | 'corsOrigins'>>;
  services: Services;
  log: Logger;
};

export function createApp({ config, services, log }: CreateAppOptions): Koa<AppState> {
  const app = new Koa<AppState>();

  // Koa then takes the client address from the entry the nearest trusted proxy added.
  const trustProxyHops = config.trustProxyHops ?? 0;
  app.proxy = trustProxyHops > 0;
  app.maxIpsCount = trustProxyHops;

  // Errors outside the procedures end up here; theirs are logged by their handlers' onError.
  // A client that went away is no server error: log-requests notes it as aborted.
  app.on('error', (error: unknown, ctx?: Koa.ParameterizedContext<AppState>) => {
    const requestLog = ctx?.state.log ?? log;

    if (isLostConnection(error, ctx)) requestLog.debug({ code: (error as { code: string }).code }, 'client connection lost');
    else requestLog.error({ err: error }, 'request failed');
  });

  app.use(securityHeaders());
  app.use(handleErrors());
  app.use(assignRequestId(log));
  app.use(logRequests());
  // Before every route, so a preflight is answered without a token.
  app.use(crossOrigin(config.corsOrigins ?? []));
  app.use(health());
  app.use(mountTrpc({ services, maxBodyBytes: config.maxBodyBytes }));

  // The REST mirror of the same router, its OpenAPI document and its docs page.
  const document = createOpenApiDocument();
  app.use(serveOpenApi(document));
  app.use(docsPage());
  app.use(mountRest({ services, maxBodyBytes: config.maxBodyBytes, document }));

  app.use(serveWebApp({ distDir: config.webDistDir, log }));
  app.use(notFound());

  return app;
}
