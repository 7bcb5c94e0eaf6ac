import { notePages, paginateNotes, type Note, type NotePage, type NotesClient } from '@scoped-notes/client';
import { afterAll, beforeAll, describe, expect, expectTypeOf, test } from 'vitest';

import { expectFieldRejection } from './support/sdk-errors';
import { startTestServer, type TestServer, type TestUser } from './support/test-server';

// The SDK's async iterators over every page of notes.list, against the real server:
// they follow nextCursor to the end, pass the filter on, fetch lazily, and stop.

let server: TestServer;
let reader: TestUser;
let notes: Note[];

beforeAll(async () => {
  server = await startTestServer();
  reader = await server.registerAndLogin('reader');

  notes = [];
  for (let index = 0; index < 23; index += 1) {
    notes.push(await reader.client.notes.create.mutate({ title: `entry ${index}`, tags: index % 3 === 0 ? ['third'] : [] }));
  }
});

afterAll(() => server.close());

/** A client on the reader's tokens that counts its notes.list requests. */
function countingClient(): { client: NotesClient; lists: () => number } {
  let lists = 0;
  const client = server.client({
    store: reader.client.store,
    fetch: (input, init) => {
      if (String(input).includes('notes.list')) lists += 1;

      return fetch(input, init);
    },
  });

  return { client, lists: () => lists };
}

describe('paginateNotes', () => {
  test('yields every note once, newest first, one request per page', async () => {
    const { client, lists } = countingClient();
    const seen: Note[] = [];

    for await (const note of paginateNotes(client, { limit: 5 })) seen.push(note);

    expect(seen.map((each) => each.id)).toEqual([...notes].reverse().map((each) => each.id));
    expect(lists()).toBe(5);
  });

  test('passes the filter and sort on', async () => {
    const seen: string[] = [];
    for await (const note of paginateNotes(reader.client, { tags: ['third'], sort: 'created', limit: 2 })) seen.push(note.id);

    expect(seen).toEqual(notes.filter((each) => each.tags.includes('third')).reverse().map((each) => each.id));
    expect(seen).toHaveLength(8);
  });

  test('stopping the loop early fetches no further page', async () => {
    const { client, lists } = countingClient();
    const seen: Note[] = [];

    for await (const note of paginateNotes(client, { limit: 5 })) {
      seen.push(note);
      if (seen.length === 7) break;
    }

    expect(seen).toHaveLength(7);
    expect(lists()).toBe(2);
  });

  test('no matching note: nothing yielded, one request', async () => {
    const { client, lists } = countingClient();
    const seen: Note[] = [];

    for await (const note of paginateNotes(client, { search: 'no such text' })) seen.push(note);

    expect(seen).toEqual([]);
    expect(lists()).toBe(1);
  });

  test('a bad filter rejects the loop with the server\'s error', async () => {
    const loop = (async () => {
      for await (const _ of paginateNotes(reader.client, { search: 'x'.repeat(101) })) void _;
    })();

    await expectFieldRejection(loop, 'search');
  });

  test('an aborted signal rejects the loop', async () => {
    const controller = new AbortController();
    controller.abort();

    await expect(
      (async () => {
        for await (const _ of paginateNotes(reader.client, {}, { signal: controller.signal })) void _;
      })(),
    ).rejects.toThrow();
  });
});

describe('notePages', () => {
  test('yields the pages themselves, the last with nextCursor null', async () => {
    const pages: NotePage[] = [];
    for await (const page of notePages(reader.client, { limit: 10 })) pages.push(page);

    expect(pages.map((page) => page.items.length)).toEqual([10, 10, 3]);
    expect(pages.map((page) => page.nextCursor === null)).toEqual([false, false, true]);
  });

  test('is typed from the router', () => {
    expectTypeOf(paginateNotes).returns.toEqualTypeOf<AsyncGenerator<Note, void, undefined>>();
    expectTypeOf(notePages).parameter(1).toEqualTypeOf<
      | {
          limit?: number | undefined;
          search?: string | undefined;
          tags?: string[] | undefined;
          sort?: 'updated' | 'created' | undefined;
        }
      | undefined
    >();
  });
});
