import { performance } from 'node:perf_hooks';
import { finished } from 'node:stream';

import type { AppMiddleware } from './app-state';

/**
 * One line per request once its response is done, written or not by Koa (tRPC
 * writes its own). Only the method, the path without its query, the status and
 * the time: never headers or bodies.
 */
export function logRequests(): AppMiddleware {
  return async (ctx, next) => {
    const startedAt = performance.now();
    const { method, path } = ctx;

    finished(ctx.res, (error) => {
      const status = ctx.res.statusCode;
      const fields = {
        method,
        path,
        status,
        ms: Math.round((performance.now() - startedAt) * 10) / 10,
        ...(error ? { aborted: true } : {}),
      };

      if (status >= 500) ctx.state.log.warn(fields, 'request');
      else ctx.state.log.info(fields, 'request');
    });

    await next();
  };
}
