import { RetryAfter } from '@scoped-notes/api';
import type { TRPCError } from '@trpc/server';

/** The `Retry-After` header a rate-limited answer carries, over tRPC and REST alike. */
export function retryAfterHeader(errors: readonly TRPCError[]): Record<string, string> {
  const limited = errors.find((error) => error.code === 'TOO_MANY_REQUESTS' && error.cause instanceof RetryAfter);
  if (!limited) return {};

  return { 'Retry-After': String((limited.cause as RetryAfter).seconds) };
}
