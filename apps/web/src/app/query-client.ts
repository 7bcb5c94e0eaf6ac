import { errorInfo } from '@scoped-notes/client';
import { QueryClient } from '@tanstack/react-query';

const MAX_QUERY_RETRIES = 2;

/**
 * Retries a query only when the server did not answer or failed on its side: a
 * refusal (401, 404, 400) would be refused again. The SDK already refreshed an
 * expired token before the error got here.
 */
export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  const { httpStatus } = errorInfo(error);
  const refusedByServer = httpStatus !== null && httpStatus < 500;

  return !refusedByServer && failureCount < MAX_QUERY_RETRIES;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetryQuery, staleTime: 10_000 },
      mutations: { retry: false },
    },
  });
}
