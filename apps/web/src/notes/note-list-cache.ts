import type { Note } from '@scoped-notes/client';
import type { QueryClient } from '@tanstack/react-query';

import { noteListInputOf, queryKeys } from '../app/query-keys';
import type { NoteListInput } from './note-list-input';
import { noteMatches } from './note-matches';
import { prependNote, removeNote, replaceNote, type NotePages } from './note-pages';

/**
 * Shows a change in every cached list at once, each by its own input, then asks
 * the server for the lists and the tag counts again, since it alone knows the order
 * and every match. It does not wait for them: a change is done when the server said so.
 */
function changeLists(queryClient: QueryClient, change: (pages: NotePages, input: NoteListInput) => NotePages): void {
  for (const [key, pages] of queryClient.getQueriesData<NotePages>({ queryKey: queryKeys.noteLists })) {
    if (pages) queryClient.setQueryData<NotePages>(key, change(pages, noteListInputOf(key)));
  }

  void queryClient.invalidateQueries({ queryKey: queryKeys.noteLists });
  void queryClient.invalidateQueries({ queryKey: queryKeys.tagCounts });
}

export function showCreatedNote(queryClient: QueryClient, note: Note): void {
  changeLists(queryClient, (pages, input) => (noteMatches(note, input) ? prependNote(pages, note) : pages));
}

/** A changed note stays where it is in the lists it still matches, and leaves the others. */
export function showChangedNote(queryClient: QueryClient, note: Note): void {
  changeLists(queryClient, (pages, input) =>
    noteMatches(note, input) ? replaceNote(pages, note) : removeNote(pages, note.id),
  );
}

export function showDeletedNote(queryClient: QueryClient, id: string): void {
  changeLists(queryClient, (pages) => removeNote(pages, id));
}
