import { createMemoryTokenStore } from '@scoped-notes/client';
import { describe, expect, it } from 'vitest';

import { createSessionWatcher } from '../src/session/session-watcher';

const TOKENS = { access: 'a1', refresh: 'r1' };

describe('createSessionWatcher(store)', () => {
  it('starts signed in when the store already holds tokens (a reload)', () => {
    const watcher = createSessionWatcher(createMemoryTokenStore(TOKENS));

    expect(watcher.getSnapshot()).toEqual({ signedIn: true, signOutReason: null });
  });

  it('calls a clear the app did not ask for an ended session', () => {
    const store = createMemoryTokenStore(TOKENS);
    const watcher = createSessionWatcher(store);

    store.clear();

    expect(watcher.getSnapshot()).toEqual({ signedIn: false, signOutReason: 'session-ended' });
  });

  it('calls the clear after expectSignOut the chosen sign-out, and only that one', () => {
    const store = createMemoryTokenStore(TOKENS);
    const watcher = createSessionWatcher(store);

    watcher.expectSignOut('logged-out');
    store.clear();
    expect(watcher.getSnapshot().signOutReason).toBe('logged-out');

    store.set(TOKENS);
    store.clear();
    expect(watcher.getSnapshot().signOutReason).toBe('session-ended');
  });

  it('tells logging out everywhere apart from logging out here', () => {
    const store = createMemoryTokenStore(TOKENS);
    const watcher = createSessionWatcher(store);

    watcher.expectSignOut('logged-out-everywhere');
    store.clear();

    expect(watcher.getSnapshot()).toEqual({ signedIn: false, signOutReason: 'logged-out-everywhere' });
  });

  it('stays quiet, with the same snapshot, when a refresh swaps the tokens', () => {
    const store = createMemoryTokenStore(TOKENS);
    const watcher = createSessionWatcher(store);
    const before = watcher.getSnapshot();
    let notified = 0;
    watcher.subscribe(() => (notified += 1));

    store.set({ access: 'a2', refresh: 'r2' });

    expect(notified).toBe(0);
    expect(watcher.getSnapshot()).toBe(before);
  });

  it('forgets the reason at the next sign-in and tells its listeners each change', () => {
    const store = createMemoryTokenStore(TOKENS);
    const watcher = createSessionWatcher(store);
    const seen: boolean[] = [];
    const stop = watcher.subscribe(() => seen.push(watcher.getSnapshot().signedIn));

    store.clear();
    store.set(TOKENS);
    stop();
    store.clear();

    expect(seen).toEqual([false, true]);
    expect(watcher.getSnapshot().signOutReason).toBe('session-ended');
  });
});
