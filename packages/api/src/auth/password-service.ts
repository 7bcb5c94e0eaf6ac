import { randomBytes } from 'node:crypto';

import bcrypt from 'bcrypt';

import { isWellFormedText, PASSWORD_MAX_BYTES } from './credentials';
import { createHashingQueue, type HashingQueueConfig } from './hashing-queue';

export type PasswordServiceConfig = HashingQueueConfig & { cost: number };

export type PasswordService = {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string | null): Promise<boolean>;
  /** Makes the throwaway hash ahead of the first sign-in, which also times one hash for the queue. */
  warmUp(): Promise<void>;
  /** Throws TOO_MANY_REQUESTS now if a hash asked for now would be refused as too long a wait. */
  assertRoom(): void;
};

const utf8 = new TextEncoder();

// bcrypt compares only the first 72 bytes, so a longer password would match every
// password that starts with them. Registration refuses such passwords, so none can be right.
function fitsBcrypt(password: string): boolean {
  return isWellFormedText(password) && utf8.encode(password).length <= PASSWORD_MAX_BYTES;
}

/**
 * bcrypt at a configurable cost, a bounded number of hashes at a time (see
 * hashing-queue.ts). `verify` with no hash still spends one full comparison against
 * a throwaway hash of the same cost, so an unknown user takes as long to refuse as a
 * wrong password, and so does a password too long to be one.
 */
export function createPasswordService({ cost, ...queueConfig }: PasswordServiceConfig): PasswordService {
  const queue = createHashingQueue(queueConfig);
  let decoyHash: Promise<string> | undefined;

  // Made once; a refusal by a full queue is not kept, so the next sign-in tries again.
  const decoy = () => {
    decoyHash ??= queue.run(() => bcrypt.hash(randomBytes(32).toString('hex'), cost)).catch((error: unknown) => {
      decoyHash = undefined;
      throw error;
    });

    return decoyHash;
  };

  return {
    hash: (password) => queue.run(() => bcrypt.hash(password, cost)),

    async verify(password, hash) {
      const against = hash ?? (await decoy());
      const matches = await queue.run(() => bcrypt.compare(password, against));

      return hash !== null && fitsBcrypt(password) && matches;
    },

    async warmUp() {
      await decoy();
    },

    assertRoom: () => queue.assertRoom(),
  };
}
