import type { AppContext } from './app-state';

/** What a path that only serves reading (/health, the OpenAPI document, the docs page) takes. */
export const READ_ONLY_METHODS = 'GET, HEAD, OPTIONS';

/**
 * OPTIONS on a known path: 204 with the methods it takes, no body and no token. A
 * CORS preflight from an allowed origin never gets here (cross-origin.ts answers it);
 * one from any other origin gets this same answer, without CORS headers.
 */
export function answerOptions(ctx: AppContext, allow: string): void {
  ctx.set('Allow', allow);
  ctx.status = 204;
}
