import { useInfiniteQuery } from '@tanstack/react-query';

import { useAppServices } from '../app/app-services';
import { queryKeys } from '../app/query-keys';
import { NOTES_PAGE_SIZE, type NoteListInput } from './note-list-input';

/** The user's notes, newest first, one page at a time (`fetchNextPage` follows `nextCursor`). */
export function useNoteList(input: NoteListInput = {}) {
  const { client } = useAppServices();

  return useInfiniteQuery({
    queryKey: queryKeys.noteList(input),
    queryFn: ({ pageParam, signal }) =>
      client.notes.list.query({ limit: NOTES_PAGE_SIZE, ...input, cursor: pageParam }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}
