import { z } from 'zod';

import { createRouter, protectedProcedure } from '../trpc';
import { createNoteAccess } from './note-access';
import {
  createNoteInput,
  listNotesInput,
  noteIdInput,
  noteOutput,
  notePageOutput,
  updateNoteInput,
} from './schemas';

/** Protected procedures that see the caller's notes, and only theirs, as `ctx.notes`. */
const notesProcedure = protectedProcedure.use(({ ctx, next }) =>
  next({ ctx: { notes: createNoteAccess(ctx.user) } }),
);

export const notesRouter = createRouter({
  list: notesProcedure
    .input(listNotesInput)
    .output(notePageOutput)
    .query(({ ctx, input }) => ctx.notes.list(input)),

  get: notesProcedure
    .input(noteIdInput)
    .output(noteOutput)
    .query(({ ctx, input }) => ctx.notes.get(input.id)),

  create: notesProcedure
    .input(createNoteInput)
    .output(noteOutput)
    .mutation(async ({ ctx, input }) => {
      const note = await ctx.notes.create(input);
      ctx.log.info({ noteId: note.id }, 'note created');

      return note;
    }),

  update: notesProcedure
    .input(updateNoteInput)
    .output(noteOutput)
    .mutation(({ ctx, input: { id, ...changes } }) => ctx.notes.update(id, changes)),

  delete: notesProcedure
    .input(noteIdInput)
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const deleted = await ctx.notes.remove(input.id);
      ctx.log.info({ noteId: deleted.id }, 'note deleted');

      return deleted;
    }),
});
