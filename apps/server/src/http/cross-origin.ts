import cors from '@koa/cors';

import type { AppMiddleware } from './app-state';

const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
const ALLOWED_HEADERS = ['authorization', 'content-type', 'if-match', 'x-request-id'];
// What a script on another origin may read of an answer besides the basic headers.
const EXPOSED_HEADERS = ['etag', 'retry-after', 'www-authenticate', 'x-request-id'];
const PREFLIGHT_CACHE_SECONDS = 600;

/**
 * CORS for the origins in CORS_ORIGINS only: an allowed origin is echoed back, any
 * other gets no Access-Control-Allow-Origin at all, so the browser keeps the
 * answer from its script. Tokens travel in the Authorization header, never in
 * cookies, so credentials are never allowed. A preflight is answered here, before
 * any route or token check (a browser sends it without the Authorization header).
 */
export function crossOrigin(allowedOrigins: readonly string[]): AppMiddleware {
  const allowed = new Set(allowedOrigins);

  return cors({
    origin: (ctx) => (allowed.has(ctx.get('origin')) ? ctx.get('origin') : ''),
    allowMethods: ALLOWED_METHODS,
    allowHeaders: ALLOWED_HEADERS,
    exposeHeaders: EXPOSED_HEADERS,
    maxAge: PREFLIGHT_CACHE_SECONDS,
    credentials: false,
  });
}
