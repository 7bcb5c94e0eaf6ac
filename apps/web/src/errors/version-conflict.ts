import { errorCode, isNotesError } from '@scoped-notes/client';

/** Whether a note write was refused because the note changed since the version it named. */
export function isVersionConflict(error: unknown): boolean {
  return errorCode(error) === 'CONFLICT';
}

/** The version the note is at now, as the CONFLICT answer says; null when it does not say. */
export function currentVersionOf(error: unknown): number | null {
  if (!isNotesError(error) || !isVersionConflict(error)) return null;

  const version: unknown = error.data?.currentVersion;

  return typeof version === 'number' && Number.isInteger(version) && version >= 1 ? version : null;
}
