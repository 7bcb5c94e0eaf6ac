import type { RouterInputs } from '@scoped-notes/client';

/**
 * What selects a list of notes, apart from the page cursor. It follows the API, so
 * when `notes.list` learns new inputs a search box or tag chips only pass them here.
 */
export type NoteListInput = Omit<NonNullable<RouterInputs['notes']['list']>, 'cursor'>;

export const NOTES_PAGE_SIZE = 20;
