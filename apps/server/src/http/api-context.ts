import { createContext, type Context, type Services } from '@scoped-notes/api';

import type { AppContext } from './app-state';

/**
 * The API context for one Koa request. The client address is `ctx.ip`, which reads
 * X-Forwarded-For only when TRUST_PROXY says how many proxies append to it (see
 * app.ts); otherwise a client could pick its own address and dodge rate limits.
 */
export function apiContextFor(ctx: AppContext, services: Services): Context {
  return createContext({
    services,
    authorization: ctx.get('authorization') || undefined,
    requestId: ctx.state.requestId,
    log: ctx.state.log,
    clientAddress: ctx.ip || 'unknown',
    userAgent: ctx.get('user-agent') || undefined,
  });
}
