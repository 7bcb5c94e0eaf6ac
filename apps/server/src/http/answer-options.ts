import type { AppContext } from './app-state';

/** What a path that only serves reading (/health, the OpenAPI document, the docs page) takes. */
const READ_ONLY_METHODS = 'GET, HEAD, OPTIONS';

/**
 * OPTIONS on a known path: 204 with the methods it takes, no body and no token. A
 * CORS preflight from an allowed origin never gets here (cross-origin.ts answers it);
 * one from any other origin gets this same answer, without CORS headers.
 */
export function answerOptions(ctx: AppContext, allow: string): void {
  ctx.set('Allow', allow);
  ctx.status = 204;
}

/**
 * The methods of a read-only path (/health, the OpenAPI document, the docs page):
 * OPTIONS is answered 204, anything but GET and HEAD 405 with `refusal`'s body for
 * the message given. True when it answered, so the path serves only what is left.
 */
export function answeredUnlessReading(ctx: AppContext, refusal: (message: string) => unknown): boolean {
  if (ctx.method === 'GET' || ctx.method === 'HEAD') return false;

  if (ctx.method === 'OPTIONS') {
    answerOptions(ctx, READ_ONLY_METHODS);
  } else {
    ctx.set('Allow', READ_ONLY_METHODS);
    ctx.status = 405;
    ctx.body = refusal(`Use GET for ${ctx.path}`);
  }

  return true;
}
