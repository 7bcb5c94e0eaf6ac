import { isTokens, type Tokens, type TokensChangeFunc, type TokenStore } from './token-store';

/** The part of `Storage` the store uses, so tests and other runtimes can pass their own. */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Where `storage` events arrive; `window` in a browser. */
export type StorageEventSource = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

export interface LocalStorageTokenStoreOptions {
  /** The storage key. Defaults to `scoped-notes.tokens`. */
  key?: string;
  /** Defaults to `globalThis.localStorage`. */
  storage?: StorageLike;
  /** Defaults to `globalThis` when it can dispatch events (a browser window). */
  events?: StorageEventSource;
}

const DEFAULT_KEY = 'scoped-notes.tokens';

/**
 * Keeps the tokens in `localStorage` as JSON, so they survive a reload and every tab
 * of the origin shares them. Another tab's login or logout reaches `onChange`
 * listeners through the browser's `storage` event. Stored data that is not valid
 * JSON of the right shape reads as logged out.
 *
 * NB! Anything that runs script on the page can read `localStorage`. Prefer the
 * memory store where a reload may ask the user to sign in again.
 *
 * @throws {Error} when no `storage` is given and `globalThis.localStorage` does not exist.
 */
export function createLocalStorageTokenStore(
  options: LocalStorageTokenStoreOptions = {},
): TokenStore {
  const key = options.key ?? DEFAULT_KEY;
  const storage = options.storage ?? defaultStorage();
  const events = options.events ?? defaultEventSource();
  const listeners = new Set<TokensChangeFunc>();

  const read = (): Tokens | null => parseTokens(storage.getItem(key));

  const notify = () => {
    const tokens = read();
    for (const listener of [...listeners]) listener(tokens);
  };

  // `storage` fires only for writes made by other tabs; `key` is null when one cleared it all.
  const onStorageEvent = (event: Event) => {
    const changedKey = (event as StorageEvent).key;
    if (changedKey === key || changedKey === null) notify();
  };

  return {
    get: read,

    set(tokens) {
      storage.setItem(key, JSON.stringify({ access: tokens.access, refresh: tokens.refresh }));
      notify();
    },

    clear() {
      storage.removeItem(key);
      notify();
    },

    onChange(callback) {
      if (listeners.size === 0) events?.addEventListener('storage', onStorageEvent);
      listeners.add(callback);

      return () => {
        listeners.delete(callback);
        if (listeners.size === 0) events?.removeEventListener('storage', onStorageEvent);
      };
    },
  };
}

function parseTokens(stored: string | null): Tokens | null {
  if (stored === null) return null;

  try {
    const parsed: unknown = JSON.parse(stored);

    return isTokens(parsed) ? { access: parsed.access, refresh: parsed.refresh } : null;
  } catch {
    return null;
  }
}

function defaultStorage(): StorageLike {
  const storage = (globalThis as { localStorage?: StorageLike }).localStorage;
  if (!storage) {
    throw new Error(
      'localStorage is not available here: pass `storage`, or use createMemoryTokenStore()',
    );
  }

  return storage;
}

function defaultEventSource(): StorageEventSource | undefined {
  const candidate = globalThis as Partial<StorageEventSource>;

  return typeof candidate.addEventListener === 'function'
    ? (candidate as StorageEventSource)
    : undefined;
}
