import { isNotesError } from '@scoped-notes/client';

/**
 * The seconds a rate-limited answer asks to wait, from its `Retry-After` header;
 * null when there is none. The SDK's `errorInfo` does not carry it, but tRPC's
 * error keeps the HTTP response it came from in `meta.response`.
 */
export function retryAfterSeconds(error: unknown): number | null {
  if (!isNotesError(error)) return null;

  const response = error.meta?.response as { headers?: { get?(name: string): string | null } } | undefined;
  const header = response?.headers?.get?.('retry-after') ?? null;
  const seconds = Number(header);

  return header !== null && Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : null;
}

/** "5 seconds", "a minute", "3 minutes": a wait in words, rounded up to whole minutes past one. */
export function describeWait(seconds: number): string {
  if (seconds <= 1) return 'a second';
  if (seconds < 60) return `${seconds} seconds`;

  const minutes = Math.ceil(seconds / 60);

  return minutes === 1 ? 'a minute' : `${minutes} minutes`;
}
