import type { Note } from '@scoped-notes/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { startTestServer, type TestServer, type TestUser } from './support/test-server';
import { bearer, expectFieldError, wireMutation, wireQuery, type WireResponse } from './support/trpc-wire';

// JSON objects holding MongoDB operators where a string or number belongs never
// reach a query: each is BAD_REQUEST naming the field, with no tokens and no notes (F-13).

let server: TestServer;
let alice: TestUser;
let bob: TestUser;
let aliceNote: Note;

beforeAll(async () => {
  server = await startTestServer();
  [alice, bob] = await Promise.all([server.registerAndLogin('alice'), server.registerAndLogin('bob')]);
  aliceNote = await alice.client.notes.create.mutate({ title: 'Target', body: 'do not leak' });
});

afterAll(() => server.close());

function expectRefused(answer: WireResponse, field: string): void {
  expectFieldError(answer, field);
  expect(answer.text).not.toContain('"access"');
  expect(answer.text).not.toContain('"refresh":"ey');
  expect(answer.text).not.toContain(aliceNote.id);
  expect(answer.text).not.toContain('do not leak');
}

describe('public procedures', () => {
  test.each([
    ['username', { username: { $gt: '' }, password: { $gt: '' } }],
    ['username', { username: { $regex: '^a' }, password: 'x' }],
    ['username', { username: { $ne: null }, password: 'x' }],
    ['password', { username: 'alice', password: { $ne: 'x' } }],
    ['username', { username: ['alice'], password: 'x' }],
  ])('auth.login: %s in %j is BAD_REQUEST', async (field, input) => {
    expectRefused(await wireMutation(server.url, 'auth.login', input), field);
  });

  test.each([
    ['username', { username: { $gt: '' }, password: 'long enough password' }],
    ['email', { username: 'injector', email: { $ne: null }, password: 'long enough password' }],
  ])('auth.register: %s in %j is BAD_REQUEST', async (field, input) => {
    expectRefused(await wireMutation(server.url, 'auth.register', input), field);
  });

  test.each([{ $ne: '' }, { $gt: '' }, ['token']])('auth.refresh and auth.logout: refresh %j is BAD_REQUEST', async (refresh) => {
    expectRefused(await wireMutation(server.url, 'auth.refresh', { refresh }), 'refresh');
    expectRefused(await wireMutation(server.url, 'auth.logout', { refresh }), 'refresh');
  });
});

describe('notes procedures, as another user', () => {
  const asBob = () => bearer(bob.tokens().access);

  test.each([{ $ne: null }, { $gt: '' }, { $in: ['x'] }])('id %j is BAD_REQUEST for get, update and delete', async (id) => {
    expectRefused(await wireQuery(server.url, 'notes.get', { id }, asBob()), 'id');
    expectRefused(await wireMutation(server.url, 'notes.update', { id, title: 'mine' }, asBob()), 'id');
    expectRefused(await wireMutation(server.url, 'notes.delete', { id }, asBob()), 'id');
  });

  test.each([
    ['cursor', { cursor: { $gt: '' } }],
    ['limit', { limit: { $gt: 0 } }],
    ['owner', { owner: { $ne: null } }],
    ['tags.0', { tags: [{ $ne: 'x' }] }],
  ])('notes.list: %s in %j is BAD_REQUEST', async (field, input) => {
    expectRefused(await wireQuery(server.url, 'notes.list', input, asBob()), field);
  });

  test.each([
    ['title', { title: { $gt: '' }, body: '' }],
    ['body', { title: 'x', body: { $set: { owner: 'bob' } } }],
  ])('notes.create: %s in %j is BAD_REQUEST', async (field, input) => {
    expectRefused(await wireMutation(server.url, 'notes.create', input, asBob()), field);
  });

  test('alice\'s note is untouched and bob still sees none of hers', async () => {
    await expect(alice.client.notes.get.query({ id: aliceNote.id })).resolves.toEqual(aliceNote);
    await expect(bob.client.notes.list.query()).resolves.toEqual({ items: [], nextCursor: null });
  });
});
