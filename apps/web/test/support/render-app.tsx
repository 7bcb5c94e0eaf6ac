import { createMemoryTokenStore, createNotesClient, type Tokens } from '@scoped-notes/client';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { App } from '../../src/app/app';
import { createSessionWatcher } from '../../src/session/session-watcher';
import { createFakeApi } from './fake-api';

export interface RenderAppOptions {
  handlers: Parameters<typeof createFakeApi>[0];
  /** What the token store holds at start: a reload while logged in, or `null`. */
  tokens?: Tokens | null;
}

/** The whole app on top of the real SDK, whose HTTP answers come from `handlers`. */
export function renderApp({ handlers, tokens = null }: RenderAppOptions) {
  const api = createFakeApi(handlers);
  const store = createMemoryTokenStore(tokens);
  const client = createNotesClient({ url: 'http://notes.test', store, fetch: api.fetch });
  const user = userEvent.setup();

  render(<App services={{ client, session: createSessionWatcher(store) }} />);

  return { api, store, user };
}
