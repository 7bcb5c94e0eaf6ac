import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { expectRestError, restCaller, type RestCall } from './support/rest-calls';
import { startTestServer, TEST_PASSWORD, uniqueUsername, type TestServer } from './support/test-server';

// The reference tutorial's flow, over REST with plain fetch: no SDK anywhere.

const UNKNOWN_ID = '0123456789abcdef01234567';

type Account = { username: string; access: string; refresh: string; id: string };

describe('the reference walkthrough over REST', () => {
  let server: TestServer;
  let call: RestCall;

  beforeAll(async () => {
    server = await startTestServer();
    call = restCaller(server.url);
  });

  afterAll(async () => {
    await server.close();
  });

  async function signUp(name: string): Promise<Account> {
    const username = uniqueUsername(name);

    const registered = await call('POST', '/api/register/', { body: { username, password: TEST_PASSWORD } });
    expect(registered.status, registered.text).toBe(201);
    expect(registered.body).toEqual({ id: expect.any(String), username, email: null });

    const token = await call('POST', '/api/token/', { body: { username, password: TEST_PASSWORD } });
    expect(token.status, token.text).toBe(200);
    expect(token.body).toEqual({ access: expect.any(String), refresh: expect.any(String), user: registered.body });

    return { username, access: token.body.access, refresh: token.body.refresh, id: registered.body.id };
  }

  it('registers, logs in, creates, lists, reads, replaces, patches and deletes a note', async () => {
    const alice = await signUp('alice');

    const me = await call('GET', '/api/me/', { token: alice.access });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ id: alice.id, username: alice.username, email: null });

    const created = await call('POST', '/api/notes/', { token: alice.access, body: { title: 'Groceries', body: 'milk' } });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ title: 'Groceries', body: 'milk', owner: alice.username });
    const noteId: string = created.body.id;

    const listed = await call('GET', '/api/notes/', { token: alice.access });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({ items: [created.body], nextCursor: null });

    const read = await call('GET', `/api/notes/${noteId}/`, { token: alice.access });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);

    const replaced = await call('PUT', `/api/notes/${noteId}/`, {
      token: alice.access,
      body: { title: 'Groceries for Saturday', body: 'oat milk' },
    });
    expect(replaced.status, replaced.text).toBe(200);
    expect(replaced.body).toMatchObject({ id: noteId, title: 'Groceries for Saturday', body: 'oat milk' });
    expect(replaced.body.createdAt).toBe(created.body.createdAt);

    const patched = await call('PATCH', `/api/notes/${noteId}/`, { token: alice.access, body: { body: 'oat milk, rye' } });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).toMatchObject({ id: noteId, title: 'Groceries for Saturday', body: 'oat milk, rye' });

    const deleted = await call('DELETE', `/api/notes/${noteId}/`, { token: alice.access });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');

    expectRestError(await call('GET', `/api/notes/${noteId}/`, { token: alice.access }), { status: 404, code: 'NOT_FOUND' });
    expect((await call('GET', '/api/notes/', { token: alice.access })).body.items).toEqual([]);
  });

  it("keeps a second user out of the first user's notes, indistinguishably from a missing note", async () => {
    const alice = await signUp('alice');
    const bob = await signUp('bob');
    const created = await call('POST', '/api/notes/', { token: alice.access, body: { title: 'Private', body: 'mine' } });
    const noteId: string = created.body.id;

    const bobsList = await call('GET', '/api/notes/', { token: bob.access });
    expect(bobsList.status).toBe(200);
    expect(bobsList.body).toEqual({ items: [], nextCursor: null });

    const attempts: Array<[string, unknown]> = [
      ['GET', undefined],
      ['PUT', { title: 'Taken', body: 'over' }],
      ['PATCH', { title: 'Taken' }],
      ['DELETE', undefined],
    ];
    for (const [method, body] of attempts) {
      // One request id for both, so the bodies can be compared byte for byte.
      const headers = { 'X-Request-Id': `scoping-${method}` };
      const foreign = await call(method, `/api/notes/${noteId}/`, { token: bob.access, body, headers });
      const unknown = await call(method, `/api/notes/${UNKNOWN_ID}/`, { token: bob.access, body, headers });

      expectRestError(foreign, { status: 404, code: 'NOT_FOUND' });
      expect(foreign.text, method).toBe(unknown.text);
    }

    const afterwards = await call('GET', `/api/notes/${noteId}/`, { token: alice.access });
    expect(afterwards.status).toBe(200);
    expect(afterwards.body).toEqual(created.body);
  });

  it('trades a refresh token for a new pair that works, and the used one no longer does', async () => {
    const alice = await signUp('alice');

    const refreshed = await call('POST', '/api/token/refresh/', { body: { refresh: alice.refresh } });
    expect(refreshed.status, refreshed.text).toBe(200);
    expect(refreshed.body).toEqual({ access: expect.any(String), refresh: expect.any(String) });
    expect(refreshed.body.refresh).not.toBe(alice.refresh);

    const me = await call('GET', '/api/me/', { token: refreshed.body.access });
    expect(me.status).toBe(200);
    expect(me.body.username).toBe(alice.username);

    const next = await call('POST', '/api/token/refresh/', { body: { refresh: refreshed.body.refresh } });
    expect(next.status, next.text).toBe(200);
  });

  it('answers every path with and without the trailing slash', async () => {
    const alice = await signUp('alice');

    const created = await call('POST', '/api/notes', { token: alice.access, body: { title: 'No slash' } });
    expect(created.status, created.text).toBe(201);
    expect(created.body.body).toBe('');

    for (const path of ['/api/notes', '/api/notes/', `/api/notes/${created.body.id}`, `/api/notes/${created.body.id}/`, '/api/me', '/api/me/']) {
      expect((await call('GET', path, { token: alice.access })).status, path).toBe(200);
    }

    const again = await call('POST', '/api/token', { body: { username: alice.username, password: TEST_PASSWORD } });
    expect(again.status).toBe(200);
    const refreshed = await call('POST', '/api/token/refresh', { body: { refresh: again.body.refresh } });
    expect(refreshed.status).toBe(200);
  });

  it('pages the list with the limit and cursor query parameters', async () => {
    const alice = await signUp('alice');
    for (const title of ['one', 'two', 'three']) {
      expect((await call('POST', '/api/notes/', { token: alice.access, body: { title } })).status).toBe(201);
    }

    const first = await call('GET', '/api/notes/?limit=2', { token: alice.access });
    expect(first.status, first.text).toBe(200);
    expect(first.body.items.map((note: { title: string }) => note.title)).toEqual(['three', 'two']);

    const cursor = encodeURIComponent(first.body.nextCursor);
    const second = await call('GET', `/api/notes/?limit=2&cursor=${cursor}`, { token: alice.access });
    expect(second.body.items.map((note: { title: string }) => note.title)).toEqual(['one']);
    expect(second.body.nextCursor).toBeNull();
  });
});
