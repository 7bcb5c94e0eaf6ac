import type { Note } from '@scoped-notes/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { expectRejection } from './support/sdk-errors';
import { startTestServer, type TestServer, type TestUser } from './support/test-server';
import { bearer, comparableError, expectWireError, wireMutation, wireQuery, type WireResponse } from './support/trpc-wire';

// Each user sees only their own notes, for every verb, in both directions; and an
// id the caller does not own answers exactly as an id that does not exist.

const UNKNOWN_ID = 'fedcba9876543210fedcba98';
const MALFORMED_IDS = ['not-an-id', '123', `${UNKNOWN_ID}00`, 'zzzzzzzzzzzzzzzzzzzzzzzz'];

let server: TestServer;
let alice: TestUser;
let bob: TestUser;
let aliceNote: Note;
let bobNote: Note;
let deletedId: string;

beforeAll(async () => {
  server = await startTestServer();
  [alice, bob] = await Promise.all([server.registerAndLogin('alice'), server.registerAndLogin('bob')]);

  aliceNote = await alice.client.notes.create.mutate({ title: "Alice's plans", body: 'secret' });
  bobNote = await bob.client.notes.create.mutate({ title: "Bob's plans", body: 'also secret' });

  const doomed = await bob.client.notes.create.mutate({ title: 'to delete', body: '' });
  await bob.client.notes.delete.mutate({ id: doomed.id });
  deletedId = doomed.id;
});

afterAll(() => server.close());

type Verb = 'get' | 'update' | 'delete';

/** One verb on a note id, sent raw so the whole answer can be compared. */
function attempt(verb: Verb, as: TestUser, id: string): Promise<WireResponse> {
  const headers = bearer(as.tokens().access);

  if (verb === 'get') return wireQuery(server.url, 'notes.get', { id }, headers);
  if (verb === 'update') return wireMutation(server.url, 'notes.update', { id, title: 'taken over', body: 'overwritten' }, headers);

  return wireMutation(server.url, 'notes.delete', { id }, headers);
}

describe.each(['get', 'update', 'delete'] as const)('notes.%s on a note that is not the caller\'s', (verb) => {
  test('bob gets NOT_FOUND for alice\'s note, answered exactly as a never-used, a malformed and a deleted id', async () => {
    const foreign = await attempt(verb, bob, aliceNote.id);
    const never = await attempt(verb, bob, UNKNOWN_ID);
    const deleted = await attempt(verb, bob, deletedId);

    expect(expectWireError(foreign, 'NOT_FOUND').message).toBe('Note not found');
    expectWireError(never, 'NOT_FOUND');
    expectWireError(deleted, 'NOT_FOUND');
    expect(comparableError(foreign.error)).toEqual(comparableError(never.error));
    expect(comparableError(foreign.error)).toEqual(comparableError(deleted.error));

    for (const id of MALFORMED_IDS) {
      const malformed = await attempt(verb, bob, id);
      expectWireError(malformed, 'NOT_FOUND');
      expect(comparableError(malformed.error)).toEqual(comparableError(foreign.error));
    }
  });

  test('alice gets NOT_FOUND for bob\'s note, answered exactly as a never-used id', async () => {
    const foreign = await attempt(verb, alice, bobNote.id);
    const never = await attempt(verb, alice, UNKNOWN_ID);

    expectWireError(foreign, 'NOT_FOUND');
    expect(comparableError(foreign.error)).toEqual(comparableError(never.error));
  });

  test('through the SDK too', async () => {
    const call =
      verb === 'get'
        ? bob.client.notes.get.query({ id: aliceNote.id })
        : verb === 'update'
          ? bob.client.notes.update.mutate({ id: aliceNote.id, title: 'mine now' })
          : bob.client.notes.delete.mutate({ id: aliceNote.id });

    await expectRejection(call, 'NOT_FOUND');
  });

  test('each owner\'s note is unchanged afterwards', async () => {
    await expect(alice.client.notes.get.query({ id: aliceNote.id })).resolves.toEqual(aliceNote);
    await expect(bob.client.notes.get.query({ id: bobNote.id })).resolves.toEqual(bobNote);
  });
});

describe('notes.list', () => {
  test('bob\'s list holds only bob\'s note, and alice\'s only hers', async () => {
    const bobsList = await bob.client.notes.list.query({ limit: 100 });
    const alicesList = await alice.client.notes.list.query({ limit: 100 });

    expect(bobsList).toEqual({ items: [bobNote], nextCursor: null });
    expect(alicesList).toEqual({ items: [aliceNote], nextCursor: null });
  });

  test('a user with no notes sees an empty list, not anyone else\'s', async () => {
    const { client } = await server.registerAndLogin('carol');

    await expect(client.notes.list.query()).resolves.toEqual({ items: [], nextCursor: null });
  });
});

describe('an id in upper case', () => {
  test('still does not reach alice\'s note for bob', async () => {
    const shouted = aliceNote.id.toUpperCase();

    expectWireError(await attempt('get', bob, shouted), 'NOT_FOUND');
    expectWireError(await attempt('delete', bob, shouted), 'NOT_FOUND');
    await expect(alice.client.notes.get.query({ id: aliceNote.id })).resolves.toEqual(aliceNote);
  });
});
