import { z } from 'zod';

import { BODY_MAX_LENGTH, TITLE_MAX_LENGTH } from './limits';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

// Ids are plain strings here: a malformed one must answer NOT_FOUND like any other
// id the caller does not own, so the shape is checked where the note is looked up.
export const noteId = z.string().min(1).max(64);

const title = z.string().trim().min(1, 'Title must not be empty').max(TITLE_MAX_LENGTH);
const body = z.string().max(BODY_MAX_LENGTH);

const pageSize = z.number().int().min(1).max(MAX_PAGE_SIZE);

export const listNotesInput = z
  .strictObject({
    // The pipe is for the REST mirror: trpc-to-openapi turns a plain number field of
    // a REST input into a coercing one by flagging the schema itself, which tRPC
    // shares, so tRPC would start taking "5" too. It leaves a pipe alone, and the
    // REST mount turns the query string's digits into a number instead.
    limit: pageSize.pipe(z.number()).default(DEFAULT_PAGE_SIZE),
    cursor: z.string().max(512).nullish(),
  })
  .default({ limit: DEFAULT_PAGE_SIZE });

export const noteIdInput = z.strictObject({ id: noteId });

export const createNoteInput = z
  .strictObject({ title, body: body.default('') })
  .meta({ examples: [{ title: 'Groceries', body: 'milk, eggs, rye bread' }] });

export const updateNoteInput = z
  .strictObject({
    id: noteId,
    title: title.optional(),
    body: body.optional(),
  })
  // Examples show the REST body; the id travels in the path there.
  .meta({ examples: [{ title: 'Groceries for Saturday' }] });

/** Both fields, for a full replace (REST's PUT). */
export const replaceNoteInput = z
  .strictObject({ id: noteId, title, body })
  .meta({ examples: [{ title: 'Groceries', body: 'oat milk' }] });

export const noteOutput = z
  .object({
    id: z.string(),
    owner: z.string(),
    title: z.string(),
    body: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({
    id: 'Note',
    examples: [
      {
        id: '665f1c2ab4d3e8a9c0f12345',
        owner: 'priya',
        title: 'Groceries',
        body: 'milk, eggs, rye bread',
        createdAt: '2026-01-05T09:30:00.000Z',
        updatedAt: '2026-01-05T09:30:00.000Z',
      },
    ],
  });

export type Note = z.infer<typeof noteOutput>;

export const notePageOutput = z
  .object({
    items: z.array(noteOutput),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page' }),
  })
  .meta({ id: 'NotePage' });

export type ListNotesInput = z.infer<typeof listNotesInput>;
export type CreateNoteInput = z.infer<typeof createNoteInput>;
export type NoteChanges = Omit<z.infer<typeof updateNoteInput>, 'id'>;
export type NoteContent = Omit<z.infer<typeof replaceNoteInput>, 'id'>;
