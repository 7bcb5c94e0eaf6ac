import { notePages, type Note, type NoteListFilter, type NotePage } from '@scoped-notes/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { cursorPosition, forgeCursor } from './support/forged-cursors';
import { expectEachSeenOnce, expectNewestFirst, walkWhileChanging } from './support/note-walks';
import { expectRestError, restCaller } from './support/rest-calls';
import { startTestServer, type TestServer, type TestUser } from './support/test-server';
import { bearer, expectFieldError, expectWireError, wireQuery, type WireResponse } from './support/trpc-wire';

// Cursor pagination over 250 notes made and edited in parallel through the API,
// walked by both sorts with limits 1, 7 and 100 while notes are created and deleted
// between pages: every note that existed for the whole walk is seen exactly once, in
// order, and none twice. Then every way to misuse a cursor is BAD_REQUEST.

const NOTES = 250;
const SORTS = ['updated', 'created'] as const;
const LIMITS = [1, 7, 100];

let server: TestServer;
let walker: TestUser;
let stranger: TestUser;
/** walker's notes that exist now, by id. */
const alive = new Map<string, Note>();

beforeAll(async () => {
  server = await startTestServer();
  [walker, stranger] = await Promise.all([server.registerAndLogin('walker'), server.registerAndLogin('stranger')]);

  // All at once, as a busy client would; the equal-times file makes exact ties.
  const created = await Promise.all(
    Array.from({ length: NOTES }, (_, index) =>
      walker.client.notes.create.mutate({ title: `note ${index}`, tags: index % 2 === 0 ? ['even'] : ['odd'] }),
    ),
  );
  // A third of them edited, also at once, so the two sorts differ.
  const edited = await Promise.all(
    created.filter((_, index) => index % 3 === 0).map((note) => walker.client.notes.update.mutate({ id: note.id, body: 'edited' })),
  );
  for (const note of [...created, ...edited]) alive.set(note.id, note);

  await stranger.client.notes.create.mutate({ title: 'not the walker\'s', tags: ['even'] });
}, 120_000);

afterAll(() => server.close());

describe.each(SORTS)('walking by %s', (sort) => {
  test.each(LIMITS)('limit %i: every note that existed throughout is seen once, in order, despite changes between pages', async (limit) => {
    expectEachSeenOnce(await walkWhileChanging(walker, sort, limit, alive), sort);
  });
});

