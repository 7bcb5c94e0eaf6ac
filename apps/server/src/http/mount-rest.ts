import type { IncomingMessage, ServerResponse } from 'node:http';

import { appRouter, type AppRouter, type Services } from '@scoped-notes/api';
import { createOpenApiNodeHttpHandler, type OpenAPIObject } from 'trpc-to-openapi';

import { answerOptions } from './answer-options';
import { apiContextFor } from './api-context';
import type { AppContext, AppMiddleware } from './app-state';
import { CapturedResponse } from './captured-response';
import { logProcedureError } from './log-procedure-error';
import { readJsonBody } from './rest-body';
import { restErrorHeaders } from './rest-error-headers';
import { restBodyFromProcedureError, restErrorBody, RestRequestError, type RestErrorBody } from './rest-errors';
import { restOperations, type RestOperation } from './rest-operations';
import {
  applyIfMatch,
  asPreconditionFailed,
  conflictEtag,
  ifMatchVersion,
  successEtag,
  versionPlace,
} from './rest-preconditions';
import { numericQueryParameters, restQuery } from './rest-query';
import { createRouteFinder, operationFor } from './rest-routes';

export const REST_PREFIX = '/api';

type MountRestOptions = {
  services: Services;
  maxBodyBytes: number;
  /** The OpenAPI document of the same router (openapi-document.ts): it types the query parameters. */
  document: OpenAPIObject;
};

/** The Node request as trpc-to-openapi takes it: body and query already read by this layer. */
type PreparedRequest = IncomingMessage & { body?: unknown; query?: Record<string, unknown[]> };

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

function isRestPath(path: string): boolean {
  return path === REST_PREFIX || path.startsWith(`${REST_PREFIX}/`);
}

/**
 * A path parameter that fails validation (an id far too long to be one) names no
 * resource, so it answers as the operation's 404 does, byte for byte.
 */
function asMissingResource(body: RestErrorBody, operation: RestOperation, requestId: string): RestErrorBody | null {
  const notFoundMessage = operation.errorResponses[404];
  const failing = Object.keys(body.error.fields ?? {});
  const onlyPathParameters =
    failing.length > 0 && failing.every((field) => operation.pathParameters.includes(field));

  if (body.error.code !== 'BAD_REQUEST' || !onlyPathParameters || !notFoundMessage) return null;

  return restErrorBody('NOT_FOUND', notFoundMessage, requestId);
}

function sendError(ctx: AppContext, status: number, body: RestErrorBody, headers: Record<string, string> = {}): void {
  ctx.set(headers);
  ctx.status = status;
  ctx.body = body;
}

/** Turns what trpc-to-openapi wrote into Koa's answer, in the REST error shape when it failed. */
function sendCaptured(ctx: AppContext, operation: RestOperation, captured: CapturedResponse, ifMatched: boolean): void {
  const { requestId } = ctx.state;

  for (const [name, value] of captured.headers) {
    if (name !== 'content-type') ctx.set(name, value);
  }

  if (captured.statusCode < 400) {
    ctx.status = operation.successStatus;
    if (operation.successStatus === 204) return;

    ctx.type = 'application/json';
    ctx.body = captured.text;

    return;
  }

  const body = restBodyFromProcedureError(captured.json(), requestId);
  const missing = asMissingResource(body, operation, requestId);
  // A 409 with an ETag is a stale version; asked for with If-Match, it is a 412.
  if (ifMatched && captured.statusCode === 409 && captured.headers.has('etag')) {
    sendError(ctx, 412, asPreconditionFailed(body, requestId));

    return;
  }

  sendError(ctx, missing ? 404 : captured.statusCode, missing ?? body);
}

/**
 * Serves the router's procedures at the REST paths their `.meta({ openapi })` names,
 * through trpc-to-openapi, so inputs, outputs and errors come from the same
 * definitions as tRPC. Before the handler runs, this layer answers what it can alone
 * (unknown path 404, wrong method 405 with `Allow`, OPTIONS, body not JSON 415, too
 * large 413; HEAD runs the GET) and reads the body and query; afterwards it sets the success status
 * (201, 204) and reshapes errors into the one REST error body.
 */
