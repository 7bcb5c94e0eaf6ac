import { z } from 'zod';

import { NOTE_NOT_FOUND_MESSAGE } from '../errors';
import { createRouter, protectedProcedure } from '../trpc';
import { createNoteAccess } from './note-access';
import {
  createNoteInput,
  deleteNoteInput,
  listNotesInput,
  noteIdInput,
  noteOutput,
  notePageOutput,
  replaceNoteInput,
  tagCountsOutput,
  updateNoteInput,
} from './schemas';

/** Protected procedures that see the caller's notes, and only theirs, as `ctx.notes`. */
const notesProcedure = protectedProcedure.use(({ ctx, next }) =>
  next({ ctx: { notes: createNoteAccess(ctx.user, ctx.services.cursors) } }),
);

const NOTES = '/api/notes/';
const ONE_NOTE = '/api/notes/{id}/';
const OPENAPI_TAGS = ['notes'];
const noteNotFound = { 404: NOTE_NOT_FOUND_MESSAGE };

// A versioned write over REST: If-Match carries the version (the mount turns it into
// `expectedVersion`), and the answer's ETag the new one.
const ifMatchHeader = z.object({
  'If-Match': z
    .string()
    .optional()
    .meta({ description: 'The ETag you last read, such as `"3"` (`W/"3"` and `*` too); a stale one answers 412' }),
});
const etagHeader = z.object({
  ETag: z.string().meta({ description: "The note's version as a strong ETag, such as `\"3\"`" }),
});
const versionedErrors = {
  ...noteNotFound,
  409: 'Version mismatch: `expectedVersion` is not the current version; the ETag header has the current one',
  412: 'Version mismatch: If-Match is not the current ETag; the ETag header has the current one',
};

export const notesRouter = createRouter({
  list: notesProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: NOTES,
        tags: OPENAPI_TAGS,
        summary: 'List your notes, newest first',
        description:
          'Filter by `search` (title or body, literal and case-insensitive) and by `tag` (repeat it: ' +
          'notes carrying every one). Pass `nextCursor` back as `cursor`, with the same filters and sort.',
      },
      restQueryNames: { tags: 'tag' },
    })
    .input(listNotesInput)
    .output(notePageOutput)
    .query(({ ctx, input }) => ctx.notes.list(input)),

  tags: notesProcedure
    .meta({ openapi: { method: 'GET', path: '/api/tags/', tags: OPENAPI_TAGS, summary: 'Your tags and how many notes carry each' } })
    .input(z.void())
    .output(tagCountsOutput)
    .query(({ ctx }) => ctx.notes.tagCounts()),

  get: notesProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: ONE_NOTE,
        tags: OPENAPI_TAGS,
        summary: 'Read one note',
        responseHeaders: etagHeader,
        errorResponses: noteNotFound,
      },
    })
    .input(noteIdInput)
    .output(noteOutput)
    .query(({ ctx, input }) => ctx.notes.get(input.id)),

  create: notesProcedure
    .meta({
      openapi: { method: 'POST', path: NOTES, tags: OPENAPI_TAGS, summary: 'Create a note', responseHeaders: etagHeader },
      successStatus: 201,
    })
    .input(createNoteInput)
    .output(noteOutput)
    .mutation(async ({ ctx, input }) => {
      const note = await ctx.notes.create(input);
      ctx.log.info({ noteId: note.id }, 'note created');

      return note;
    }),

  replace: notesProcedure
    .meta({
      openapi: {
        method: 'PUT',
        path: ONE_NOTE,
        tags: OPENAPI_TAGS,
        summary: 'Replace a note',
        description: '`title` and `body` are required and `tags` become `[]` when left out; use PATCH to change some fields.',
        requestHeaders: ifMatchHeader,
        responseHeaders: etagHeader,
        errorResponses: versionedErrors,
      },
    })
    .input(replaceNoteInput)
    .output(noteOutput)
    .mutation(({ ctx, input: { id, expectedVersion, ...content } }) => ctx.notes.replace(id, content, expectedVersion)),

  update: notesProcedure
    .meta({
      openapi: {
        method: 'PATCH',
        path: ONE_NOTE,
        tags: OPENAPI_TAGS,
        summary: 'Change some fields of a note',
        requestHeaders: ifMatchHeader,
        responseHeaders: etagHeader,
        errorResponses: versionedErrors,
      },
    })
    .input(updateNoteInput)
    .output(noteOutput)
    .mutation(({ ctx, input: { id, expectedVersion, ...changes } }) => ctx.notes.update(id, changes, expectedVersion)),

  delete: notesProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: ONE_NOTE,
        tags: OPENAPI_TAGS,
        summary: 'Delete a note',
        requestHeaders: ifMatchHeader,
        errorResponses: versionedErrors,
      },
      successStatus: 204,
    })
    .input(deleteNoteInput)
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const deleted = await ctx.notes.remove(input.id, input.expectedVersion);
      ctx.log.info({ noteId: deleted.id }, 'note deleted');

      return deleted;
    }),
});
