import { initTRPC, TRPCError, type ProcedureType } from '@trpc/server';

import type { ApiMeta } from './api-meta';
import type { Context } from './context';
import { isDatabaseUnavailable } from './db/unavailable';
import { invalidToken } from './errors';
import { fieldErrorsFrom, summarize } from './field-errors';
import { VersionConflict } from './notes/version-conflict';

/**
 * tRPC words some refusals from the raw request: a JSON syntax error quotes the text
 * around the mistake (a password, say), a refused media type quotes the header. Those
 * get a fixed message instead. A query's input comes from `?input=`, anything else's
 * from the body.
 */
function fixedRequestMessage(error: TRPCError, type: ProcedureType | 'unknown'): string | null {
  if (error.code === 'BAD_REQUEST' && error.cause instanceof SyntaxError) {
    return type === 'query' ? 'The input is not valid JSON' : 'The body is not valid JSON';
  }
  if (error.code === 'PARSE_ERROR') return 'The request could not be parsed';
  if (error.code === 'UNSUPPORTED_MEDIA_TYPE') return 'Send the body as application/json';

  return null;
}

const t = initTRPC.context<Context>().meta<ApiMeta>().create({
  // Stack traces and internal messages never leave the server, in any environment:
  // the log has them, under the request id the client is given.
  errorFormatter({ shape, error, type, ctx }) {
    const fields = error.code === 'BAD_REQUEST' ? fieldErrorsFrom(error.cause) : null;
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    const conflict = error.cause instanceof VersionConflict ? error.cause : null;

    const message = internal
      ? `Internal server error (request id ${ctx?.requestId ?? 'unknown'})`
      : fields
        ? summarize(fields)
        : (fixedRequestMessage(error, type) ?? shape.message);

    return {
      code: shape.code,
      message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        requestId: ctx?.requestId ?? null,
        fields,
        // Only on a CONFLICT over a stale expectedVersion: the version the note is at.
        ...(conflict ? { currentVersion: conflict.currentVersion } : {}),
      },
    };
  },
});

export const createRouter = t.router;

/** A lost database answers SERVICE_UNAVAILABLE (503), which clients may retry, not a 500. */
const reportUnavailableDatabase = t.middleware(async ({ next }) => {
  const result = await next();

  if (!result.ok && isDatabaseUnavailable(result.error.cause)) {
    throw new TRPCError({
      code: 'SERVICE_UNAVAILABLE',
      message: 'The database is unavailable; try again shortly',
      cause: result.error.cause,
    });
  }

  return result;
});

export const publicProcedure = t.procedure.use(reportUnavailableDatabase);

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer +([A-Za-z0-9._~+/=-]+)$/i.exec(header ?? '');

  return match?.[1] ?? null;
}

/**
 * Verifies the access token and hands the procedure a non-optional `ctx.user`.
 * It reads no database: the signed token says who is calling, and the in-memory
 * revocation list says whether that session or user has since been cut off.
 */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  const token = bearerToken(ctx.authorization);
  const subject = token ? ctx.services.tokens.verify('access', token) : null;
  if (!subject || ctx.services.revocations.isRevoked(subject)) throw invalidToken();

  const user = { id: subject.userId, username: subject.username, sessionId: subject.sessionId };

  return next({ ctx: { ...ctx, user, log: ctx.log.child({ userId: user.id }) } });
});

export type AuthenticatedUser = { id: string; username: string; sessionId: string };
