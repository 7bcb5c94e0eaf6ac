import { z } from 'zod';

import { TAG_MAX_LENGTH, TAGS_PER_NOTE_MAX, TAGS_SENT_MAX } from './limits';

// Letters of any script (with their combining marks) and decimal digits, after NFKC:
// "Ｗｏｒｋ" and "work" are one tag, "Ä" and "ä" another, and "ǅ" is spelled "dž".
const TAG_PATTERN = /^[\p{L}\p{M}\p{Nd}_-]+$/u;
const TOO_LONG = `Tag must be at most ${TAG_MAX_LENGTH} characters`;

/**
 * The one spelling a tag is stored and matched in: NFKC-normalised, trimmed and
 * lower-cased. Normalising again changes nothing, so a stored tag matches itself.
 */
export function normaliseTag(raw: string): string {
  return raw.normalize('NFKC').trim().toLowerCase().normalize('NFKC');
}

export const tag = z
  .string()
  // A bound before normalising, which can lengthen text (NFKC of "ﷺ" is 18 characters).
  .max(TAG_MAX_LENGTH * 4, TOO_LONG)
  .transform(normaliseTag)
  .pipe(
    z
      .string()
      .min(1, 'Tag must not be empty')
      .max(TAG_MAX_LENGTH, TOO_LONG)
      .regex(TAG_PATTERN, 'Tag may hold only letters, digits, - and _'),
  );

const distinct = (tags: string[]) => [...new Set(tags)];

/**
 * A list of tags, normalised, duplicates folded (first spelling's position kept),
 * at most TAGS_PER_NOTE_MAX after folding. It stays a zod array (checks, not a
 * transform, at this level) so the REST mirror still reads one `?tag=` as a list.
 */
export const tagList = z
  .array(tag)
  .max(TAGS_SENT_MAX)
  .overwrite(distinct)
  .max(TAGS_PER_NOTE_MAX, `At most ${TAGS_PER_NOTE_MAX} distinct tags`)
  .meta({
    description:
      `Each trimmed, NFKC-normalised and lower-cased; 1–${TAG_MAX_LENGTH} letters (any script), ` +
      `digits, \`-\` or \`_\`; at most ${TAGS_PER_NOTE_MAX} once duplicates fold`,
    examples: [['work', 'urgent']],
  });
