import { performance } from 'node:perf_hooks';
import { finished } from 'node:stream';

import type { AppMiddleware } from './app-state';

/**
 * One line per request once its response is done, written or not by Koa (tRPC
 * writes its own). Only the method, the path without its query, the status and
 * the time: never headers or bodies. A connection that ended before the answer did
 * is marked `aborted`, and has a status only if one was sent.
 */
export function logRequests(): AppMiddleware {
  return async (ctx, next) => {
    const startedAt = performance.now();
    const { method, path } = ctx;

    finished(ctx.res, (error) => {
      // Before its headers go out, a response's status is only what it would have been.
      const status = ctx.res.headersSent ? ctx.res.statusCode : undefined;
      const fields = {
        method,
        path,
        ...(status === undefined ? {} : { status }),
        ms: Math.round((performance.now() - startedAt) * 10) / 10,
        ...(error ? { aborted: true } : {}),
      };

      if (status !== undefined && status >= 500) ctx.state.log.warn(fields, 'request');
      else ctx.state.log.info(fields, 'request');
    });

    await next();
  };
}
