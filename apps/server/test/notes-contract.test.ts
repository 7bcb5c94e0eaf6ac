import { setTimeout as sleep } from 'node:timers/promises';

import type { Note } from '@scoped-notes/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { expectRejection } from './support/sdk-errors';
import { startTestServer, type TestServer, type TestUser } from './support/test-server';
import { bearer, expectFieldError, wireMutation } from './support/trpc-wire';

// The notes rows of issue 2's contract table, for one user, through the SDK over HTTP.

const NOTE_KEYS = ['body', 'createdAt', 'id', 'owner', 'tags', 'title', 'updatedAt', 'version'];
const UNKNOWN_ID = '0123456789abcdef01234567';

let server: TestServer;
let alice: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  alice = await server.registerAndLogin('alice');
});

afterAll(() => server.close());

function expectIsoDate(value: string): void {
  expect(new Date(value).toISOString()).toBe(value);
}

describe('notes.create', () => {
  test('returns the note with the caller as owner and ISO-8601 dates', async () => {
    const note = await alice.client.notes.create.mutate({ title: 'Groceries', body: 'milk, eggs' });

    expect(Object.keys(note).sort()).toEqual(NOTE_KEYS);
    expect(note).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{24}$/), owner: alice.username, title: 'Groceries', body: 'milk, eggs' });
    expectIsoDate(note.createdAt);
    expectIsoDate(note.updatedAt);
    expect(note.updatedAt).toBe(note.createdAt);
  });

  test('body defaults to the empty string and the title is trimmed', async () => {
    const note = await alice.client.notes.create.mutate({ title: '  padded  ' });

    expect(note).toMatchObject({ title: 'padded', body: '' });
  });

  test('BAD_REQUEST naming title when it is missing, and naming body when it is not a string', async () => {
    const headers = bearer(alice.tokens().access);

    expectFieldError(await wireMutation(server.url, 'notes.create', { body: 'no title' }, headers), 'title');
    expectFieldError(await wireMutation(server.url, 'notes.create', { title: 't', body: 42 }, headers), 'body');
  });
});

describe('notes.get', () => {
  test('returns the note exactly as created', async () => {
    const created = await alice.client.notes.create.mutate({ title: 'Read me', body: 'again' });

    await expect(alice.client.notes.get.query({ id: created.id })).resolves.toEqual(created);
  });

  test('NOT_FOUND for an id that was never used', async () => {
    const error = await expectRejection(alice.client.notes.get.query({ id: UNKNOWN_ID }), 'NOT_FOUND');

    expect(error.message).toBe('Note not found');
    expect(error.data?.httpStatus).toBe(404);
  });
});

describe('notes.update', () => {
  let note: Note;

  beforeAll(async () => {
    note = await alice.client.notes.create.mutate({ title: 'Draft', body: 'first body' });
  });

  test('changes only the title when only the title is given, and moves updatedAt', async () => {
    await sleep(5);

    const updated = await alice.client.notes.update.mutate({ id: note.id, title: 'Second draft' });

    expect(updated).toMatchObject({ id: note.id, owner: alice.username, title: 'Second draft', body: 'first body', createdAt: note.createdAt });
    expect(Date.parse(updated.updatedAt)).toBeGreaterThan(Date.parse(note.updatedAt));
    await expect(alice.client.notes.get.query({ id: note.id })).resolves.toEqual(updated);
  });

  test('changes only the body when only the body is given', async () => {
    const before = await alice.client.notes.get.query({ id: note.id });

    const updated = await alice.client.notes.update.mutate({ id: note.id, body: 'second body' });

    expect(updated).toMatchObject({ title: before.title, body: 'second body', createdAt: note.createdAt });
  });

  test('changes both at once', async () => {
    const updated = await alice.client.notes.update.mutate({ id: note.id, title: 'Final', body: '' });

    expect(updated).toMatchObject({ title: 'Final', body: '' });
  });

  test('with no changes returns the note untouched', async () => {
    const before = await alice.client.notes.get.query({ id: note.id });

    await expect(alice.client.notes.update.mutate({ id: note.id })).resolves.toEqual(before);
  });

  test('NOT_FOUND for an id that was never used', async () => {
    await expectRejection(alice.client.notes.update.mutate({ id: UNKNOWN_ID, title: 'x' }), 'NOT_FOUND');
  });

  test('BAD_REQUEST naming id when it is missing', async () => {
    expectFieldError(await wireMutation(server.url, 'notes.update', { title: 'x' }, bearer(alice.tokens().access)), 'id');
  });
});

describe('notes.delete', () => {
  test('returns { id }, and the note is gone for get, update and delete', async () => {
    const note = await alice.client.notes.create.mutate({ title: 'Short-lived', body: '' });

    await expect(alice.client.notes.delete.mutate({ id: note.id })).resolves.toEqual({ id: note.id });

    await expectRejection(alice.client.notes.get.query({ id: note.id }), 'NOT_FOUND');
    await expectRejection(alice.client.notes.update.mutate({ id: note.id, title: 'back?' }), 'NOT_FOUND');
    await expectRejection(alice.client.notes.delete.mutate({ id: note.id }), 'NOT_FOUND');
  });

  test('NOT_FOUND for an id that was never used', async () => {
    await expectRejection(alice.client.notes.delete.mutate({ id: UNKNOWN_ID }), 'NOT_FOUND');
  });
});

describe('notes.list', () => {
  test('returns { items, nextCursor } newest first, and a deleted note is not in it', async () => {
    const { client } = await server.registerAndLogin('lister');
    const titles = ['one', 'two', 'three', 'four'];
    const created: Note[] = [];
    for (const title of titles) created.push(await client.notes.create.mutate({ title, body: '' }));
    await client.notes.delete.mutate({ id: created[1]?.id ?? '' });

    const page = await client.notes.list.query();

    expect(Object.keys(page).sort()).toEqual(['items', 'nextCursor']);
    expect(page.items.map((each) => each.title)).toEqual(['four', 'three', 'one']);
    expect(page.items[0]).toEqual(created[3]);
    expect(page.nextCursor).toBeNull();
  });

  test('is empty for a user with no notes', async () => {
    const { client } = await server.registerAndLogin('empty');

    await expect(client.notes.list.query({})).resolves.toEqual({ items: [], nextCursor: null });
  });
});
