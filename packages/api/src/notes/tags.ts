import { z } from 'zod';

import { TAGS_PER_NOTE_MAX, TAGS_SENT_MAX } from './limits';
import { normaliseTag, TAG_MAX_LENGTH, TAG_SENT_MAX_LENGTH, tagProblem, type TagProblem } from './tag-rules';

const TOO_LONG = `Tag must be at most ${TAG_MAX_LENGTH} characters`;

const PROBLEM_MESSAGES: Record<TagProblem, string> = {
  empty: 'Tag must not be empty',
  'too-long': TOO_LONG,
  characters: 'Tag may hold only letters, digits, - and _',
};

// The verdict is tag-rules.ts's, the one the SDK gives apps; this schema only names it.
export const tag = z
  .string()
  .max(TAG_SENT_MAX_LENGTH, TOO_LONG)
  .transform(normaliseTag)
  .superRefine((stored, context) => {
    const problem = tagProblem(stored);
    if (problem) context.addIssue({ code: 'custom', message: PROBLEM_MESSAGES[problem] });
  });

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
