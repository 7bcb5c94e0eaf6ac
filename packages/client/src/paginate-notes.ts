import type { NotesClient } from './create-notes-client';
import type { Note, RouterInputs, RouterOutputs } from './router-types';

// tRPC types an input that may be left out as `void | … | undefined`; Omit needs the object alone.
type ListInput = Exclude<RouterInputs['notes']['list'], void | undefined>;

/** What selects the notes to walk: `notes.list`'s input without the cursor. */
export type NoteListFilter = Omit<ListInput, 'cursor'>;

/** One page of `notes.list`. */
export type NotePage = RouterOutputs['notes']['list'];

export interface PaginateOptions {
  /** Aborts the request in flight; the iteration then rejects. */
  signal?: AbortSignal;
}

/**
 * Every page of the caller's notes that match `filter`, in the order of its `sort`,
 * fetched one at a time as the loop asks for the next, until `nextCursor` is null.
 * Each request passes the previous page's cursor with the same filter, so notes
 * created or deleted meanwhile never shift a page: none is skipped or repeated.
 *
 * @example
 * ```ts
 * for await (const page of notePages(client, { tags: ['work'], limit: 50 })) {
 *   render(page.items);
 * }
 * ```
 * @throws {NotesClientError} as `notes.list` does, from the `for await` that asked for the page.
 */
export async function* notePages(
  client: Pick<NotesClient, 'notes'>,
  filter: NoteListFilter = {},
  options: PaginateOptions = {},
): AsyncGenerator<NotePage, void, undefined> {
  let cursor: string | null = null;

  do {
    const page: NotePage = await client.notes.list.query({ ...filter, cursor }, { signal: options.signal });
    yield page;
    cursor = page.nextCursor;
  } while (cursor !== null);
}

/**
 * Every note of the caller that matches `filter`, one by one across all pages
 * (see `notePages`). Stopping the loop early fetches no further page.
 *
 * @example
 * ```ts
 * for await (const note of paginateNotes(client, { search: 'meeting', sort: 'created' })) {
 *   console.log(note.title);
 * }
 * ```
 * @throws {NotesClientError} as `notes.list` does.
 */
export async function* paginateNotes(
  client: Pick<NotesClient, 'notes'>,
  filter: NoteListFilter = {},
  options: PaginateOptions = {},
): AsyncGenerator<Note, void, undefined> {
  for await (const page of notePages(client, filter, options)) yield* page.items;
}
