import { describe, expect, it } from 'vitest';

import { createLocalStorageTokenStore, type Tokens } from '../src/index';
import { FakeStorage } from './fake-storage';

const TOKENS: Tokens = { access: 'access-0', refresh: 'refresh-0' };
const KEY = 'scoped-notes.tokens';

/** What a browser dispatches on `window` in the other tabs after a write to localStorage. */
function storageEvent(key: string | null): Event {
  return Object.assign(new Event('storage'), { key });
}

function tab(storage: FakeStorage) {
  const window = new EventTarget();
  const store = createLocalStorageTokenStore({ storage, events: window });

  return { window, store };
}

describe('createLocalStorageTokenStore()', () => {
  it('persists the tokens as JSON under its key, and removes them on clear()', () => {
    const storage = new FakeStorage();
    const { store } = tab(storage);

    store.set(TOKENS);
    const persisted = storage.getItem(KEY);
    store.clear();

    expect(JSON.parse(persisted ?? 'null')).toEqual(TOKENS);
    expect(storage.getItem(KEY)).toBeNull();
    expect(store.get()).toBeNull();
  });

  it('uses the key it is given', () => {
    const storage = new FakeStorage();
    const store = createLocalStorageTokenStore({ storage, key: 'my-app.auth' });

    store.set(TOKENS);

    expect(storage.getItem('my-app.auth')).not.toBeNull();
    expect(storage.getItem(KEY)).toBeNull();
  });

  it('reads tokens another tab stored, at once', () => {
    const storage = new FakeStorage();
    const first = tab(storage);
    const second = tab(storage);

    first.store.set(TOKENS);

    expect(second.store.get()).toEqual(TOKENS);
  });

  it.each([
    ['not JSON', '{"access":'],
    ['JSON null', 'null'],
    ['a string', '"access-0"'],
    ['missing the refresh token', '{"access":"access-0"}'],
    ['an empty access token', '{"access":"","refresh":"refresh-0"}'],
    ['tokens that are not strings', '{"access":1,"refresh":{"$ne":""}}'],
  ])('reads stored data that is %s as logged out', (_, stored) => {
    const storage = new FakeStorage();
    storage.setItem(KEY, stored);

    expect(tab(storage).store.get()).toBeNull();
  });

  it('tells its listeners about its own set() and clear()', () => {
    const { store } = tab(new FakeStorage());
    const seen: (Tokens | null)[] = [];
    store.onChange((tokens) => seen.push(tokens));

    store.set(TOKENS);
    store.clear();

    expect(seen).toEqual([TOKENS, null]);
  });

  it("tells its listeners about another tab's login and logout through the storage event", () => {
    const storage = new FakeStorage();
    const other = tab(storage);
    const mine = tab(storage);
    const seen: (Tokens | null)[] = [];
    mine.store.onChange((tokens) => seen.push(tokens));

    other.store.set(TOKENS);
    mine.window.dispatchEvent(storageEvent(KEY));
    other.store.clear();
    mine.window.dispatchEvent(storageEvent(KEY));

    expect(seen).toEqual([TOKENS, null]);
  });

  it('treats storage.clear() in another tab (event key null) as a logout', () => {
    const storage = new FakeStorage();
    storage.setItem(KEY, JSON.stringify(TOKENS));
    const { store, window } = tab(storage);
    const seen: (Tokens | null)[] = [];
    store.onChange((tokens) => seen.push(tokens));

    storage.items.clear();
    window.dispatchEvent(storageEvent(null));

    expect(seen).toEqual([null]);
  });

  it('ignores storage events for other keys, and stops listening once unsubscribed', () => {
    const storage = new FakeStorage();
    const { store, window } = tab(storage);
    const seen: (Tokens | null)[] = [];
    const unsubscribe = store.onChange((tokens) => seen.push(tokens));

    window.dispatchEvent(storageEvent('some-other-key'));
    unsubscribe();
    window.dispatchEvent(storageEvent(KEY));

    expect(seen).toEqual([]);
  });

  it.skipIf('localStorage' in globalThis)(
    'says clearly when there is no localStorage to use',
    () => {
      expect(() => createLocalStorageTokenStore()).toThrow(/localStorage is not available/);
    },
  );
});
