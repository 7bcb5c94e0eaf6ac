import { afterEach, describe, expect, it } from 'vitest';

import {
  createLocalStorageTokenStore,
  createMemoryTokenStore,
  createNotesClient,
  errorCode,
  errorInfo,
  type Tokens,
} from '../src/index';
import { FakeStorage } from './fake-storage';
import {
  delay,
  ok,
  startStubServer,
  trpcError,
  unauthorized,
  type StubRequest,
  type StubServer,
} from './stub-trpc-server';

const OLD: Tokens = { access: 'access-0', refresh: 'refresh-0' };
const NEW: Tokens = { access: 'access-1', refresh: 'refresh-1' };
const PAGE = { items: [], nextCursor: null };

/** notes.list as the real server answers it: only the current access token gets in. */
const listWithAccess = (access: string) => (request: StubRequest) =>
  request.authorization === `Bearer ${access}` ? ok(PAGE) : unauthorized('notes.list');

/** auth.refresh with rotation: each refresh token works once, then the next one does. */
function rotatingRefresh(sequence: Tokens[], answerAfterMs = 0) {
  let valid = OLD.refresh;
  let next = 0;

  return async (request: StubRequest) => {
    const sent = (request.input as { refresh?: unknown }).refresh;
    const issued = sent === valid ? sequence[next++] : undefined;
    if (issued) valid = issued.refresh;
    await delay(answerAfterMs);

    return issued ? ok(issued) : unauthorized('auth.refresh');
  };
}

/** Waits, in 5 ms steps for up to 2 s, until `condition` holds. */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited >= 2000) throw new Error('condition not met within 2 s');
    await delay(5);
  }
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to reject');
    },
    (error: unknown) => error,
  );
}

