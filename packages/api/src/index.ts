import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

import type { AppRouter } from './root';

export { appRouter, type AppRouter } from './root';
export { createContext, type Context, type CreateContextOptions } from './context';
export { createServices, type Services, type ServicesConfig } from './services';
export { checkDatabase, connectDatabase, disconnectDatabase, databaseState, type DatabaseState } from './db/connection';
export type { ApiLogger } from './logger';
export type { ApiMeta } from './api-meta';
export { summarize as summarizeFieldErrors, type FieldErrors } from './field-errors';
export { DEFAULT_RATE_LIMITS, RetryAfter, type RateLimitConfig, type RateLimitRule } from './auth/rate-limits';
export type { Note, NoteSort, TagCount } from './notes/schemas';
export { VersionConflict } from './notes/version-conflict';
// The owner-scoped path to a user's notes; exported for the benchmark's layer costs.
export { createNoteAccess, type NoteAccess } from './notes/note-access';
export type { PublicUser } from './auth/credentials';
export {
  TITLE_MAX_LENGTH,
  BODY_MAX_LENGTH,
  TAG_MAX_LENGTH,
  TAGS_PER_NOTE_MAX,
  SEARCH_MAX_LENGTH,
} from './notes/limits';
export { PASSWORD_MAX_BYTES, PASSWORD_MIN_LENGTH, USERNAME_PATTERN } from './auth/credentials';

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
