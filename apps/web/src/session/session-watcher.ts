import type { TokenStore } from '@scoped-notes/client';

/**
 * Why the user is looking at the login screen: they logged out here or everywhere,
 * or their session ended without them asking (the server refused the refresh
 * token: it expired, or was ended from another device or tab).
 */
export type SignOutReason = 'logged-out' | 'logged-out-everywhere' | 'session-ended';

/** The sign-outs the user asks for. */
export type ChosenSignOut = Exclude<SignOutReason, 'session-ended'>;

export interface SessionSnapshot {
  signedIn: boolean;
  /** Set only after a sign-out, until the next sign-in. */
  signOutReason: SignOutReason | null;
}

export interface SessionWatcher {
  /** The same object until the session changes, as `useSyncExternalStore` needs. */
  getSnapshot(): SessionSnapshot;
  subscribe(listener: () => void): () => void;
  /** Call right before clearing the tokens, so the sign-out that follows counts as asked for. */
  expectSignOut(reason: ChosenSignOut): void;
}

/**
 * Follows the SDK's token store for the life of the page. The SDK clears the
 * store itself when the server refuses a refresh, so a clear that the app did
 * not ask for is a session that ended.
 */
export function createSessionWatcher(store: TokenStore): SessionWatcher {
  const listeners = new Set<() => void>();
  let snapshot: SessionSnapshot = { signedIn: store.get() !== null, signOutReason: null };
  let expected: ChosenSignOut | null = null;

  store.onChange((tokens) => {
    const signedIn = tokens !== null;
    // A refresh swaps the tokens but leaves the user signed in: nothing to tell.
    if (signedIn === snapshot.signedIn) return;

    snapshot = { signedIn, signOutReason: signedIn ? null : (expected ?? 'session-ended') };
    expected = null;

    for (const listener of [...listeners]) listener();
  });

  return {
    getSnapshot: () => snapshot,

    subscribe(listener) {
      listeners.add(listener);

      return () => listeners.delete(listener);
    },

    expectSignOut(reason) {
      expected = reason;
    },
  };
}
