import { createTRPCClient, httpLink, type TRPCClient } from '@trpc/client';

import type { AppRouter } from '@scoped-notes/api';

import { authLink, headersFor } from './auth-link';
import { errorCode, isNotesError } from './errors';
import { resolveHeaders, type HeadersOption } from './headers-option';
import { createMemoryTokenStore } from './memory-token-store';
import type { RouterInputs, RouterOutputs } from './router-types';
import type { TokenStore } from './token-store';
import { trpcEndpoint } from './trpc-endpoint';

export interface NotesClientOptions {
  /** The server's base URL, such as `http://127.0.0.1:3000`; `/trpc` is added unless present. */
  url: string;
  /** Where tokens live. Defaults to a new memory store; share one store to share a login. */
  store?: TokenStore;
  /** The `fetch` to use. Defaults to the global one. */
  fetch?: typeof fetch;
  /** Headers for every request. An `Authorization` header here replaces the stored token. */
  headers?: HeadersOption;
}

/** The SDK's own helpers, beside the procedures. */
export interface NotesClientHelpers {
  /** The store this client reads and writes its tokens through. */
  readonly store: TokenStore;
  /**
   * Creates an account. It does not log in.
   * @throws {NotesClientError} CONFLICT when the name is taken, BAD_REQUEST with `fields`.
   */
  register(input: RouterInputs['auth']['register']): Promise<RouterOutputs['auth']['register']>;
  /**
   * Logs in, keeps the tokens in the store, and returns the user.
   * @throws {NotesClientError} UNAUTHORIZED for a wrong username or password.
   */
  login(input: RouterInputs['auth']['login']): Promise<RouterOutputs['auth']['login']['user']>;
  /**
   * Forgets the tokens, then asks the server to revoke the session. The store is
   * cleared whatever happens; an unreachable server or an already dead session is fine.
   * @throws {NotesClientError} when the server fails in any other way (say, a 500),
   *   so the caller knows the session may still be valid on the server.
   */
  logout(): Promise<void>;
  /** Whether the store holds tokens. They may have expired; the next call refreshes them. */
  isLoggedIn(): boolean;
}

/** Every procedure of the API (`client.notes.list.query(...)`) plus the helpers. */
export type NotesClient = TRPCClient<AppRouter> & NotesClientHelpers;

/**
 * Creates a client for the scoped-notes API. It sends the stored access token with
 * every call and, when a call answers UNAUTHORIZED, refreshes the tokens once
 * (shared by every call failing meanwhile, and by every client on the same store)
 * and retries the call once.
 *
 * @example
 * ```ts
 * const client = createNotesClient({ url: 'http://127.0.0.1:3000' });
 * await client.login({ username: 'ada', password: 'correct horse' });
 * const { items } = await client.notes.list.query({ limit: 10 });
 * ```
 * Every procedure call rejects with a `NotesClientError`; read it with `errorInfo()`.
 */
export function createNotesClient(options: NotesClientOptions): NotesClient {
  const url = trpcEndpoint(options.url);
  const store = options.store ?? createMemoryTokenStore();

  // No refresh logic here: a refresh that fails is final.
  const bareClient = createTRPCClient<AppRouter>({
    links: [
      httpLink({ url, fetch: options.fetch, headers: () => resolveHeaders(options.headers) }),
    ],
  });

  const procedures = createTRPCClient<AppRouter>({
    links: [
      authLink({
        store,
        headers: options.headers,
        refresh: (refresh) => bareClient.auth.refresh.mutate({ refresh }),
      }),
      httpLink({ url, fetch: options.fetch, headers: ({ op }) => headersFor(op.context) }),
    ],
  });

  const helpers: NotesClientHelpers = {
    store,

    register: (input) => procedures.auth.register.mutate(input),

    async login(input) {
      const { access, refresh, user } = await procedures.auth.login.mutate(input);
      store.set({ access, refresh });

      return user;
    },

    async logout() {
      const refresh = store.get()?.refresh;
      store.clear();
      if (!refresh) return;

      try {
        await procedures.auth.logout.mutate({ refresh });
      } catch (error) {
        if (!isSessionAlreadyGone(error)) throw error;
      }
    },

    isLoggedIn: () => store.get() !== null,
  };

  return withProcedures(helpers, procedures);
}

// The tRPC client is a proxy that makes up a procedure path for any key, so helpers
// are looked up first and every other key goes to it.
function withProcedures(
  helpers: NotesClientHelpers,
  procedures: TRPCClient<AppRouter>,
): NotesClient {
  return new Proxy(helpers, {
    get: (target, key, receiver) =>
      key in target ? Reflect.get(target, key, receiver) : Reflect.get(procedures, key),
  }) as NotesClient;
}

// The local logout already happened; an unreachable server or a session the server
// already ended (UNAUTHORIZED) leaves nothing for the caller to act on.
function isSessionAlreadyGone(error: unknown): boolean {
  return isNotesError(error) && (!error.data || errorCode(error) === 'UNAUTHORIZED');
}
