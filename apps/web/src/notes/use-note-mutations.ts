import { errorCode, type RouterInputs } from '@scoped-notes/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { useAppServices } from '../app/app-services';
import { showChangedNote, showCreatedNote, showDeletedNote } from './note-list-cache';

type CreateNoteInput = RouterInputs['notes']['create'];
type UpdateNoteInput = RouterInputs['notes']['update'];
type DeleteNoteInput = RouterInputs['notes']['delete'];

export function useCreateNote() {
  const { client } = useAppServices();
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: (input: CreateNoteInput) => client.notes.create.mutate(input),
    onSuccess: (note) => showCreatedNote(queryClient, note),
  });
}

/** Saves changes; with `expectedVersion`, only over that version (CONFLICT otherwise). */
export function useUpdateNote() {
  const { client } = useAppServices();
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: (input: UpdateNoteInput) => client.notes.update.mutate(input),
    onSuccess: (note) => showChangedNote(queryClient, note),
  });
}

/** Fetches the note as the server has it now, and shows that version everywhere. */
export function useReloadNote() {
  const { client } = useAppServices();
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: (id: string) => client.notes.get.query({ id }),
    onSuccess: (note) => showChangedNote(queryClient, note),
  });
}

/** Deletes; with `expectedVersion`, only at that version (CONFLICT otherwise). */
export function useDeleteNote() {
  const { client } = useAppServices();
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: async (input: DeleteNoteInput) => {
      try {
        await client.notes.delete.mutate(input);
      } catch (error) {
        // Deleted meanwhile in another tab: what the user asked for has happened.
        if (errorCode(error) !== 'NOT_FOUND') throw error;
      }

      return input.id;
    },
    onSuccess: (id) => showDeletedNote(queryClient, id),
  });
}
