import { randomBytes } from 'node:crypto';

import bcrypt from 'bcrypt';

export type PasswordService = {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string | null): Promise<boolean>;
};

/**
 * bcrypt at a configurable cost. `verify` with no hash still spends one full
 * comparison against a throwaway hash of the same cost, so an unknown user takes
 * as long to refuse as a wrong password.
 */
export function createPasswordService(cost: number): PasswordService {
  let decoyHash: Promise<string> | undefined;

  const decoy = () => (decoyHash ??= bcrypt.hash(randomBytes(32).toString('hex'), cost));

  return {
    hash: (password) => bcrypt.hash(password, cost),

    async verify(password, hash) {
      const matches = await bcrypt.compare(password, hash ?? (await decoy()));

      return hash !== null && matches;
    },
  };
}
