import { checkDatabase, type DatabaseState } from '@scoped-notes/api';

import { answeredUnlessReading } from './answer-options';
import type { AppMiddleware } from './app-state';
import { errorBody } from './error-body';

export type HealthBody = { status: 'ok' | 'degraded'; database: DatabaseState };

/** `GET /health`: 200 while the database answers a ping, 503 otherwise. OPTIONS is 204, other methods 405. */
export function health(): AppMiddleware {
  return async (ctx, next) => {
    if (ctx.path !== '/health') return next();

    if (answeredUnlessReading(ctx, (message) => errorBody('METHOD_NOT_SUPPORTED', message, ctx.state.requestId))) return;

    const database = await checkDatabase();
    const connected = database === 'connected';

    ctx.set('Cache-Control', 'no-store');
    ctx.status = connected ? 200 : 503;
    ctx.body = { status: connected ? 'ok' : 'degraded', database } satisfies HealthBody;
  };
}
