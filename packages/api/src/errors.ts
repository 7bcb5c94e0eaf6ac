import { TRPCError } from '@trpc/server';

export const NOTE_NOT_FOUND_MESSAGE = 'Note not found';

/** The one answer for a note that is not the caller's, was deleted, or never existed. */
export function noteNotFound(): TRPCError {
  return new TRPCError({ code: 'NOT_FOUND', message: NOTE_NOT_FOUND_MESSAGE });
}

export function invalidCredentials(): TRPCError {
  return new TRPCError({ code: 'UNAUTHORIZED', message: 'Invalid username or password' });
}

export function invalidToken(): TRPCError {
  return new TRPCError({ code: 'UNAUTHORIZED', message: 'Missing, invalid or expired token' });
}

export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
