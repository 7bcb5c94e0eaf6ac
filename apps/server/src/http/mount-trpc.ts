import { appRouter, type Services } from '@scoped-notes/api';
import { nodeHTTPRequestHandler } from '@trpc/server/adapters/node-http';

import { apiContextFor } from './api-context';
import type { AppMiddleware } from './app-state';
import { logProcedureError } from './log-procedure-error';

export const TRPC_PREFIX = '/trpc';

type MountTrpcOptions = { services: Services; maxBodyBytes: number };

function procedurePath(requestPath: string): string {
  return requestPath.slice(TRPC_PREFIX.length).replace(/^\/+|\/+$/g, '');
}

/**
 * Hands `/trpc/*` to tRPC's node-http handler, which writes the raw response
 * itself; `ctx.respond = false` keeps Koa from writing a second one.
 */
export function mountTrpc({ services, maxBodyBytes }: MountTrpcOptions): AppMiddleware {
  return async (ctx, next) => {
    if (ctx.path !== TRPC_PREFIX && !ctx.path.startsWith(`${TRPC_PREFIX}/`)) return next();

    const { log } = ctx.state;
    ctx.respond = false;
    // Koa starts every response at 404, and tRPC only sets the status when it finds 200 there.
    ctx.res.statusCode = 200;

    await nodeHTTPRequestHandler({
      router: appRouter,
      req: ctx.req,
      res: ctx.res,
      path: procedurePath(ctx.path),
      maxBodySize: maxBodyBytes,
      createContext: () => apiContextFor(ctx, services),
      onError: ({ error, path }) => logProcedureError(log, error, path),
    });
  };
}
