import { errorInfo, isNotesError, type NotesClientError } from '@scoped-notes/client';
import { expect } from 'vitest';

import { expectNoLeak } from './trpc-wire';

/**
 * Awaits an SDK call that must fail with the tRPC `code`, checks that nothing
 * internal leaked into what the client received, and returns the error.
 */
export async function expectRejection(call: Promise<unknown>, code: string): Promise<NotesClientError> {
  const outcome = await call.then(
    (value: unknown) => ({ resolved: value }),
    (error: unknown) => ({ rejected: error }),
  );

  if (!('rejected' in outcome)) throw new Error(`expected ${code}, the call resolved with ${JSON.stringify(outcome.resolved)}`);
  if (!isNotesError(outcome.rejected)) throw outcome.rejected;

  expect(errorInfo(outcome.rejected).code, outcome.rejected.message).toBe(code);
  expectNoLeak(JSON.stringify({ message: outcome.rejected.message, shape: outcome.rejected.shape }));

  return outcome.rejected;
}

/** Awaits an SDK call that must fail with BAD_REQUEST naming `field`. */
export async function expectFieldRejection(call: Promise<unknown>, field: string): Promise<NotesClientError> {
  const error = await expectRejection(call, 'BAD_REQUEST');

  expect(Object.keys(errorInfo(error).fields)).toContain(field);
  expect(error.message).toContain(field);

  return error;
}