describe('walking with filters', () => {
  test.each(SORTS)('by tag and search, %s: exactly the matching notes, once each', async (sort) => {
    const filter: NoteListFilter = { sort, tags: ['even'], search: 'NOTE 1', limit: 7 };
    const expected = [...alive.values()]
      .filter((note) => note.tags.includes('even') && note.title.toLowerCase().includes('note 1'))
      .map((note) => note.id)
      .sort();

    const seen: Note[] = [];
    for await (const page of notePages(walker.client, filter)) seen.push(...page.items);

    expect(seen.map((note) => note.id).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(10);
    expectNewestFirst(seen, sort);
  });
});

describe('cursor misuse is BAD_REQUEST, never a 500', () => {
  const list = (as: TestUser, input: unknown): Promise<WireResponse> =>
    wireQuery(server.url, 'notes.list', input, bearer(as.tokens().access));

  function expectInvalidCursor(answer: WireResponse): void {
    expect(expectWireError(answer, 'BAD_REQUEST').message).toBe('Invalid cursor: start again from the first page');
  }

  async function cursorFor(input: Record<string, unknown>): Promise<string> {
    const page = (await walker.client.notes.list.query({ limit: 3, ...input })) as NotePage;
    expect(page.nextCursor).not.toBeNull();

    return page.nextCursor as string;
  }

  test('used by another user', async () => {
    const cursor = await cursorFor({ sort: 'created' });

    expectInvalidCursor(await list(stranger, { limit: 3, sort: 'created', cursor }));
  });

  test('used with the other sort', async () => {
    expectInvalidCursor(await list(walker, { limit: 3, sort: 'created', cursor: await cursorFor({ sort: 'updated' }) }));
    expectInvalidCursor(await list(walker, { limit: 3, cursor: await cursorFor({ sort: 'created' }) }));
  });

  test('used with another filter, or none', async () => {
    const tagged = await cursorFor({ tags: ['even'] });
    const searched = await cursorFor({ search: 'note' });

    expectInvalidCursor(await list(walker, { limit: 3, cursor: tagged }));
    expectInvalidCursor(await list(walker, { limit: 3, tags: ['odd'], cursor: tagged }));
    expectInvalidCursor(await list(walker, { limit: 3, tags: ['even', 'odd'], cursor: tagged }));
    expectInvalidCursor(await list(walker, { limit: 3, search: 'note', cursor: tagged }));
    expectInvalidCursor(await list(walker, { limit: 3, cursor: searched }));
    expectInvalidCursor(await list(walker, { limit: 3, search: 'Note', cursor: searched }));
    expectInvalidCursor(await list(walker, { limit: 3, search: 'note ', cursor: searched }));
  });

  test('the same filter spelled another way is the same filter; another limit is fine', async () => {
    const cursor = await cursorFor({ tags: ['even', 'EVEN'], search: 'note' });

    for (const input of [
      { tags: ['even'], search: 'note' },
      { tags: [' Even ', 'ｅｖｅｎ'], search: 'note', limit: 50 },
    ]) {
      const answer = await list(walker, { limit: 3, ...input, cursor });
      expect(answer.status, answer.text).toBe(200);
    }
  });

  test('every one-character change of a filtered, created-sorted cursor', async () => {
    const input = { sort: 'created', tags: ['even'], search: 'note' };
    const cursor = await cursorFor(input);

    for (let index = 0; index < cursor.length; index += 1) {
      const replacement = cursor[index] === 'A' ? 'B' : 'A';
      const changed = `${cursor.slice(0, index)}${replacement}${cursor.slice(index + 1)}`;

      expectInvalidCursor(await list(walker, { limit: 3, ...input, cursor: changed }));
    }
  });

  test.each([
    ['garbage', 'not a cursor'],
    ['a dot alone', '.'],
    ['two dots', 'a.b.c'],
    ['no signature', 'eyJrIjoxLCJpIjoiMCJ9'],
    ['non-base64 characters', '!!!.???'],
  ])('%s', async (_, cursor) => {
    expectInvalidCursor(await list(walker, { limit: 3, cursor }));
  });

  test('an empty cursor is no cursor: the first page', async () => {
    const first = await list(walker, { limit: 3, sort: 'created' });
    const empty = await list(walker, { limit: 3, sort: 'created', cursor: '' });

    expect(empty.status, empty.text).toBe(200);
    expect(empty.data).toEqual(first.data);
  });

  test('signed with another secret', async () => {
    const position = cursorPosition(await cursorFor({}));

    expectInvalidCursor(await list(walker, { limit: 3, cursor: forgeCursor(position, { userId: walker.user.id }, 'another secret') }));
  });

  test('signed right but holding no position', async () => {
    for (const position of [null, 'text', [], { k: 1 }, { k: '1', i: '0'.repeat(24) }, { k: 1, i: 'Z'.repeat(24) }]) {
      expectInvalidCursor(await list(walker, { limit: 3, cursor: forgeCursor(position, { userId: walker.user.id }) }));
    }
  });

  test('not a string, or longer than 512 characters: BAD_REQUEST naming cursor', async () => {
    expectFieldError(await list(walker, { limit: 3, cursor: { $gt: '' } }), 'cursor');
    expectFieldError(await list(walker, { limit: 3, cursor: 'a'.repeat(513) }), 'cursor');
  });

  test('over REST too', async () => {
    const call = restCaller(server.url);
    const cursor = await cursorFor({ tags: ['even'] });

    const foreign = await call('GET', `/api/notes/?tag=even&limit=3&cursor=${cursor}`, { token: stranger.tokens().access });
    const otherFilter = await call('GET', `/api/notes/?tag=odd&limit=3&cursor=${cursor}`, { token: walker.tokens().access });
    const ok = await call('GET', `/api/notes/?tag=even&limit=3&cursor=${cursor}`, { token: walker.tokens().access });

    expectRestError(foreign, { status: 400, code: 'BAD_REQUEST' });
    expectRestError(otherFilter, { status: 400, code: 'BAD_REQUEST' });
    expect(ok.status, ok.text).toBe(200);
  });
});
