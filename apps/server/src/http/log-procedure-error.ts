import type { TRPCError } from '@trpc/server';

import type { Logger } from '../logger';

const MESSAGE_LIMIT = 300;

/**
 * What the log keeps of an internal error: its name, a shortened message and the
 * stack frames. Driver and validation messages can quote the rejected value (a
 * note's text), which must not land in the log whole.
 */
function loggableCause(cause: unknown): object {
  if (!(cause instanceof Error)) return { name: typeof cause };

  const message = cause.message.length > MESSAGE_LIMIT ? `${cause.message.slice(0, MESSAGE_LIMIT)}…` : cause.message;
  const frames = cause.stack?.split('\n').filter((line) => line.trimStart().startsWith('at ')) ?? [];

  return { name: cause.name, message, stack: frames.join('\n') };
}

/**
 * The single place a procedure's error is logged, whether it came over tRPC or
 * REST; the input is never part of it.
 */
export function logProcedureError(log: Logger, error: TRPCError, path: string | undefined): void {
  if (error.code === 'INTERNAL_SERVER_ERROR') {
    log.error({ err: loggableCause(error.cause ?? error), path }, 'procedure failed');

    return;
  }

  if (error.code === 'SERVICE_UNAVAILABLE') {
    log.warn({ code: error.code, path, cause: error.cause?.name }, 'database unavailable');

    return;
  }

  log.info({ code: error.code, path }, 'procedure rejected');
}
