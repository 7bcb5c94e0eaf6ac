import type { NoteListFilter } from '@scoped-notes/client';

/**
 * What selects a list of notes: the SDK's filter for `notes.list` (its input
 * without the page cursor). The page size is the app's own, so it is left out.
 */
export type NoteListInput = Omit<NoteListFilter, 'limit'>;

export const NOTES_PAGE_SIZE = 20;
