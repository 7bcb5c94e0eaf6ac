import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';

import { shouldRetryQuery } from '../src/app/query-client';

function answeredWith(httpStatus: number) {
  return TRPCClientError.from({ error: { message: 'x', code: -32000, data: { code: 'X', httpStatus } } });
}

describe('shouldRetryQuery(failureCount, error)', () => {
  it('does not retry what the server refused', () => {
    for (const status of [400, 401, 404, 409, 429]) {
      expect(shouldRetryQuery(0, answeredWith(status)), String(status)).toBe(false);
    }
  });

  it('retries a server failure or a lost connection twice', () => {
    const lost = new TRPCClientError('fetch failed');

    expect([0, 1, 2].map((count) => shouldRetryQuery(count, answeredWith(503)))).toEqual([true, true, false]);
    expect([0, 1, 2].map((count) => shouldRetryQuery(count, lost))).toEqual([true, true, false]);
  });
});
