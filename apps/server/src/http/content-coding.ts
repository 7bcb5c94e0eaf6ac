import type { AppContext } from './app-state';

/** The 415 message, over tRPC and REST alike, for a body sent compressed. */
export const CONTENT_CODING_MESSAGE = 'Send the body without Content-Encoding';

/**
 * True when the request's Content-Encoding names any coding but `identity` (in any
 * letter case, as codings are). The API takes uncompressed bodies only: tRPC would
 * read compressed bytes as text, and a decompressor fed bytes that are not what the
 * header claims fails in ways no client should be able to cause.
 */
export function hasContentCoding(ctx: AppContext): boolean {
  const codings = ctx.get('content-encoding').split(',').map((coding) => coding.trim().toLowerCase());

  return codings.some((coding) => coding !== '' && coding !== 'identity');
}
