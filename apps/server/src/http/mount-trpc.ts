import { appRouter, type Services } from '@scoped-notes/api';
import type { AnyProcedure, AnyRouter, ProcedureType } from '@trpc/server';
import { nodeHTTPRequestHandler } from '@trpc/server/adapters/node-http';

import { answerOptions } from './answer-options';
import { apiContextFor } from './api-context';
import type { AppContext, AppMiddleware } from './app-state';
import { CONTENT_CODING_MESSAGE, hasContentCoding } from './content-coding';
import { keepEarlierVary } from './keep-earlier-vary';
import { logProcedureError } from './log-procedure-error';
import { retryAfterHeader } from './retry-after';
import { trpcErrorBody } from './trpc-error-body';

export const TRPC_PREFIX = '/trpc';

const JSON_TYPE = 'application/json';

type MountTrpcOptions = { services: Services; maxBodyBytes: number };

// What tRPC itself answers; everything else is answered by answerOtherMethod.
const TRPC_METHODS = new Set(['GET', 'POST']);

// tRPC takes a query over GET and a mutation over POST (subscriptions are not served).
const ALLOW_BY_TYPE: Record<ProcedureType, string> = {
  query: 'GET, OPTIONS',
  mutation: 'POST, OPTIONS',
  subscription: 'GET, OPTIONS',
};

function procedurePath(requestPath: string): string {
  return requestPath.slice(TRPC_PREFIX.length).replace(/^\/+|\/+$/g, '');
}

function procedureAt(path: string): AnyProcedure | undefined {
  const procedures = (appRouter as AnyRouter)._def.procedures as Record<string, AnyProcedure | undefined>;

  return Object.hasOwn(procedures, path) ? procedures[path] : undefined;
}

function answerNoProcedure(ctx: AppContext, path: string): void {
  ctx.status = 404;
  ctx.body = trpcErrorBody('NOT_FOUND', 404, `No procedure found on path "${path}"`, path, ctx.state.requestId);
}

/**
 * Methods tRPC has no answer of its own for, answered here as on the REST paths:
 * OPTIONS is 204 with the procedure's methods; PUT, PATCH, DELETE and the like are
 * 405 with the same `Allow` (tRPC would ask them for a Content-Type instead, and answer
 * HEAD with an empty 204 whatever the path).
 * Unknown procedures are 404 either way.
 */
function answerOtherMethod(ctx: AppContext, path: string): void {
  const procedure = procedureAt(path);
  if (!procedure) return answerNoProcedure(ctx, path);

  const allow = ALLOW_BY_TYPE[procedure._def.type];
  if (ctx.method === 'OPTIONS') return answerOptions(ctx, allow);

  ctx.set('Allow', allow);
  ctx.status = 405;
  ctx.body = trpcErrorBody('METHOD_NOT_SUPPORTED', 405, `${ctx.method} is not supported on ${path}; use ${allow}`, path, ctx.state.requestId);
}

function refuseMediaType(ctx: AppContext, path: string, message: string): true {
  ctx.status = 415;
  ctx.body = trpcErrorBody('UNSUPPORTED_MEDIA_TYPE', 415, message, path, ctx.state.requestId);

  return true;
}

/**
 * tRPC itself would also take form data and raw bytes, and would read a compressed
 * body as text; this API takes uncompressed JSON only. `ctx.is` is false for a body
 * of another type and null for no body at all.
 */
function refuseUnlessPlainJson(ctx: AppContext, path: string): boolean {
  if (ctx.method !== 'POST') return false;

  if (hasContentCoding(ctx)) return refuseMediaType(ctx, path, CONTENT_CODING_MESSAGE);
  if (ctx.is(JSON_TYPE) === false) return refuseMediaType(ctx, path, `Send the body as ${JSON_TYPE}`);

  return false;
}

/**
 * Hands `/trpc/*` to tRPC's node-http handler, which writes the raw response
 * itself; `ctx.respond = false` keeps Koa from writing a second one.
 */
export function mountTrpc({ services, maxBodyBytes }: MountTrpcOptions): AppMiddleware {
  return async (ctx, next) => {
    if (ctx.path !== TRPC_PREFIX && !ctx.path.startsWith(`${TRPC_PREFIX}/`)) return next();

    const path = procedurePath(ctx.path);
    if (!TRPC_METHODS.has(ctx.method)) return answerOtherMethod(ctx, path);
    if (refuseUnlessPlainJson(ctx, path)) return;

    const { log } = ctx.state;
    keepEarlierVary(ctx);
    ctx.respond = false;
    // Koa starts every response at 404, and tRPC only sets the status when it finds 200 there.
    ctx.res.statusCode = 200;

    await nodeHTTPRequestHandler({
      router: appRouter,
      req: ctx.req,
      res: ctx.res,
      path,
      maxBodySize: maxBodyBytes,
      // The SDK sends one call per request; a batch would let one request do unbounded work.
      allowBatching: false,
      createContext: () => apiContextFor(ctx, services),
      responseMeta: ({ errors }) => ({ headers: retryAfterHeader(errors) }),
      onError: ({ error, path: procedure }) => logProcedureError(log, error, procedure),
    });
  };
}
