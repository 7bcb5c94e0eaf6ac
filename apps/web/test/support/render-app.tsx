import { createMemoryTokenStore, createNotesClient, type Note, type Tokens } from '@scoped-notes/client';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { App } from '../../src/app/app';
import { createSessionWatcher } from '../../src/session/session-watcher';
import { createFakeApi } from './fake-api';

export const USER = { id: 'u1', username: 'ada', email: null };
export const TOKENS: Tokens = { access: 'access-1', refresh: 'refresh-1' };

export function aNote(overrides: Partial<Note> = {}): Note {
  const at = '2026-03-01T10:00:00.000Z';

  return { id: 'n1', owner: USER.username, title: 'First note', body: 'hello', createdAt: at, updatedAt: at, ...overrides };
}

/** The whole app on top of the real SDK, whose HTTP answers come from `handlers`. */
export function renderApp({ handlers, tokens = null }: { handlers: Parameters<typeof createFakeApi>[0]; tokens?: Tokens | null }) {
  const api = createFakeApi(handlers);
  const store = createMemoryTokenStore(tokens);
  const client = createNotesClient({ url: 'http://notes.test', store, fetch: api.fetch });
  const user = userEvent.setup();

  render(<App services={{ client, session: createSessionWatcher(store) }} />);

  return { api, store, user };
}
