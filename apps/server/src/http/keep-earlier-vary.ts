import type { ServerResponse } from 'node:http';

import type { AppContext } from './app-state';

/**
 * tRPC's handler sets a `Vary` of its own (trpc-accept, accept) that replaces the one
 * set before it (Origin, from CORS), so a cache could hand one origin's answer to
 * another. Node has no event for "headers about to go out", and every answer passes
 * through `writeHead`, so that is where the earlier tokens are added back: Koa's
 * `ctx.vary` adds each token once, whatever its case.
 */
export function keepEarlierVary(ctx: AppContext): void {
  const earlier = ctx.response.get('Vary');
  if (!earlier) return;

  const { res } = ctx;
  const writeHead = res.writeHead;

  res.writeHead = function writeHeadWithEarlierVary(this: ServerResponse, ...args: unknown[]) {
    ctx.vary(earlier);

    return Reflect.apply(writeHead, this, args) as ServerResponse;
  } as ServerResponse['writeHead'];
}
