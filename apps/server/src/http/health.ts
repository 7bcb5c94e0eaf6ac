import { checkDatabase, type DatabaseState } from '@scoped-notes/api';

import type { AppMiddleware } from './app-state';
import { errorBody } from './error-body';

export type HealthBody = { status: 'ok' | 'degraded'; database: DatabaseState };

/** `GET /health`: 200 while the database answers a ping, 503 otherwise. */
export function health(): AppMiddleware {
  return async (ctx, next) => {
    if (ctx.path !== '/health') return next();

    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      ctx.set('Allow', 'GET, HEAD');
      ctx.status = 405;
      ctx.body = errorBody('METHOD_NOT_SUPPORTED', 'Use GET for /health', ctx.state.requestId);

      return;
    }

    const database = await checkDatabase();
    const connected = database === 'connected';

    ctx.set('Cache-Control', 'no-store');
    ctx.status = connected ? 200 : 503;
    ctx.body = { status: connected ? 'ok' : 'degraded', database } satisfies HealthBody;
  };
}