export function mountRest({ services, maxBodyBytes, document }: MountRestOptions): AppMiddleware {
  const operations = restOperations(appRouter);
  const findRoute = createRouteFinder(operations);
  const numericQuery = new Map(operations.map((operation) => [operation, numericQueryParameters(document, operation)]));
  const versionPlaces = new Map(operations.map((operation) => [operation, versionPlace(document, operation)]));

  // The handler is built once; these let its callbacks find the Koa context of a request.
  const koaContexts = new WeakMap<IncomingMessage, AppContext>();
  const koaContextOf = (req: IncomingMessage): AppContext => {
    const ctx = koaContexts.get(req);
    if (!ctx) throw new Error('REST request without its Koa context');

    return ctx;
  };

  const handle = createOpenApiNodeHttpHandler<AppRouter, PreparedRequest, ServerResponse>({
    router: appRouter,
    maxBodySize: maxBodyBytes,
    createContext: ({ req }) => apiContextFor(koaContextOf(req), services),
    responseMeta: ({ errors, ctx, data }) => {
      const [error] = errors;

      return error
        ? { headers: { ...restErrorHeaders(error, ctx?.authorization !== undefined), ...conflictEtag(error) } }
        : { headers: successEtag(data[0]) };
    },
    onError: ({ error, path, req }) => logProcedureError(koaContextOf(req).state.log, error, path),
  });

  const answer = async (ctx: AppContext) => {
    const route = findRoute(ctx.path);
    if (!route) throw new RestRequestError(404, 'NOT_FOUND', 'No such endpoint');

    if (ctx.method === 'OPTIONS') return answerOptions(ctx, route.allow);

    const operation = operationFor(route, ctx.method);
    if (!operation) {
      const message = `${ctx.method} is not supported on ${route.path}; use ${route.methods.join(', ')}`;
      throw new RestRequestError(405, 'METHOD_NOT_SUPPORTED', message, { Allow: route.allow });
    }

    const req: PreparedRequest = ctx.req;
    if (BODY_METHODS.has(operation.method)) {
      req.body = await readJsonBody(ctx, maxBodyBytes, { optional: !operation.takesInput });
      // The body is read and checked by now. trpc-to-openapi still asks for a JSON type, and
      // in lower case (media types are case-insensitive), even of a POST rightly sent no body.
      req.headers['content-type'] = 'application/json';
    }
    req.query = restQuery(new URLSearchParams(ctx.querystring), numericQuery.get(operation) ?? new Set(), operation.queryNames);

    const place = versionPlaces.get(operation) ?? null;
    const ifMatch = place ? ifMatchVersion(ctx.req.headers['if-match']) : undefined;
    if (ifMatch !== undefined) applyIfMatch(req, place, ifMatch);

    const captured = new CapturedResponse(ctx.res);
    koaContexts.set(ctx.req, ctx);
    let unmatched = false;
    // trpc-to-openapi knows no HEAD, so it is shown the GET it stands for; Koa reads the
    // real method again when it answers, and then sends no body.
    const askedMethod = req.method;
    req.method = operation.method;
    try {
      // The cast is the one place the stand-in passes for a Node response.
      await handle(req, captured as unknown as ServerResponse, () => {
        unmatched = true;
      });
    } finally {
      req.method = askedMethod;
    }
    if (unmatched) throw new RestRequestError(404, 'NOT_FOUND', 'No such endpoint');

    sendCaptured(ctx, operation, captured, ifMatch !== undefined);
  };

  return async (ctx, next) => {
    if (!isRestPath(ctx.path)) return next();

    try {
      await answer(ctx);
    } catch (error) {
      const { requestId } = ctx.state;
      if (error instanceof RestRequestError) {
        sendError(ctx, error.status, restErrorBody(error.code, error.message, requestId), error.headers);

        return;
      }

      ctx.app.emit('error', error, ctx);
      sendError(ctx, 500, restErrorBody('INTERNAL_SERVER_ERROR', `Internal server error (request id ${requestId})`, requestId));
    }
  };
}
