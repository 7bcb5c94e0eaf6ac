import type { Tokens, TokensChangeFunc, TokenStore } from './token-store';

/**
 * Keeps the tokens in memory only: they are gone when the page or process ends.
 * The default store of `createNotesClient`.
 */
export function createMemoryTokenStore(initial: Tokens | null = null): TokenStore {
  let current = initial;
  const listeners = new Set<TokensChangeFunc>();

  const replace = (tokens: Tokens | null) => {
    current = tokens;
    for (const listener of [...listeners]) listener(tokens);
  };

  return {
    get: () => current,
    set: (tokens) => replace({ access: tokens.access, refresh: tokens.refresh }),
    clear: () => replace(null),
    onChange(callback) {
      listeners.add(callback);

      return () => listeners.delete(callback);
    },
  };
}
