import { errorCode, type RouterInputs } from '@scoped-notes/client';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';

import { useAppServices } from '../app/app-services';
import { queryKeys } from '../app/query-keys';
import { prependNote, removeNote, replaceNote, type NotePages } from './note-pages';

type CreateNoteInput = RouterInputs['notes']['create'];
type UpdateNoteInput = RouterInputs['notes']['update'];

/**
 * Shows the change in every cached list at once, then asks the server for the
 * lists again, since a list with other inputs may order or filter notes differently.
 * It does not wait for them: a mutation is done when the server has said so.
 */
function applyToLists(queryClient: QueryClient, change: (pages: NotePages) => NotePages): void {
  queryClient.setQueriesData<NotePages>({ queryKey: queryKeys.noteLists }, (pages) => pages && change(pages));

  void queryClient.invalidateQueries({ queryKey: queryKeys.noteLists });
}

export function useCreateNote() {
  const { client } = useAppServices();
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: (input: CreateNoteInput) => client.notes.create.mutate(input),
    onSuccess: (note) => {
      applyToLists(queryClient, (pages) => prependNote(pages, note));
    },
  });
}

export function useUpdateNote() {
  const { client } = useAppServices();
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: (input: UpdateNoteInput) => client.notes.update.mutate(input),
    onSuccess: (note) => {
      applyToLists(queryClient, (pages) => replaceNote(pages, note));
    },
  });
}

export function useDeleteNote() {
  const { client } = useAppServices();
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: async (id: string) => {
      try {
        await client.notes.delete.mutate({ id });
      } catch (error) {
        // Deleted meanwhile in another tab: what the user asked for has happened.
        if (errorCode(error) !== 'NOT_FOUND') throw error;
      }

      return id;
    },
    onSuccess: (id) => {
      applyToLists(queryClient, (pages) => removeNote(pages, id));
    },
  });
}
