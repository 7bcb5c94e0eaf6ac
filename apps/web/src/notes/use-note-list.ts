import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';

import { useAppServices } from '../app/app-services';
import { queryKeys } from '../app/query-keys';
import { NOTES_PAGE_SIZE, type NoteListInput } from './note-list-input';

/**
 * The user's notes that match `input`, newest first, one page at a time
 * (`fetchNextPage` follows `nextCursor`). The input is part of the cache key, so each
 * search has its own list; a list nobody shows any more has its request cancelled,
 * so a slow answer to an old search never replaces a newer one. While a new input
 * loads, the last list stays on screen (`isPlaceholderData`).
 */
export function useNoteList(input: NoteListInput = {}) {
  const { client } = useAppServices();

  return useInfiniteQuery({
    queryKey: queryKeys.noteList(input),
    queryFn: ({ pageParam, signal }) =>
      client.notes.list.query({ limit: NOTES_PAGE_SIZE, ...input, cursor: pageParam }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    placeholderData: keepPreviousData,
  });
}
