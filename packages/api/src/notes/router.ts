import { z } from 'zod';

import { NOTE_NOT_FOUND_MESSAGE } from '../errors';
import { createRouter, protectedProcedure } from '../trpc';
import { createNoteAccess } from './note-access';
import {
  createNoteInput,
  listNotesInput,
  noteIdInput,
  noteOutput,
  notePageOutput,
  replaceNoteInput,
  updateNoteInput,
} from './schemas';

/** Protected procedures that see the caller's notes, and only theirs, as `ctx.notes`. */
const notesProcedure = protectedProcedure.use(({ ctx, next }) =>
  next({ ctx: { notes: createNoteAccess(ctx.user) } }),
);

const NOTES = '/api/notes/';
const ONE_NOTE = '/api/notes/{id}/';
const TAGS = ['notes'];
const noteNotFound = { 404: NOTE_NOT_FOUND_MESSAGE };

export const notesRouter = createRouter({
  list: notesProcedure
    .meta({ openapi: { method: 'GET', path: NOTES, tags: TAGS, summary: 'List your notes, newest first' } })
    .input(listNotesInput)
    .output(notePageOutput)
    .query(({ ctx, input }) => ctx.notes.list(input)),

  get: notesProcedure
    .meta({ openapi: { method: 'GET', path: ONE_NOTE, tags: TAGS, summary: 'Read one note', errorResponses: noteNotFound } })
    .input(noteIdInput)
    .output(noteOutput)
    .query(({ ctx, input }) => ctx.notes.get(input.id)),

  create: notesProcedure
    .meta({ openapi: { method: 'POST', path: NOTES, tags: TAGS, summary: 'Create a note' }, successStatus: 201 })
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
        tags: TAGS,
        summary: 'Replace a note',
        description: 'Both `title` and `body` are required; use PATCH to change one of them.',
        errorResponses: noteNotFound,
      },
    })
    .input(replaceNoteInput)
    .output(noteOutput)
    .mutation(({ ctx, input: { id, ...content } }) => ctx.notes.replace(id, content)),

  update: notesProcedure
    .meta({
      openapi: {
        method: 'PATCH',
        path: ONE_NOTE,
        tags: TAGS,
        summary: 'Change some fields of a note',
        errorResponses: noteNotFound,
      },
    })
    .input(updateNoteInput)
    .output(noteOutput)
    .mutation(({ ctx, input: { id, ...changes } }) => ctx.notes.update(id, changes)),

  delete: notesProcedure
    .meta({
      openapi: { method: 'DELETE', path: ONE_NOTE, tags: TAGS, summary: 'Delete a note', errorResponses: noteNotFound },
      successStatus: 204,
    })
    .input(noteIdInput)
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const deleted = await ctx.notes.remove(input.id);
      ctx.log.info({ noteId: deleted.id }, 'note deleted');

      return deleted;
    }),
});
