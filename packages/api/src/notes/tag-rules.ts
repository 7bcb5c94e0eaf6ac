/**
 * What a tag may be, and the one spelling it is stored in. Pure and free of imports
 * beyond the limits, so the SDK and the web app use these very rules
 * (`@scoped-notes/api/tag-rules`) without pulling in any server code.
 */
import { TAG_MAX_LENGTH } from './limits';

export { TAG_MAX_LENGTH, TAGS_PER_NOTE_MAX } from './limits';

/**
 * The longest tag accepted as sent, before normalising, in characters (code points, as
 * every length here): a bound on work, since NFKC can lengthen text (NFKC of "ﷺ" is 18
 * characters). Longer ones are refused as too long.
 */
export const TAG_SENT_MAX_LENGTH = TAG_MAX_LENGTH * 4;

// Letters of any script (with their combining marks) and decimal digits, after NFKC:
// "Ｗｏｒｋ" and "work" are one tag, "Ä" and "ä" another, and "ǅ" is spelled "dž".
export const TAG_PATTERN = /^[\p{L}\p{M}\p{Nd}_-]+$/u;

/** Why a tag is refused: nothing left after trimming, too long, or a character outside TAG_PATTERN. */
export type TagProblem = 'empty' | 'too-long' | 'characters';

/**
 * The one spelling a tag is stored and matched in: NFKC-normalised, trimmed and
 * lower-cased. Normalising again changes nothing, so a stored tag matches itself.
 */
export function normaliseTag(raw: string): string {
  return raw.normalize('NFKC').trim().toLowerCase().normalize('NFKC');
}

/**
 * How many characters `text` has, counted as a person would and as zod counts a
 * title: in code points, so "𠀀" (U+20000) is one though it takes two UTF-16 units.
 */
function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;

  return count;
}

/**
 * Why the API refuses this tag, as sent or already normalised; null when it accepts
 * it (and stores it as `normaliseTag(raw)`).
 */
export function tagProblem(raw: string): TagProblem | null {
  if (characterCount(raw) > TAG_SENT_MAX_LENGTH) return 'too-long';

  const tag = normaliseTag(raw);
  if (tag === '') return 'empty';
  if (characterCount(tag) > TAG_MAX_LENGTH) return 'too-long';
  if (!TAG_PATTERN.test(tag)) return 'characters';

  return null;
}

/** Whether the API accepts this tag (see tagProblem for why not). */
export function isValidTag(raw: string): boolean {
  return tagProblem(raw) === null;
}
