import type { TRPCError } from '@trpc/server';

import type { Logger } from '../logger';

/**
 * The single place a procedure's error is logged, whether it came over tRPC or
 * REST; the input is never part of it.
 */
export function logProcedureError(log: Logger, error: TRPCError, path: string | undefined): void {
  if (error.code === 'INTERNAL_SERVER_ERROR') {
    log.error({ err: error.cause ?? error, path }, 'procedure failed');

    return;
  }

  if (error.code === 'SERVICE_UNAVAILABLE') {
    log.warn({ code: error.code, path, cause: error.cause?.name }, 'database unavailable');

    return;
  }

  log.info({ code: error.code, path }, 'procedure rejected');
}
