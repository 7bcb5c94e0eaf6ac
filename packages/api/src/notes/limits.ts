/**
 * Every length here (title, body, tag, search) counts characters as a person does:
 * code points, so "😀" or "𠀀" is one character though it takes two UTF-16 units.
 */
export const TITLE_MAX_LENGTH = 200;
export const BODY_MAX_LENGTH = 100_000;

/** Tags are counted after duplicates fold. */
export const TAG_MAX_LENGTH = 32;
export const TAGS_PER_NOTE_MAX = 20;
/** How many tags a request may list before folding; a bound on work, not a rule about notes. */
export const TAGS_SENT_MAX = 100;

export const SEARCH_MAX_LENGTH = 100;
