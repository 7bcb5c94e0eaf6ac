/** The pair `auth.login` and `auth.refresh` hand out. */
export interface Tokens {
  access: string;
  refresh: string;
}

/** Called with the new tokens, or `null` after a logout or a failed refresh. */
export type TokensChangeFunc = (tokens: Tokens | null) => void;

/**
 * Where the client keeps its tokens. The client reads the store on every request,
 * so a store shared by two clients (or two tabs) keeps them signed in as one.
 */
export interface TokenStore {
  /** The current tokens, or `null` when logged out. */
  get(): Tokens | null;
  /** Replaces the tokens and tells every `onChange` listener. */
  set(tokens: Tokens): void;
  /** Forgets the tokens and tells every `onChange` listener. */
  clear(): void;
  /** Listens for changes; returns the function that stops listening. */
  onChange(callback: TokensChangeFunc): () => void;
}

/** Whether a parsed value has the shape of `Tokens`, for stores that read untrusted data. */
export function isTokens(value: unknown): value is Tokens {
  if (typeof value !== 'object' || value === null) return false;

  const { access, refresh } = value as Record<string, unknown>;

  return typeof access === 'string' && access !== '' && typeof refresh === 'string';
}
