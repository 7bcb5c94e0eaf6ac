import type { Note } from '@scoped-notes/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { expectRejection } from './support/sdk-errors';
import { startTestServer, type TestServer, type TestUser } from './support/test-server';
import { bearer, expectFieldError, wireMutation } from './support/trpc-wire';

// Keys a caller must not set (owner, ids, timestamps, version) are refused by name
// in create and update, and the note stays exactly as it was (F-12).

const UNKNOWN_ID = '0123456789abcdef01234567';

let server: TestServer;
let alice: TestUser;
let bob: TestUser;
let note: Note;

beforeAll(async () => {
  server = await startTestServer();
  [alice, bob] = await Promise.all([server.registerAndLogin('alice'), server.registerAndLogin('bob')]);
  note = await alice.client.notes.create.mutate({ title: 'Original', body: 'original body' });
});

afterAll(() => server.close());

/** A value an attacker would send for `key`: bob's name, a foreign id, an old date. */
function hostileValue(key: string): unknown {
  if (key === 'owner') return bob.username;
  if (key === '$set') return { owner: bob.username };
  if (key.endsWith('At')) return '2000-01-01T00:00:00.000Z';
  if (key === 'version' || key === '__v') return 99;

  return UNKNOWN_ID;
}

describe('notes.update', () => {
  test.each(['owner', '_id', 'createdAt', 'updatedAt', 'version', '__v', '$set'])(
    'BAD_REQUEST naming %s, and the note is untouched',
    async (key) => {
      const answer = await wireMutation(
        server.url,
        'notes.update',
        { id: note.id, title: 'Hijacked', [key]: hostileValue(key) },
        bearer(alice.tokens().access),
      );

      expectFieldError(answer, key);
      await expect(alice.client.notes.get.query({ id: note.id })).resolves.toEqual(note);
    },
  );

  test('the whole F-12 payload at once is refused and changes nothing', async () => {
    const answer = await wireMutation(
      server.url,
      'notes.update',
      { id: note.id, title: 't2', owner: bob.username, createdAt: '2000-01-01T00:00:00Z', _id: UNKNOWN_ID, version: 99 },
      bearer(alice.tokens().access),
    );

    const error = expectFieldError(answer, 'owner');
    expect(Object.keys(error.data.fields ?? {}).sort()).toEqual(['_id', 'createdAt', 'owner', 'version']);
    await expect(alice.client.notes.get.query({ id: note.id })).resolves.toEqual(note);
    await expect(bob.client.notes.list.query()).resolves.toEqual({ items: [], nextCursor: null });
  });
});

describe('notes.create', () => {
  test.each(['owner', 'id', '_id', 'createdAt', 'updatedAt', 'version'])(
    'BAD_REQUEST naming %s, and no note is created',
    async (key) => {
      const answer = await wireMutation(
        server.url,
        'notes.create',
        { title: 'Planted', body: '', [key]: hostileValue(key) },
        bearer(alice.tokens().access),
      );

      expectFieldError(answer, key);
      const titles = (await alice.client.notes.list.query({ limit: 100 })).items.map((each) => each.title);
      expect(titles).not.toContain('Planted');
      await expect(bob.client.notes.list.query()).resolves.toEqual({ items: [], nextCursor: null });
    },
  );

  test('without the extra key the same note is created, owned by the caller', async () => {
    const created = await alice.client.notes.create.mutate({ title: 'Planted', body: '' });

    expect(created.owner).toBe(alice.username);
    await expectRejection(bob.client.notes.get.query({ id: created.id }), 'NOT_FOUND');
  });
});
