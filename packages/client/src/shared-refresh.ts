import type { Tokens, TokenStore } from './token-store';

/** Trades a refresh token for a new pair; rejects when the server refuses it. */
export type RefreshFunc = (refreshToken: string) => Promise<Tokens>;

// Keyed by the store, not the client, so clients sharing one store (two tabs in one
// page, or a client per component) also share one refresh.
const refreshesInFlight = new WeakMap<TokenStore, Promise<boolean>>();

/**
 * Refreshes the store's tokens, or joins the refresh already running for this store.
 * Resolves `true` when the server issued new tokens, `false` when there was no
 * refresh token, the server refused it (the store is then cleared) or the server
 * could not be reached (the tokens are kept). Never rejects.
 */
export function refreshTokens(store: TokenStore, refresh: RefreshFunc): Promise<boolean> {
  const running = refreshesInFlight.get(store);
  if (running) return running;

  const started = runRefresh(store, refresh).finally(() => {
    if (refreshesInFlight.get(store) === started) refreshesInFlight.delete(store);
  });
  refreshesInFlight.set(store, started);

  return started;
}

async function runRefresh(store: TokenStore, refresh: RefreshFunc): Promise<boolean> {
  const sent = store.get()?.refresh;
  if (!sent) return false;

  // Write only if the store still holds the token we sent: a logout or another
  // login that happened meanwhile is newer than this answer and must stay.
  const stillCurrent = () => store.get()?.refresh === sent;

  try {
    const tokens = await refresh(sent);
    if (stillCurrent()) store.set(tokens);

    return true;
  } catch (error) {
    // Only the server's refusal ends the login; a dropped connection leaves the
    // tokens in place so the next call can try again once the network is back.
    if (stillCurrent() && wasAnsweredByServer(error)) store.clear();

    return false;
  }
}

function wasAnsweredByServer(error: unknown): boolean {
  const data = (error as { data?: { code?: unknown } } | null)?.data;

  return typeof data?.code === 'string';
}
