import { z } from 'zod';

import { isWellFormedText } from '../auth/credentials';
import { BODY_MAX_LENGTH, TITLE_MAX_LENGTH } from './limits';
import { searchText } from './search';
import { tagList } from './tags';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export const NOTE_SORTS = ['updated', 'created'] as const;
export type NoteSort = (typeof NOTE_SORTS)[number];

// Ids are plain strings here: a malformed one must answer NOT_FOUND like any other
// id the caller does not own, so the shape is checked where the note is looked up.
export const noteId = z.string().min(1).max(64);

// MongoDB stores UTF-8, in which a lone surrogate becomes U+FFFD: such text could not
// be stored as sent, so it is refused rather than changed behind the caller's back.
const title = z
  .string()
  .trim()
  .min(1, 'Title must not be empty')
  .max(TITLE_MAX_LENGTH)
  .refine(isWellFormedText, 'Title must be valid Unicode text (it holds a lone surrogate)');
const body = z
  .string()
  .max(BODY_MAX_LENGTH)
  .refine(isWellFormedText, 'Body must be valid Unicode text (it holds a lone surrogate)');

// The pipes are for the REST mirror: trpc-to-openapi turns a plain number field of
// a REST input into a coercing one by flagging the schema itself, which tRPC
// shares, so tRPC would start taking "5" too. It leaves a pipe alone, and the
// REST mount turns the query string's digits into a number instead.
const pageSize = z.number().int().min(1).max(MAX_PAGE_SIZE).pipe(z.number());
const expectedVersion = z
  .number()
  .int()
  .min(1)
  .max(Number.MAX_SAFE_INTEGER)
  .pipe(z.number())
  .optional()
  .meta({ description: 'The version you last read; a stale one answers CONFLICT and changes nothing' });

export const listNotesInput = z
  .strictObject({
    limit: pageSize.default(DEFAULT_PAGE_SIZE),
    cursor: z.string().max(512).nullish(),
    search: searchText.optional(),
    tags: tagList
      .meta({ description: 'Only notes carrying every one of these tags, spelled as stored tags are (REST: repeat `tag`)' })
      .optional(),
    sort: z
      .enum(NOTE_SORTS)
      .default('updated')
      .meta({ description: 'Newest first by last update (`updated`) or by creation (`created`)' }),
  })
  .default({ limit: DEFAULT_PAGE_SIZE, sort: 'updated' });

export const noteIdInput = z.strictObject({ id: noteId });

export const createNoteInput = z
  .strictObject({ title, body: body.default(''), tags: tagList.default([]) })
  .meta({ examples: [{ title: 'Groceries', body: 'milk, eggs, rye bread', tags: ['errands'] }] });

export const updateNoteInput = z
  .strictObject({
    id: noteId,
    title: title.optional(),
    body: body.optional(),
    tags: tagList.optional(),
    expectedVersion,
  })
  // Examples show the REST body; the id travels in the path there.
  .meta({ examples: [{ title: 'Groceries for Saturday' }] });

/** Title, body and tags (empty when left out) for a full replace (REST's PUT). */
export const replaceNoteInput = z
  .strictObject({ id: noteId, title, body, tags: tagList.default([]), expectedVersion })
  .meta({ examples: [{ title: 'Groceries', body: 'oat milk', tags: ['errands'] }] });

export const deleteNoteInput = z.strictObject({ id: noteId, expectedVersion });

export const noteOutput = z
  .object({
    id: z.string(),
    owner: z.string(),
    title: z.string(),
    body: z.string(),
    tags: z.array(z.string()),
    version: z.number().int().meta({ description: 'Starts at 1; every update adds 1. REST sends it as the ETag' }),
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
        tags: ['errands'],
        version: 1,
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

export const tagCountsOutput = z
  .array(z.object({ tag: z.string(), count: z.number().int() }))
  .meta({ id: 'TagCounts', examples: [[{ tag: 'work', count: 12 }, { tag: 'errands', count: 3 }]] });

export type ListNotesInput = z.infer<typeof listNotesInput>;
export type CreateNoteInput = z.infer<typeof createNoteInput>;
export type NoteChanges = Omit<z.infer<typeof updateNoteInput>, 'id' | 'expectedVersion'>;
export type NoteContent = Omit<z.infer<typeof replaceNoteInput>, 'id' | 'expectedVersion'>;
/** A version the note must be at for a change to happen; undefined: any. */
export type ExpectedVersion = number | undefined;
export type TagCount = z.infer<typeof tagCountsOutput>[number];
