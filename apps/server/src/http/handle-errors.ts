import { STATUS_CODES } from 'node:http';

import type { AppMiddleware } from './app-state';
import { errorBody } from './error-body';

type ExposedError = { status: number; message: string };

/** 413 becomes PAYLOAD_TOO_LARGE, in the style of tRPC's codes. */
function statusCode(status: number): string {
  return (STATUS_CODES[status] ?? 'Client Error').toUpperCase().replace(/[^A-Z]+/g, '_');
}

/** Koa's rule: a client error marked `expose` may be shown; anything else is hidden. */
function exposedClientError(error: unknown): ExposedError | null {
  if (typeof error !== 'object' || error === null) return null;

  const { status, expose, message } = error as { status?: unknown; expose?: unknown; message?: unknown };
  const isClientStatus = typeof status === 'number' && status >= 400 && status < 500;
  if (!isClientStatus || expose !== true || typeof message !== 'string') return null;

  return { status, message };
}

/**
 * The outermost middleware. A client sees the status and a safe message with the
 * request id, never a stack or an internal message; server errors go to the
 * app's `error` event, where they are logged.
 */
export function handleErrors(): AppMiddleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      const clientError = exposedClientError(error);
      if (!clientError) ctx.app.emit('error', error, ctx);

      // Part of an answer is already on the wire: ending the connection is all that is left.
      if (ctx.headerSent) {
        ctx.req.socket.destroy();

        return;
      }

      ctx.respond = true;
      ctx.status = clientError?.status ?? 500;
      ctx.body = clientError
        ? errorBody(statusCode(clientError.status), clientError.message, ctx.state.requestId)
        : errorBody('INTERNAL_SERVER_ERROR', `Internal server error (request id ${ctx.state.requestId})`, ctx.state.requestId);
    }
  };
}
