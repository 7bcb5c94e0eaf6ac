import { BODY_MAX_LENGTH } from '@scoped-notes/api';
import type { Note, NotesClient } from '@scoped-notes/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { cursorPosition, forgeCursor } from './support/forged-cursors';
import { expectFieldRejection } from './support/sdk-errors';
import { startTestServer, type TestServer, type TestUser } from './support/test-server';
import { bearer, expectFieldError, expectWireError, expectWireSuccess, wireQuery, type WireResponse } from './support/trpc-wire';

// The contract's limits: title 1–200 characters, body up to its documented
// maximum, list limit 1–100 (default 20), and cursor pagination newest first.

const PAGER_NOTES = 105;

type NotePage = { items: Note[]; nextCursor: string | null };

let server: TestServer;
let writer: TestUser;
let pager: TestUser;
let pagerNotes: Note[];

/** Creates `count` notes titled `<prefix>-000`…, a few at a time. */
async function createNotes(client: NotesClient, count: number, prefix: string): Promise<Note[]> {
  const created: Note[] = [];

  for (let start = 0; start < count; start += 15) {
    const batch = Array.from({ length: Math.min(15, count - start) }, (_, offset) =>
      client.notes.create.mutate({ title: `${prefix}-${String(start + offset).padStart(3, '0')}`, body: '' }),
    );
    created.push(...(await Promise.all(batch)));
  }

  return created;
}

/** The order notes.list promises for notes never updated: newest first, ties broken by the larger id. */
function newestFirst(notes: Note[]): Note[] {
  return [...notes].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}

/** Follows nextCursor from `cursor` (the first page by default) to the last; returns every page. */
async function walk(client: NotesClient, limit: number, cursor: string | null = null): Promise<NotePage[]> {
  const pages: NotePage[] = [];
  let next = cursor;

  do {
    const page = await client.notes.list.query({ limit, cursor: next });
    pages.push(page);
    next = page.nextCursor;
  } while (next !== null && pages.length <= PAGER_NOTES);

  return pages;
}

function listRaw(as: TestUser, input: unknown): Promise<WireResponse> {
  return wireQuery(server.url, 'notes.list', input, bearer(as.tokens().access));
}

/** The pager's cursor with its position changed and signed again, so only the position is wrong. */
function recode(cursor: string, change: (position: Record<string, unknown>) => Record<string, unknown>): string {
  return forgeCursor(change(cursorPosition(cursor)), { userId: pager.user.id });
}

beforeAll(async () => {
  server = await startTestServer();
  [writer, pager] = await Promise.all([server.registerAndLogin('writer'), server.registerAndLogin('pager')]);
  pagerNotes = await createNotes(pager.client, PAGER_NOTES, 'page');
});

afterAll(() => server.close());

describe('title', () => {
  test.each([1, 200])('%i characters are accepted on create and update', async (length) => {
    const title = 't'.repeat(length);

    const note = await writer.client.notes.create.mutate({ title, body: '' });
    const updated = await writer.client.notes.update.mutate({ id: note.id, title: 'u'.repeat(length) });

    expect(note.title).toBe(title);
    expect(updated.title).toBe('u'.repeat(length));
  });

  test.each([
    ['empty', ''],
    ['201 characters', 't'.repeat(201)],
    ['whitespace only', ' \t\n '],
  ])('%s is BAD_REQUEST naming title on create and update, and the note is untouched', async (_, title) => {
    const note = await writer.client.notes.create.mutate({ title: 'Keep me', body: 'as I am' });

    await expectFieldRejection(writer.client.notes.create.mutate({ title, body: '' }), 'title');
    await expectFieldRejection(writer.client.notes.update.mutate({ id: note.id, title }), 'title');

    await expect(writer.client.notes.get.query({ id: note.id })).resolves.toEqual(note);
  });
});

describe('body', () => {
  test(`${BODY_MAX_LENGTH} characters are accepted, one more is BAD_REQUEST naming body`, async () => {
    const longest = 'b'.repeat(BODY_MAX_LENGTH);

    const note = await writer.client.notes.create.mutate({ title: 'Long', body: longest });
    expect(note.body).toHaveLength(BODY_MAX_LENGTH);

    await expectFieldRejection(writer.client.notes.create.mutate({ title: 'Too long', body: `${longest}b` }), 'body');
    await expectFieldRejection(writer.client.notes.update.mutate({ id: note.id, body: `${longest}b` }), 'body');
    await expect(writer.client.notes.get.query({ id: note.id })).resolves.toEqual(note);
  });

  test('the empty body is accepted', async () => {
    await expect(writer.client.notes.create.mutate({ title: 'Empty', body: '' })).resolves.toMatchObject({ body: '' });
  });
});

