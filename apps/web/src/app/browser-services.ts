import { createLocalStorageTokenStore, createNotesClient } from '@scoped-notes/client';

import { createSessionWatcher } from '../session/session-watcher';
import type { AppServices } from './app-services';

/**
 * The SDK as the page uses it: the API on the page's own origin (the server serves
 * both, and Vite's dev server proxies the API), and tokens in localStorage so a
 * reload keeps the user logged in.
 */
export function createBrowserServices(): AppServices {
  const store = createLocalStorageTokenStore();
  const client = createNotesClient({ url: window.location.origin, store });

  return { client, session: createSessionWatcher(store) };
}
