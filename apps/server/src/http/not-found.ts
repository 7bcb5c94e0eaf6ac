import type { AppMiddleware } from './app-state';
import { errorBody } from './error-body';

/** The last middleware: whatever nothing else answered. */
export function notFound(): AppMiddleware {
  return async (ctx) => {
    ctx.status = 404;
    ctx.body = errorBody('NOT_FOUND', 'No such endpoint', ctx.state.requestId);
  };
}
