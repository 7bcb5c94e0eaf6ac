import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';

import {
  createMemoryTokenStore,
  createNotesClient,
  errorCode,
  errorInfo,
  isNotesError,
  type Note,
  type NotesClient,
  type Tokens,
} from '../src/index';
import { ok, startStubServer, trpcError, unauthorized, type StubServer } from './stub-trpc-server';

const USER = { id: 'u1', username: 'ada', email: null };
const TOKENS: Tokens = { access: 'access-0', refresh: 'refresh-0' };
const NOTE: Note = {
  id: 'n1',
  owner: 'ada',
  title: 'First',
  body: '',
  tags: [],
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to reject');
    },
    (error: unknown) => error,
  );
}

describe('createNotesClient()', () => {
  let server: StubServer | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  describe('login()', () => {
    it('stores the tokens and returns the user', async () => {
      server = await startStubServer({ 'auth.login': () => ok({ ...TOKENS, user: USER }) });
      const client = createNotesClient({ url: server.url });

      const user = await client.login({ username: 'ada', password: 'correct horse' });

      expect(user).toEqual(USER);
      expect(client.store.get()).toEqual(TOKENS);
      expect(client.isLoggedIn()).toBe(true);
      expect(server.requests[0]).toMatchObject({
        method: 'POST',
        input: { username: 'ada', password: 'correct horse' },
      });
    });

    it('rejects UNAUTHORIZED and stores nothing for a wrong password', async () => {
      server = await startStubServer({ 'auth.login': () => unauthorized('auth.login') });
      const client = createNotesClient({ url: server.url });

      const error = await rejectionOf(client.login({ username: 'ada', password: 'wrong' }));

      expect(errorCode(error)).toBe('UNAUTHORIZED');
      expect(client.isLoggedIn()).toBe(false);
    });
  });

  describe('register()', () => {
    it('creates the account without logging in', async () => {
      server = await startStubServer({ 'auth.register': () => ok(USER) });
      const client = createNotesClient({ url: server.url });

      const user = await client.register({ username: 'ada', password: 'correct horse' });

      expect(user).toEqual(USER);
      expect(client.isLoggedIn()).toBe(false);
      expect(server.count('auth.register')).toBe(1);
    });

    it('rejects BAD_REQUEST with the field errors the server sent', async () => {
      const fields = { password: ['Too short'] };
      server = await startStubServer({
        'auth.register': () => trpcError('auth.register', 'BAD_REQUEST', 'Invalid input', fields),
      });
      const client = createNotesClient({ url: server.url });

      const error = await rejectionOf(client.register({ username: 'ada', password: 'x' }));

      expect(isNotesError(error)).toBe(true);
      expect(errorInfo(error)).toEqual({ code: 'BAD_REQUEST', httpStatus: 400, fields, currentVersion: null });
    });
  });

  describe('logout()', () => {
    it('revokes the stored refresh token on the server and clears the store', async () => {
      server = await startStubServer({ 'auth.logout': () => ok({ ok: true }) });
      const client = createNotesClient({ url: server.url, store: createMemoryTokenStore(TOKENS) });

      await client.logout();

      expect(server.requests.map((r) => [r.path, r.input])).toEqual([
        ['auth.logout', { refresh: 'refresh-0' }],
      ]);
      expect(client.isLoggedIn()).toBe(false);
    });

    it('resolves and clears the store when the session is already gone (UNAUTHORIZED)', async () => {
      server = await startStubServer({ 'auth.logout': () => unauthorized('auth.logout') });
      const client = createNotesClient({ url: server.url, store: createMemoryTokenStore(TOKENS) });

      await expect(client.logout()).resolves.toBeUndefined();
      expect(client.isLoggedIn()).toBe(false);
      expect(server.count('auth.refresh')).toBe(0);
    });

    it('resolves and clears the store when the server cannot be reached', async () => {
      server = await startStubServer({});
      const unreachable = `${server.url}`;
      await server.close();
      server = undefined;
      const client = createNotesClient({ url: unreachable, store: createMemoryTokenStore(TOKENS) });

      await expect(client.logout()).resolves.toBeUndefined();
      expect(client.isLoggedIn()).toBe(false);
    });

    it('clears the store but rejects when the server fails otherwise', async () => {
      server = await startStubServer({
        'auth.logout': () =>
          trpcError('auth.logout', 'INTERNAL_SERVER_ERROR', 'Internal server error'),
      });
      const client = createNotesClient({ url: server.url, store: createMemoryTokenStore(TOKENS) });

      const error = await rejectionOf(client.logout());

      expect(errorInfo(error)).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', httpStatus: 500 });
      expect(client.isLoggedIn()).toBe(false);
    });

    it('sends nothing when no one is logged in', async () => {
      server = await startStubServer({ 'auth.logout': () => ok({ ok: true }) });
      const client = createNotesClient({ url: server.url });

      await client.logout();

      expect(server.requests).toHaveLength(0);
    });
  });

  describe('procedures', () => {
    it('sends queries as GET and mutations as POST under /trpc, with the input as JSON', async () => {
      server = await startStubServer({
        'notes.list': () => ok({ items: [NOTE], nextCursor: null }),
        'notes.create': () => ok(NOTE),
      });
      const client = createNotesClient({ url: server.url, store: createMemoryTokenStore(TOKENS) });

      const page = await client.notes.list.query({ limit: 5 });
      const created = await client.notes.create.mutate({ title: 'First', body: '' });

      expect(page.items).toEqual([NOTE]);
      expect(created).toEqual(NOTE);
      expect(server.requests.map((r) => [r.method, r.path, r.input])).toEqual([
        ['GET', 'notes.list', { limit: 5 }],
        ['POST', 'notes.create', { title: 'First', body: '' }],
      ]);
    });

    it('accepts a URL that already ends in /trpc', async () => {
      server = await startStubServer({ 'auth.me': () => ok(USER) });
      const client = createNotesClient({
        url: `${server.url}/trpc`,
        store: createMemoryTokenStore(TOKENS),
      });

      await expect(client.auth.me.query()).resolves.toEqual(USER);
    });

    it('is not mistaken for a promise', async () => {
      server = await startStubServer({});
      const client = createNotesClient({ url: server.url });

      const awaited = await Promise.resolve(client);

      expect(awaited).toBe(client);
    });
  });

  describe('errorInfo()', () => {
    it('gives no code and no status for an answer that is not tRPC JSON', async () => {
      const client = createNotesClient({
        url: 'http://127.0.0.1:9',
        fetch: async () => new Response('<h1>Bad gateway</h1>', { status: 502 }),
      });

      const error = await rejectionOf(client.notes.list.query({}));

      expect(isNotesError(error)).toBe(true);
      expect(errorInfo(error)).toEqual({ code: null, httpStatus: null, fields: {}, currentVersion: null });
    });

    it('gives no code and no status when the request got no answer', async () => {
      const client = createNotesClient({
        url: 'http://127.0.0.1:9',
        fetch: () => Promise.reject(new TypeError('fetch failed')),
      });

      const error = await rejectionOf(client.notes.list.query({}));

      expect(isNotesError(error)).toBe(true);
      expect(errorInfo(error)).toEqual({ code: null, httpStatus: null, fields: {}, currentVersion: null });
    });

    it('says nothing about errors that did not come from the SDK', () => {
      expect(isNotesError(new Error('other'))).toBe(false);
      expect(errorInfo('not an error')).toEqual({ code: null, httpStatus: null, fields: {}, currentVersion: null });
    });
  });

  describe('types', () => {
    it('infers inputs and outputs from the API router', () => {
      expectTypeOf<NotesClient['notes']['list']['query']>().returns.resolves.toEqualTypeOf<{
        items: Note[];
        nextCursor: string | null;
      }>();
      expectTypeOf<NotesClient['notes']['create']['mutate']>()
        .parameter(0)
        .toEqualTypeOf<{ title: string; body?: string | undefined; tags?: string[] | undefined }>();
      expectTypeOf<NotesClient['login']>().returns.resolves.toEqualTypeOf<{
        id: string;
        username: string;
        email: string | null;
      }>();
      expectTypeOf<Note>().toEqualTypeOf<{
        id: string;
        owner: string;
        title: string;
        body: string;
        tags: string[];
        version: number;
        createdAt: string;
        updatedAt: string;
      }>();
    });
  });
});
