import type { AppContext } from './app-state';

// What Node and the body readers raise when the client goes away mid-request.
const LOST_CONNECTION_CODES = new Set(['ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE']);

/**
 * True for an error that says only that the client's connection ended before its
 * answer was written: reset, closed, or cut off inside the body (Node's HTTP parser
 * then reports an `HPE_…` error, such as "Parse Error" for a body that ends early).
 * That is the client's doing, not a server fault; any other error is one, even on a
 * connection that has since closed.
 */
export function isLostConnection(error: unknown, ctx: AppContext | undefined): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const connectionError = typeof code === 'string' && (LOST_CONNECTION_CODES.has(code) || code.startsWith('HPE_'));

  return connectionError && ctx !== undefined && !ctx.res.writableFinished;
}
