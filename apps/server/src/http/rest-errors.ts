import { summarizeFieldErrors, type FieldErrors } from '@scoped-notes/api';
import { z } from 'zod';

import type { AppContext } from './app-state';
import { errorBody } from './error-body';

/** The one body every REST error answers with, whichever layer refused the request. */
export const restErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "tRPC's error code, such as NOT_FOUND or BAD_REQUEST", examples: ['NOT_FOUND'] }),
      message: z.string().meta({ description: 'Safe to show; never a stack or a database message' }),
      fields: z
        .record(z.string(), z.array(z.string()))
        .nullable()
        .meta({ description: 'For a 400: each failing field and why; otherwise null' }),
      requestId: z
        .string()
        .nullable()
        .meta({ description: 'Also sent as the X-Request-Id header; the server log has the details under it' }),
    }),
  })
  .meta({ id: 'ErrorBody' });

export type RestErrorBody = z.infer<typeof restErrorBodySchema>;

/** The server's usual error body (error-body.ts) plus `fields`, so REST clients read one shape. */
export function restErrorBody(
  code: string,
  message: string,
  requestId: string | undefined,
  fields: FieldErrors | null = null,
): RestErrorBody {
  return { error: { ...errorBody(code, message, requestId).error, fields } };
}

/** A request the REST layer itself refuses (unknown path, wrong method, body not JSON or too large). */
export class RestRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra headers for the answer, such as `Allow` for a 405. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'RestRequestError';
  }
}

/**
 * What trpc-to-openapi writes for a failed procedure: the router's error formatter's
 * shape (see packages/api/src/trpc.ts), with `code` turned into the string code, and
 * `message` replaced by a fixed text when the input failed validation.
 */
const procedureErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  data: z
    .object({
      fields: z.record(z.string(), z.array(z.string())).nullable().optional(),
      requestId: z.string().nullable().optional(),
    })
    .optional(),
});

/**
 * The REST body for a procedure's error, from the formatter's own fields and
 * request id. The message of a validation failure is the formatter's summary again,
 * so REST and tRPC word it alike.
 */
export function restBodyFromProcedureError(written: unknown, requestId: string): RestErrorBody {
  const parsed = procedureErrorSchema.safeParse(written);
  if (!parsed.success) return restErrorBody('INTERNAL_SERVER_ERROR', `Internal server error (request id ${requestId})`, requestId);

  const { code, message, data } = parsed.data;
  const fields = data?.fields ?? null;

  return restErrorBody(code, fields ? summarizeFieldErrors(fields) : message, data?.requestId ?? requestId, fields);
}

/** The body of a 405 on a read-only REST path (the document, the docs page). */
export function restMethodRefusal(requestId: string | undefined): (message: string) => RestErrorBody {
  return (message) => restErrorBody('METHOD_NOT_SUPPORTED', message, requestId);
}
