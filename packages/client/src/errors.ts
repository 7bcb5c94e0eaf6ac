import { TRPCClientError } from '@trpc/client';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';

import type { AppRouter } from '@scoped-notes/api';

import { retryAfterSeconds } from './retry-after';

/**
 * The one error class every SDK call rejects with: tRPC's client error, typed for
 * this API. A server answer carries `data.code` and `data.httpStatus`; a request
 * that never got an answer (network down, aborted) has no `data`.
 */
export type NotesClientError = TRPCClientError<AppRouter>;

/** Field path (such as `title`) → what is wrong with it. */
export type FieldErrors = Record<string, string[]>;

export interface NotesErrorInfo {
  /**
   * The tRPC code, such as `UNAUTHORIZED` or `NOT_FOUND`; `null` when no tRPC server
   * answered (network down, call aborted, or a proxy's non-JSON error page).
   */
  code: TRPC_ERROR_CODE_KEY | null;
  /** The HTTP status of the answer; `null` when no tRPC server answered. */
  httpStatus: number | null;
  /** Per-field validation messages of a BAD_REQUEST; empty otherwise. */
  fields: FieldErrors;
  /** The note's version now, when a CONFLICT says the expected one was stale. */
  currentVersion: number | null;
  /**
   * For TOO_MANY_REQUESTS: how many seconds to wait before trying again, from the
   * answer's `Retry-After` header. Undefined for every other error.
   */
  retryAfterSeconds: number | undefined;
}

/** Whether `error` came from an SDK call. */
export function isNotesError(error: unknown): error is NotesClientError {
  return error instanceof TRPCClientError;
}

/** The tRPC code of an SDK error; `null` for other errors and for calls that got no answer. */
export function errorCode(error: unknown): TRPC_ERROR_CODE_KEY | null {
  return errorInfo(error).code;
}

/** What an SDK error says about the failure. */
export function errorInfo(error: unknown): NotesErrorInfo {
  if (!isNotesError(error)) {
    return { code: null, httpStatus: null, fields: {}, currentVersion: null, retryAfterSeconds: undefined };
  }

  const data = error.data;
  const currentVersion = data && 'currentVersion' in data ? data.currentVersion : undefined;

  return {
    code: data?.code ?? null,
    httpStatus: data?.httpStatus ?? null,
    fields: data?.fields ?? {},
    currentVersion: typeof currentVersion === 'number' ? currentVersion : null,
    retryAfterSeconds: data?.code === 'TOO_MANY_REQUESTS' ? retryAfterSeconds(error) : undefined,
  };
}
