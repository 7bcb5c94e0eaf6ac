export {
  createNotesClient,
  type NotesClient,
  type NotesClientHelpers,
  type NotesClientOptions,
} from './create-notes-client';
export type { HeadersOption } from './headers-option';
export type { Tokens, TokenStore, TokensChangeFunc } from './token-store';
export { createMemoryTokenStore } from './memory-token-store';
export {
  createLocalStorageTokenStore,
  type LocalStorageTokenStoreOptions,
  type StorageEventSource,
  type StorageLike,
} from './local-storage-token-store';
export {
  errorCode,
  errorInfo,
  isNotesError,
  type FieldErrors,
  type NotesClientError,
  type NotesErrorInfo,
} from './errors';
export type { Note, RouterInputs, RouterOutputs, User } from './router-types';
export {
  notePages,
  paginateNotes,
  type NoteListFilter,
  type NotePage,
  type PaginateOptions,
} from './paginate-notes';
export {
  BODY_MAX_LENGTH,
  isValidTag,
  normaliseTag,
  SEARCH_MAX_LENGTH,
  tagProblem,
  TAG_MAX_LENGTH,
  TAGS_PER_NOTE_MAX,
  TITLE_MAX_LENGTH,
  type TagProblem,
} from './note-rules';