describe('refresh on UNAUTHORIZED', () => {
  let server: StubServer | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('refreshes once and retries once when the call keeps answering UNAUTHORIZED (F-05 1)', async () => {
    server = await startStubServer({
      'notes.list': () => unauthorized('notes.list'),
      'auth.refresh': () => ok(NEW),
    });
    const store = createMemoryTokenStore(OLD);
    const client = createNotesClient({ url: server.url, store });

    const error = await rejectionOf(client.notes.list.query({}));
    await delay(50);

    expect(errorCode(error)).toBe('UNAUTHORIZED');
    expect(server.requests.map((r) => [r.path, r.authorization])).toEqual([
      ['notes.list', 'Bearer access-0'],
      ['auth.refresh', undefined],
      ['notes.list', 'Bearer access-1'],
    ]);
    expect(server.requests[1]?.input).toEqual({ refresh: 'refresh-0' });
    expect(store.get()).toEqual(NEW);
  });

  it('clears the store and rejects UNAUTHORIZED, refreshing nothing more, when the refresh is refused (F-05 2)', async () => {
    server = await startStubServer({
      'notes.list': () => unauthorized('notes.list'),
      'auth.refresh': () => unauthorized('auth.refresh'),
    });
    const store = createMemoryTokenStore(OLD);
    const changes: (Tokens | null)[] = [];
    store.onChange((tokens) => changes.push(tokens));
    const client = createNotesClient({ url: server.url, store });

    const error = await rejectionOf(client.notes.list.query({}));
    await delay(50);

    expect(errorInfo(error)).toMatchObject({ code: 'UNAUTHORIZED', httpStatus: 401 });
    expect(server.count('auth.refresh')).toBe(1);
    expect(server.count('notes.list')).toBe(1);
    expect(server.requests).toHaveLength(2);
    expect(store.get()).toBeNull();
    expect(changes).toEqual([null]);
    expect(client.isLoggedIn()).toBe(false);
  });

  it('surfaces the original call error, which names no token, when the refresh fails', async () => {
    server = await startStubServer({
      'notes.list': () => unauthorized('notes.list'),
      'auth.refresh': () =>
        trpcError('auth.refresh', 'INTERNAL_SERVER_ERROR', 'Internal server error'),
    });
    const store = createMemoryTokenStore(OLD);
    const client = createNotesClient({ url: server.url, store });

    const error = await rejectionOf(client.notes.list.query({}));
    const printed = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack ?? ''}`;

    expect(errorCode(error)).toBe('UNAUTHORIZED');
    expect((error as { data?: { path?: string } }).data?.path).toBe('notes.list');
    expect(store.get()).toBeNull();
    for (const token of [OLD.access, OLD.refresh]) expect(printed).not.toContain(token);
  });

  it('keeps the tokens when the refresh request cannot reach the server, so a later call can retry', async () => {
    server = await startStubServer({ 'notes.list': () => unauthorized('notes.list') });
    const store = createMemoryTokenStore(OLD);
    const offlineForRefresh: typeof fetch = (input, init) =>
      String(input).includes('auth.refresh')
        ? Promise.reject(new TypeError('fetch failed'))
        : fetch(input, init);
    const client = createNotesClient({ url: server.url, store, fetch: offlineForRefresh });

    const error = await rejectionOf(client.notes.list.query({}));

    expect(errorCode(error)).toBe('UNAUTHORIZED');
    expect(server.count('notes.list')).toBe(1);
    expect(store.get()).toEqual(OLD);
  });

  it('shares one refresh among 5 concurrent calls, and all 5 resolve (F-05 3)', async () => {
    server = await startStubServer({
      'notes.list': listWithAccess(NEW.access),
      'auth.refresh': rotatingRefresh([NEW], 50),
    });
    const store = createMemoryTokenStore(OLD);
    const client = createNotesClient({ url: server.url, store });

    const pages = await Promise.all(Array.from({ length: 5 }, () => client.notes.list.query({})));

    expect(pages).toEqual(Array.from({ length: 5 }, () => PAGE));
    expect(server.count('auth.refresh')).toBe(1);
    expect(server.count('notes.list')).toBe(10);
    expect(store.get()).toEqual(NEW);
  });

  it('retries with the fresher token, without refreshing, when another call refreshed meanwhile', async () => {
    const store = createMemoryTokenStore(OLD);
    server = await startStubServer({
      'notes.list': (request) => {
        if (request.authorization === `Bearer ${NEW.access}`) return ok(PAGE);
        store.set(NEW);

        return unauthorized('notes.list');
      },
      'auth.refresh': () => ok(NEW),
    });
    const client = createNotesClient({ url: server.url, store });

    await expect(client.notes.list.query({})).resolves.toEqual(PAGE);
    expect(server.count('auth.refresh')).toBe(0);
    expect(server.count('notes.list')).toBe(2);
  });

  it('shares one refresh between two clients on one store, and both resolve (F-04 3)', async () => {
    server = await startStubServer({
      'notes.list': listWithAccess(NEW.access),
      'auth.refresh': rotatingRefresh([NEW], 50),
    });
    const store = createMemoryTokenStore(OLD);
    const tabA = createNotesClient({ url: server.url, store });
    const tabB = createNotesClient({ url: server.url, store });

    const pages = await Promise.all([tabA.notes.list.query({}), tabB.notes.list.query({})]);

    expect(pages).toEqual([PAGE, PAGE]);
    expect(server.count('auth.refresh')).toBe(1);
    expect(store.get()).toEqual(NEW);
  });

  it("keeps the winner's tokens when two stores over one localStorage race and the loser is refused", async () => {
    let refreshes = 0;
    const rotate = rotatingRefresh([NEW]);
    server = await startStubServer({
      'notes.list': listWithAccess(NEW.access),
      // The first refresh wins the rotation and answers first; the second is refused later.
      'auth.refresh': async (request) => {
        const arrival = refreshes++;
        const answer = await rotate(request);
        await delay(arrival === 0 ? 0 : 100);

        return answer;
      },
    });
    const storage = new FakeStorage();
    storage.setItem('scoped-notes.tokens', JSON.stringify(OLD));
    const tabA = createNotesClient({
      url: server.url,
      store: createLocalStorageTokenStore({ storage }),
    });
    const tabB = createNotesClient({
      url: server.url,
      store: createLocalStorageTokenStore({ storage }),
    });

    const pages = await Promise.all([tabA.notes.list.query({}), tabB.notes.list.query({})]);

    expect(pages).toEqual([PAGE, PAGE]);
    expect(server.count('auth.refresh')).toBe(2);
    expect(JSON.parse(storage.getItem('scoped-notes.tokens') ?? 'null')).toEqual(NEW);
  });

  it('does not refresh when the retry after a refresh fails again', async () => {
    server = await startStubServer({
      'notes.list': () => unauthorized('notes.list'),
      'auth.refresh': rotatingRefresh([NEW, { access: 'access-2', refresh: 'refresh-2' }]),
    });
    const client = createNotesClient({ url: server.url, store: createMemoryTokenStore(OLD) });

    await rejectionOf(client.notes.list.query({}));
    await rejectionOf(client.notes.list.query({}));

    // Each call refreshes at most once, so two calls make at most two refreshes.
    expect(server.count('auth.refresh')).toBe(2);
    expect(server.count('notes.list')).toBe(4);
  });

  it('sends no retry for a call aborted while the refresh runs, and still keeps the new tokens', async () => {
    server = await startStubServer({
      'notes.list': listWithAccess(NEW.access),
      'auth.refresh': rotatingRefresh([NEW], 100),
    });
    const store = createMemoryTokenStore(OLD);
    const client = createNotesClient({ url: server.url, store });
    const controller = new AbortController();

    const call = rejectionOf(client.notes.list.query({}, { signal: controller.signal }));
    await until(() => server?.count('auth.refresh') === 1);
    controller.abort();
    const error = await call;

    expect(errorCode(error)).toBeNull();
    expect(server.count('notes.list')).toBe(1);
    expect(server.count('auth.refresh')).toBe(1);
    expect(store.get()).toEqual(NEW);
  });

  it('makes no refresh call when no one is logged in', async () => {
    server = await startStubServer({
      'notes.list': () => unauthorized('notes.list'),
      'auth.refresh': () => ok(NEW),
    });
    const client = createNotesClient({ url: server.url });

    const error = await rejectionOf(client.notes.list.query({}));

    expect(errorCode(error)).toBe('UNAUTHORIZED');
    expect(server.requests.map((r) => [r.path, r.authorization])).toEqual([
      ['notes.list', undefined],
    ]);
  });

  it.each(['auth.login', 'auth.register', 'auth.logout'] as const)(
    'does not refresh when %s answers UNAUTHORIZED',
    async (path) => {
      server = await startStubServer({
        [path]: () => unauthorized(path),
        'auth.refresh': () => ok(NEW),
      });
      const store = createMemoryTokenStore(OLD);
      const client = createNotesClient({ url: server.url, store });
      const call = {
        'auth.login': () =>
          client.auth.login.mutate({ username: 'ada', password: 'wrong password' }),
        'auth.register': () =>
          client.auth.register.mutate({ username: 'ada', password: 'long enough' }),
        'auth.logout': () => client.auth.logout.mutate({ refresh: OLD.refresh }),
      }[path];

      const error = await rejectionOf(call());

      expect(errorCode(error)).toBe('UNAUTHORIZED');
      expect(server.count('auth.refresh')).toBe(0);
      expect(store.get()).toEqual(OLD);
    },
  );
});

describe('Authorization header', () => {
  let server: StubServer | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('carries the stored access token, read on every request (F-05 5)', async () => {
    server = await startStubServer({ 'notes.list': () => ok(PAGE) });
    const store = createMemoryTokenStore(OLD);
    const client = createNotesClient({ url: server.url, store });

    await client.notes.list.query({});
    store.set(NEW);
    await client.notes.list.query({});

    expect(server.requests.map((r) => r.authorization)).toEqual([
      'Bearer access-0',
      'Bearer access-1',
    ]);
  });

  it('lets an explicit header win over the stored token, and then does not refresh (F-05 5)', async () => {
    server = await startStubServer({
      'notes.list': () => unauthorized('notes.list'),
      'auth.refresh': () => ok(NEW),
    });
    const store = createMemoryTokenStore(OLD);
    const client = createNotesClient({
      url: server.url,
      store,
      headers: { Authorization: 'Bearer explicit', 'x-client': 'test-suite' },
    });

    const error = await rejectionOf(client.notes.list.query({}));

    expect(errorCode(error)).toBe('UNAUTHORIZED');
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.authorization).toBe('Bearer explicit');
    expect(server.requests[0]?.headers['x-client']).toBe('test-suite');
    expect(store.get()).toEqual(OLD);
  });

  it('sends headers from a function, computed per request, beside the stored token', async () => {
    server = await startStubServer({ 'notes.list': () => ok(PAGE) });
    let calls = 0;
    const client = createNotesClient({
      url: `${server.url}/trpc/`,
      store: createMemoryTokenStore(OLD),
      headers: async () => ({ 'x-request-number': String(++calls) }),
    });

    await client.notes.list.query({});
    await client.notes.list.query({});

    expect(server.requests.map((r) => r.headers['x-request-number'])).toEqual(['1', '2']);
    expect(server.requests.map((r) => r.authorization)).toEqual([
      'Bearer access-0',
      'Bearer access-0',
    ]);
  });
});
