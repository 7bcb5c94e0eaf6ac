import onHeaders from 'on-headers';

import type { AppContext } from './app-state';

/**
 * tRPC's handler sets a `Vary` of its own (trpc-accept, accept) that replaces the one
 * set before it (Origin, from CORS), so a cache could hand one origin's answer to
 * another. Just before the headers go out, the earlier tokens are added back: Koa's
 * `ctx.vary` adds each token once, whatever its case.
 */
export function keepEarlierVary(ctx: AppContext): void {
  const earlier = ctx.response.get('Vary');
  if (!earlier) return;

  onHeaders(ctx.res, () => ctx.vary(earlier));
}
