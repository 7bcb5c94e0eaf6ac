import { z } from 'zod';

import { BODY_MAX_LENGTH, TITLE_MAX_LENGTH } from './limits';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

// Ids are plain strings here: a malformed one must answer NOT_FOUND like any other
// id the caller does not own, so the shape is checked where the note is looked up.
export const noteId = z.string().min(1).max(64);

const title = z.string().trim().min(1, 'Title must not be empty').max(TITLE_MAX_LENGTH);
const body = z.string().max(BODY_MAX_LENGTH);

export const listNotesInput = z
  .strictObject({
    limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
    cursor: z.string().max(512).nullish(),
  })
  .default({ limit: DEFAULT_PAGE_SIZE });

export const noteIdInput = z.strictObject({ id: noteId });

export const createNoteInput = z.strictObject({ title, body: body.default('') });

export const updateNoteInput = z.strictObject({
  id: noteId,
  title: title.optional(),
  body: body.optional(),
});

export const noteOutput = z.object({
  id: z.string(),
  owner: z.string(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type Note = z.infer<typeof noteOutput>;

export const notePageOutput = z.object({
  items: z.array(noteOutput),
  nextCursor: z.string().nullable(),
});

export type ListNotesInput = z.infer<typeof listNotesInput>;
export type CreateNoteInput = z.infer<typeof createNoteInput>;
export type NoteChanges = Omit<z.infer<typeof updateNoteInput>, 'id'>;
