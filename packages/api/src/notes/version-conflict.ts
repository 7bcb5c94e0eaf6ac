import { TRPCError } from '@trpc/server';

/**
 * Carried as the cause of a CONFLICT answered to a stale `expectedVersion`, so the
 * error formatter can tell the client the note's current version (`data.currentVersion`)
 * and the REST mirror can send it as the ETag of a 409 or 412.
 */
export class VersionConflict extends Error {
  constructor(readonly currentVersion: number) {
    super(`the note is at version ${currentVersion}`);
    this.name = 'VersionConflict';
  }
}

export function versionConflict(currentVersion: number): TRPCError {
  return new TRPCError({
    code: 'CONFLICT',
    message: `Version mismatch: the note is at version ${currentVersion}`,
    cause: new VersionConflict(currentVersion),
  });
}
