import type { Note } from '@scoped-notes/client';

import type { NoteListInput } from './note-list-input';

/**
 * Whether a list with this input would show the note, by the API's rules: the search
 * text anywhere in the title or body ignoring case, and every tag asked for. It only
 * guides what the cache shows until the server's own answer arrives.
 */
export function noteMatches(note: Pick<Note, 'title' | 'body' | 'tags'>, input: NoteListInput): boolean {
  const search = input.search?.toLowerCase() ?? '';
  const found = search === '' || [note.title, note.body].some((text) => text.toLowerCase().includes(search));

  return found && (input.tags ?? []).every((tag) => note.tags.includes(tag));
}

/** Whether the input narrows the list, so an empty answer means "nothing matches", not "no notes". */
export function isFiltered(input: NoteListInput): boolean {
  return Boolean(input.search) || (input.tags?.length ?? 0) > 0;
}
