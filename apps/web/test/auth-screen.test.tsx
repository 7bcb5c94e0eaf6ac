import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { Refusal } from './support/fake-api';
import { aNote, TOKENS, USER } from './support/fixtures';
import { renderApp } from './support/render-app';

const signedInHandlers = {
  'auth.me': () => USER,
  'notes.list': () => ({ items: [], nextCursor: null }),
  'notes.tags': () => [],
};

describe('logging in and registering', () => {
  it('says in a sentence that the username and password do not match', async () => {
    const { user, store } = renderApp({
      handlers: {
        'auth.login': () => {
          throw new Refusal('UNAUTHORIZED');
        },
      },
    });

    await user.type(screen.getByLabelText('Username'), 'ada');
    await user.type(screen.getByLabelText('Password'), 'not the password');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      'That username and password do not match. Check them and try again.',
    );
    expect(store.get()).toBeNull();
  });

  it('says how long to wait when logging in too often, from the server’s Retry-After', async () => {
    const { user } = renderApp({
      handlers: {
        'auth.login': () => {
          throw new Refusal('TOO_MANY_REQUESTS', undefined, { headers: { 'Retry-After': '95' } });
        },
      },
    });

    await user.type(screen.getByLabelText('Username'), 'ada');
    await user.type(screen.getByLabelText('Password'), 'guess number eleven');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      'Too many attempts in a short time. Please wait 2 minutes and try again.',
    );
  });

  it('ties each field’s error to its input, and leaves the other fields alone', async () => {
    const { user, api } = renderApp({
      handlers: {
        'auth.register': () => {
          throw new Refusal('BAD_REQUEST', { username: ['Invalid'], password: ['Too small'] });
        },
      },
    });

    await user.click(screen.getByRole('button', { name: 'Create an account' }));
    await user.type(screen.getByLabelText('Username'), 'x!');
    await user.type(screen.getByLabelText('Password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await screen.findByRole('alert');

    const username = screen.getByLabelText('Username');
    const describedBy = (username.getAttribute('aria-describedby') ?? '').split(' ');
    const descriptions = describedBy.map((id) => document.getElementById(id)?.textContent);
    expect(username.getAttribute('aria-invalid')).toBe('true');
    expect(descriptions).toContain(
      'This username cannot be used: it needs 3 to 32 letters, digits, dots, underscores or dashes.',
    );
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Email (optional)').getAttribute('aria-invalid')).toBeNull();
    expect(api.callsTo('auth.register')[0]?.input).toEqual({ username: 'x!', email: '', password: 'short' });
  });

  it('moves the focus to the first field when switching between the two forms', async () => {
    const { user } = renderApp({ handlers: {} });

    await user.click(screen.getByRole('button', { name: 'Create an account' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Username'));

    await user.click(screen.getByRole('button', { name: 'Log in' }));
    const loginForm = screen.getByRole('form', { name: 'Log in' });
    expect(within(loginForm).getByLabelText('Username')).toBe(document.activeElement);
  });

  it('logs straight into a new account', async () => {
    const { user, store } = renderApp({
      handlers: {
        ...signedInHandlers,
        'auth.register': () => USER,
        'auth.login': () => ({ ...TOKENS, user: USER }),
      },
    });

    await user.click(screen.getByRole('button', { name: 'Create an account' }));
    await user.type(screen.getByLabelText('Username'), 'ada');
    await user.type(screen.getByLabelText('Password'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByText('You have no notes yet.')).toBeTruthy();
    expect(store.get()).toEqual(TOKENS);
  });
});

describe('the end of a session', () => {
  it('returns to the login screen and says why when the server refuses the refresh token', async () => {
    const { store, api } = renderApp({
      tokens: TOKENS,
      handlers: {
        ...signedInHandlers,
        'notes.list': () => {
          throw new Refusal('UNAUTHORIZED');
        },
        'auth.refresh': () => {
          throw new Refusal('UNAUTHORIZED');
        },
      },
    });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Your session has ended, so you have been logged out. Please log in again.');
    expect(screen.getByRole('form', { name: 'Log in' })).toBeTruthy();
    expect(store.get()).toBeNull();
    expect(api.callsTo('auth.refresh')).toHaveLength(1);
  });

  it('says the user logged out, not that the session ended, after Log out', async () => {
    const { user, api } = renderApp({
      tokens: TOKENS,
      handlers: { ...signedInHandlers, 'auth.logout': () => ({ ok: true }) },
    });

    await user.click(await screen.findByRole('button', { name: 'Log out' }));

    expect((await screen.findByRole('status')).textContent).toBe('You have logged out on this device.');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(api.callsTo('auth.logout')[0]?.input).toEqual({ refresh: TOKENS.refresh });
  });

  it('keeps nothing of the last user in memory for the next one who logs in on this page', async () => {
    const BOB = { id: 'u2', username: 'bob', email: null };
    const isBob = (authorization: string | null) => authorization === 'Bearer access-bob';
    const { user } = renderApp({
      tokens: TOKENS,
      handlers: {
        'auth.me': (_input, { authorization }) => (isBob(authorization) ? BOB : USER),
        'auth.logout': () => ({ ok: true }),
        'auth.login': () => ({ access: 'access-bob', refresh: 'refresh-bob', user: BOB }),
        'notes.tags': () => [],
        // Bob's list never arrives, so anything listed while it loads came from memory.
        'notes.list': (_input, { authorization }) =>
          isBob(authorization) ? new Promise(() => {}) : { items: [aNote()], nextCursor: null },
      },
    });

    await screen.findByRole('article', { name: 'First note' });
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await user.type(await screen.findByLabelText('Username'), 'bob');
    await user.type(screen.getByLabelText('Password'), 'bobs password');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    expect(await screen.findByText('Loading your notes…')).toBeTruthy();
    expect(screen.getByText('bob')).toBeTruthy();
    expect(screen.queryByRole('article', { name: 'First note' })).toBeNull();
  });
});
