import type { NoteListInput } from '../notes/note-list-input';

/** Every cache key of the app in one place, so invalidations cannot miss one. */
export const queryKeys = {
  me: ['auth', 'me'] as const,
  sessions: ['auth', 'sessions'] as const,
  /** Every list of notes, whatever its input. */
  noteLists: ['notes', 'list'] as const,
  noteList: (input: NoteListInput) => ['notes', 'list', input] as const,
  tagCounts: ['notes', 'tags'] as const,
};

/** The input of a list's key made by `queryKeys.noteList`. */
export function noteListInputOf(key: readonly unknown[]): NoteListInput {
  return (key[2] ?? {}) as NoteListInput;
}
