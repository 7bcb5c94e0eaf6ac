import type { OpenAPIObject } from 'trpc-to-openapi';

import { answeredUnlessReading } from './answer-options';
import type { AppMiddleware } from './app-state';
import { restMethodRefusal } from './rest-errors';

export const OPENAPI_PATH = '/api/openapi.json';

/** `GET /api/openapi.json`: the document, serialised once; import it into Postman or a client generator. */
export function serveOpenApi(document: OpenAPIObject): AppMiddleware {
  const json = JSON.stringify(document);

  return async (ctx, next) => {
    if (ctx.path !== OPENAPI_PATH) return next();
    if (answeredUnlessReading(ctx, restMethodRefusal(ctx.state.requestId))) return;

    ctx.set('Cache-Control', 'no-cache');
    ctx.type = 'application/json';
    ctx.body = json;
  };
}
