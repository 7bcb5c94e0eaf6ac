import { describe, expect, it } from 'vitest';

import { createMemoryTokenStore, type Tokens } from '../src/index';

const TOKENS: Tokens = { access: 'access-0', refresh: 'refresh-0' };

describe('createMemoryTokenStore()', () => {
  it('starts logged out unless given tokens', () => {
    expect(createMemoryTokenStore().get()).toBeNull();
    expect(createMemoryTokenStore(TOKENS).get()).toEqual(TOKENS);
  });

  it('keeps a copy, so changing the object passed to set() changes nothing', () => {
    const store = createMemoryTokenStore();
    const tokens = { ...TOKENS };

    store.set(tokens);
    tokens.access = 'tampered';

    expect(store.get()).toEqual(TOKENS);
  });

  it('tells listeners about set() and clear() until they unsubscribe', () => {
    const store = createMemoryTokenStore();
    const seen: (Tokens | null)[] = [];
    const unsubscribe = store.onChange((tokens) => seen.push(tokens));

    store.set(TOKENS);
    store.clear();
    unsubscribe();
    store.set(TOKENS);

    expect(seen).toEqual([TOKENS, null]);
    expect(store.get()).toEqual(TOKENS);
  });
});
