import { randomUUID } from 'node:crypto';

import type { Logger } from '../logger';
import type { AppMiddleware } from './app-state';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Gives each request an id: the caller's `X-Request-Id` when it is safe to echo
 * and log, a fresh UUID otherwise. The id goes back in the response header and
 * onto a child logger for everything the request logs.
 */
export function assignRequestId(log: Logger): AppMiddleware {
  return async (ctx, next) => {
    const incoming = ctx.get('x-request-id');
    const requestId = SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();

    ctx.state.requestId = requestId;
    ctx.state.log = log.child({ requestId });
    ctx.set('X-Request-Id', requestId);

    await next();
  };
}
