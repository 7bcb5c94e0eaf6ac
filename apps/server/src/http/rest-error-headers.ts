import type { TRPCError } from '@trpc/server';

import { retryAfterHeader } from './retry-after';

/**
 * Headers a REST error carries besides its body: every 401 names the Bearer scheme
 * (RFC 6750), marked `invalid_token` when a token was sent, and a 429 says when to
 * try again.
 */
export function restErrorHeaders(error: TRPCError, sentAuthorization: boolean): Record<string, string> {
  if (error.code === 'UNAUTHORIZED') {
    return { 'WWW-Authenticate': sentAuthorization ? 'Bearer error="invalid_token"' : 'Bearer' };
  }

  return retryAfterHeader([error]);
}
