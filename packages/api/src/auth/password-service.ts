import { randomBytes } from 'node:crypto';

import bcrypt from 'bcrypt';

import { isWellFormedText, PASSWORD_MAX_BYTES } from './credentials';

export type PasswordService = {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string | null): Promise<boolean>;
};

const utf8 = new TextEncoder();

// bcrypt compares only the first 72 bytes, so a longer password would match every
// password that starts with them. Registration refuses such passwords, so none can be right.
function fitsBcrypt(password: string): boolean {
  return isWellFormedText(password) && utf8.encode(password).length <= PASSWORD_MAX_BYTES;
}

/**
 * bcrypt at a configurable cost. `verify` with no hash still spends one full
 * comparison against a throwaway hash of the same cost, so an unknown user takes
 * as long to refuse as a wrong password, and so does a password too long to be one.
 */
export function createPasswordService(cost: number): PasswordService {
  let decoyHash: Promise<string> | undefined;

  const decoy = () => (decoyHash ??= bcrypt.hash(randomBytes(32).toString('hex'), cost));

  return {
    hash: (password) => bcrypt.hash(password, cost),

    async verify(password, hash) {
      const matches = await bcrypt.compare(password, hash ?? (await decoy()));

      return hash !== null && fitsBcrypt(password) && matches;
    },
  };
}
