/**
 * The API's tag rules, checked as the user types so a mistake is named at once
 * rather than after a round trip. The rules themselves come from the SDK, which has
 * them from the API package, so they cannot drift from the server's; this file adds
 * the sentences and the typing helpers. The server stays the judge: its answer is
 * shown if a refusal ever comes from it.
 */
import { tagProblem as refusalOf, normaliseTag, TAG_MAX_LENGTH, TAGS_PER_NOTE_MAX } from '@scoped-notes/client';

/** Why a tag cannot be used, in a sentence that names it; null when it can. */
export function tagProblem(tag: string): string | null {
  switch (refusalOf(tag)) {
    case null:
      return null;
    case 'empty':
      return 'A tag cannot be empty.';
    case 'too-long':
      return `“${tag}” is too long for a tag: a tag has at most ${TAG_MAX_LENGTH} characters.`;
    case 'characters':
      return `“${tag}” cannot be a tag: use only letters, digits, dashes (-) and underscores (_), with no spaces.`;
  }
}

export interface TagsAdded {
  tags: string[];
  /** What stopped the adding, as a sentence; null when every part was added. */
  problem: string | null;
  /** The typed parts from the first refused one on, to leave in the field for fixing. */
  refused: string[];
}

/**
 * Adds typed tags to a note's tags, in order: each normalised, empty ones skipped,
 * duplicates folded as the server folds them. Stops at the first one that cannot
 * be added.
 */
export function addTags(tags: readonly string[], typed: readonly string[]): TagsAdded {
  const result = [...tags];

  for (const [index, raw] of typed.entries()) {
    const tag = normaliseTag(raw);
    if (tag === '' || result.includes(tag)) continue;

    const problem =
      tagProblem(tag) ??
      (result.length >= TAGS_PER_NOTE_MAX
        ? `A note can have at most ${TAGS_PER_NOTE_MAX} tags. Remove one before adding “${tag}”.`
        : null);
    if (problem) return { tags: result, problem, refused: typed.slice(index) };

    result.push(tag);
  }

  return { tags: result, problem: null, refused: [] };
}

/** What stays in the tag field after adding: the refused parts, then the part still being typed. */
export function remainingText(refused: readonly string[], typing: string): string {
  return [...refused.map((part) => part.trim()), typing.trimStart()].filter((part) => part !== '').join(', ');
}

/**
 * Splits what is typed in the tag field at its commas: the parts before the last
 * comma are finished tags, the text after it is still being typed.
 */
export function splitTypedTags(text: string): { finished: string[]; typing: string } {
  const parts = text.split(',');
  const typing = parts.pop() ?? '';

  return { finished: parts, typing };
}