describe('list limit', () => {
  test('defaults to 20', async () => {
    const withoutInput = await pager.client.notes.list.query();
    const withEmptyInput = await pager.client.notes.list.query({});

    expect(withoutInput.items).toHaveLength(20);
    expect(withEmptyInput.items).toHaveLength(20);
    expect(withoutInput.nextCursor).not.toBeNull();
  });

  test.each([1, 100])('%i is accepted and returns that many', async (limit) => {
    const page = await pager.client.notes.list.query({ limit });

    expect(page.items).toHaveLength(limit);
    expect(page.items).toEqual(newestFirst(pagerNotes).slice(0, limit));
  });

  test.each([0, 101, -1, 1.5, '10', null])('%j is BAD_REQUEST naming limit', async (limit) => {
    expectFieldError(await listRaw(pager, { limit }), 'limit');
  });
});

describe('pagination', () => {
  test.each([1, 7, 35, 100])('walking with limit %i yields every note once, newest first, and ends with nextCursor null', async (limit) => {
    const pages = await walk(pager.client, limit);
    const seen = pages.flatMap((page) => page.items);

    expect(seen).toEqual(newestFirst(pagerNotes));
    expect(pages).toHaveLength(Math.ceil(PAGER_NOTES / limit));
    expect(pages.at(-1)?.nextCursor).toBeNull();
    for (const page of pages.slice(0, -1)) expect(page.items).toHaveLength(limit);
  });

  test('a note deleted between pages neither repeats nor hides the others', async () => {
    const { client } = await server.registerAndLogin('deleter');
    const notes = await createNotes(client, 25, 'del');

    const first = await client.notes.list.query({ limit: 10 });
    const removed = first.items[3] as Note;
    await client.notes.delete.mutate({ id: removed.id });
    const rest = await walk(client, 10, first.nextCursor);

    const seen = [first, ...rest].flatMap((page) => page.items).map((each) => each.id);
    expect(seen).toEqual(newestFirst(notes).map((each) => each.id));
    expect(new Set(seen).size).toBe(25);
  });

  test('a cursor made for another user is BAD_REQUEST', async () => {
    const cursor = (await pager.client.notes.list.query({ limit: 1 })).nextCursor;

    expectInvalidCursor(await listRaw(writer, { limit: 5, cursor }));
  });

  test.each([
    ['garbage', () => 'not a cursor'],
    ['truncated', (cursor: string) => cursor.slice(0, -6)],
    ['its first character changed', (cursor: string) => `${cursor[0] === 'A' ? 'B' : 'A'}${cursor.slice(1)}`],
    ['its id not hexadecimal', (cursor: string) => recode(cursor, (position) => ({ ...position, i: 'z'.repeat(24) }))],
    ['a time beyond the last valid date', (cursor: string) => recode(cursor, (position) => ({ ...position, k: 9e15 }))],
    ['a negative time', (cursor: string) => recode(cursor, (position) => ({ ...position, k: -1 }))],
    ['an extra field', (cursor: string) => recode(cursor, (position) => ({ ...position, owner: 'x' }))],
  ])('a cursor with %s is BAD_REQUEST', async (_, tamper) => {
    const cursor = (await pager.client.notes.list.query({ limit: 5 })).nextCursor as string;

    expectInvalidCursor(await listRaw(pager, { limit: 5, cursor: tamper(cursor) }));
  });

  test('every one-character change to a cursor is BAD_REQUEST for its owner and another user, never a 500', async () => {
    const cursor = (await pager.client.notes.list.query({ limit: 5 })).nextCursor as string;

    for (const changed of oneCharacterChanges(cursor)) {
      expectInvalidCursor(await listRaw(writer, { limit: 5, cursor: changed }));
      // The cursor is signed, so even a change base64url would decode the same is refused.
      expectInvalidCursor(await listRaw(pager, { limit: 5, cursor: changed }));
    }
  });

  test('a re-signed cursor with an unchanged position still works, so the tampering tests above test the position', async () => {
    const page = await pager.client.notes.list.query({ limit: 5 });
    const cursor = recode(page.nextCursor as string, (position) => position);

    const next = expectWireSuccess(await listRaw(pager, { limit: 5, cursor })) as NotePage;
    expect(next.items.map((each) => each.id)).toEqual(
      (await pager.client.notes.list.query({ limit: 5, cursor: page.nextCursor })).items.map((each) => each.id),
    );
  });
});

function oneCharacterChanges(text: string): string[] {
  return [...text].map((character, index) => `${text.slice(0, index)}${character === 'A' ? 'B' : 'A'}${text.slice(index + 1)}`);
}

function expectInvalidCursor(answer: WireResponse): void {
  const error = expectWireError(answer, 'BAD_REQUEST');

  expect(error.message).toBe('Invalid cursor: start again from the first page');
}
