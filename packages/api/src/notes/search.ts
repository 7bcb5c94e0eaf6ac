import escapeStringRegexp from 'escape-string-regexp';
import { z } from 'zod';

import { isWellFormedText } from '../auth/credentials';
import { SEARCH_MAX_LENGTH } from './limits';

export const searchText = z
  .string()
  .max(SEARCH_MAX_LENGTH)
  // A regular expression may not hold a NUL byte: MongoDB would refuse the query.
  .refine((text) => !text.includes('\u0000'), 'Search must not contain a NUL character')
  // Nor can it hold a lone surrogate: it would be matched as U+FFFD, not as sent.
  .refine(isWellFormedText, 'Search must be valid Unicode text (it holds a lone surrogate)')
  .meta({ description: `Case-insensitive, literal match in title or body; at most ${SEARCH_MAX_LENGTH} characters` });

/**
 * The filter for notes whose title or body contains `text`, ignoring case. The text
 * is escaped into a literal pattern, so `.*` or `(a+)+$` are just characters.
 * `i` ignores case; `u` is what makes jongodb (java.util.regex) fold non-ASCII
 * letters too, and MongoDB accepts it as a no-op since its patterns are always UTF-8.
 */
export function containsText(text: string): Record<string, unknown> {
  const pattern = { $regex: escapeStringRegexp(text), $options: 'iu' };

  return { $or: [{ title: pattern }, { body: pattern }] };
}
