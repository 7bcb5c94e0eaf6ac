import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { Refusal } from './support/fake-api';
import { TOKENS, USER } from './support/fixtures';
import { renderApp } from './support/render-app';

const CHROME_ON_LINUX = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
const FIREFOX_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0';
const AT = '2026-03-01T10:00:00.000Z';

const EARLIER = '2026-02-01T10:00:00.000Z';

function session(id: string, userAgent: string, current: boolean, lastUsedAt = AT) {
  return { id, createdAt: EARLIER, lastUsedAt, userAgent, current };
}

function signedInWithSessions(handlers: Record<string, (input: unknown) => unknown> = {}) {
  // The server's order: most recently used first, which is not this device here.
  const sessions = [
    session('s2', FIREFOX_ON_WINDOWS, false, AT),
    session('s3', 'node', false, EARLIER),
    session('s1', CHROME_ON_LINUX, true, EARLIER),
  ];

  return renderApp({
    tokens: TOKENS,
    handlers: {
      'auth.me': () => USER,
      'notes.list': () => ({ items: [], nextCursor: null }),
      'notes.tags': () => [],
      'auth.sessions': () => [...sessions],
      'auth.revokeSession': (input) => {
        sessions.splice(sessions.findIndex((each) => each.id === (input as { id: string }).id), 1);

        return { ok: true };
      },
      'auth.logoutAll': () => ({ ok: true }),
      ...handlers,
    },
  });
}

async function openSessions(user: ReturnType<typeof signedInWithSessions>['user']) {
  const toggle = await screen.findByRole('button', { name: 'Sessions' });
  await user.click(toggle);
  expect(toggle.getAttribute('aria-expanded')).toBe('true');

  return screen.findByRole('region', { name: 'Where you are logged in' });
}

describe('the sessions panel', () => {
  it('lists this device first, then the others by last activity, and offers to end only the others', async () => {
    const { user } = signedInWithSessions();
    const panel = await openSessions(user);

    const rows = await within(panel).findAllByRole('listitem');
    expect(rows.map((row) => row.querySelector('.session-device')?.textContent)).toEqual([
      'Chrome on LinuxThis device',
      'Firefox on Windows',
      'Another app',
    ]);
    expect(within(rows[0]!).queryByRole('button')).toBeNull();
    expect(within(rows[1]!).getByRole('button').textContent).toBe('Log out this device');
  });

  it('ends another session and shows the list without it', async () => {
    const { user, api } = signedInWithSessions();
    const panel = await openSessions(user);

    await user.click(await within(panel).findByRole('button', { name: /^Log out Firefox on Windows/ }));

    await waitFor(() => expect(within(panel).getAllByRole('listitem')).toHaveLength(2));
    expect(within(panel).queryByText('Firefox on Windows')).toBeNull();
    expect(api.callsTo('auth.revokeSession')[0]?.input).toEqual({ id: 's2' });
  });

  it('logs out everywhere and says so on the login screen', async () => {
    const { user, store, api } = signedInWithSessions();
    const panel = await openSessions(user);

    await user.click(within(panel).getByRole('button', { name: 'Log out everywhere' }));

    expect((await screen.findByRole('status')).textContent).toBe('You have logged out on every device.');
    expect(store.get()).toBeNull();
    expect(api.callsTo('auth.logoutAll')).toHaveLength(1);
  });

  it('stays logged in and says why when logging out everywhere fails', async () => {
    const { user, store } = signedInWithSessions({
      'auth.logoutAll': () => {
        throw new Refusal('INTERNAL_SERVER_ERROR');
      },
    });
    const panel = await openSessions(user);

    await user.click(within(panel).getByRole('button', { name: 'Log out everywhere' }));

    expect((await within(panel).findByRole('alert')).textContent).toBe(
      'Something went wrong on our side. Please try again in a moment.',
    );
    expect(store.get()).toEqual(TOKENS);
  });
});
