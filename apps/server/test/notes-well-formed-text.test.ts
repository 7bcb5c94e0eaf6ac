import type { Note } from '@scoped-notes/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { expectRestError, restCaller, type RestCall } from './support/rest-calls';
import { expectFieldRejection } from './support/sdk-errors';
import { startTestServer, type TestServer, type TestUser } from './support/test-server';

// A lone surrogate cannot be stored as sent: MongoDB's UTF-8 turns it into U+FFFD.
// So text that is not well-formed UTF-16 is refused, naming the field, and nothing
// is written; an answer never echoes a title that is not the stored one.

const ILL_FORMED = [
  ['a lone high surrogate', 'x\ud800y'],
  ['a lone low surrogate', 'x\udc00y'],
  ['a pair in the wrong order', 'x\udc00\ud800y'],
  ['a high surrogate at the end', 'x\ud83d'],
] as const;

let server: TestServer;
let rest: RestCall;
let writer: TestUser;
let note: Note;

beforeAll(async () => {
  server = await startTestServer();
  rest = restCaller(server.url);
  writer = await server.registerAndLogin('surrogates');
  note = await writer.client.notes.create.mutate({ title: 'Groceries', body: 'milk', tags: ['errands'] });
});

afterAll(() => server.close());

/** The writer's notes as stored now: only `note` as it was created, whatever was refused. */
async function expectNothingWritten(): Promise<void> {
  const { items } = await writer.client.notes.list.query({});

  expect(items).toEqual([note]);
  expect(await writer.client.notes.tags.query()).toEqual([{ tag: 'errands', count: 1 }]);
}

describe.each(ILL_FORMED)('text with %s', (_, text) => {
  it('is refused by notes.create for the title, body and tags', async () => {
    await expectFieldRejection(writer.client.notes.create.mutate({ title: text }), 'title');
    await expectFieldRejection(writer.client.notes.create.mutate({ title: 'ok', body: text }), 'body');
    await expectFieldRejection(writer.client.notes.create.mutate({ title: 'ok', tags: [text] }), 'tags.0');

    await expectNothingWritten();
  });

  it('is refused by notes.update and notes.replace, which leave the note as it was', async () => {
    const { id } = note;

    await expectFieldRejection(writer.client.notes.update.mutate({ id, title: text }), 'title');
    await expectFieldRejection(writer.client.notes.update.mutate({ id, body: text }), 'body');
    await expectFieldRejection(writer.client.notes.update.mutate({ id, tags: [text] }), 'tags.0');
    await expectFieldRejection(writer.client.notes.replace.mutate({ id, title: text, body: '' }), 'title');
    await expectFieldRejection(writer.client.notes.replace.mutate({ id, title: 'ok', body: text }), 'body');

    await expectNothingWritten();
  });

  it('is refused as a search or a tag filter of notes.list', async () => {
    await expectFieldRejection(writer.client.notes.list.query({ search: text }), 'search');
    await expectFieldRejection(writer.client.notes.list.query({ tags: [text] }), 'tags.0');
  });

  it('is refused over REST by POST, PATCH and PUT, naming the field', async () => {
    const token = writer.tokens().access;
    const onePath = `/api/notes/${note.id}/`;

    const answers = [
      [await rest('POST', '/api/notes/', { token, body: { title: text } }), 'title'],
      [await rest('POST', '/api/notes/', { token, body: { title: 'ok', body: text } }), 'body'],
      [await rest('PATCH', onePath, { token, body: { title: text } }), 'title'],
      [await rest('PATCH', onePath, { token, body: { tags: [text] } }), 'tags.0'],
      [await rest('PUT', onePath, { token, body: { title: 'ok', body: text } }), 'body'],
    ] as const;

    for (const [answer, field] of answers) expectRestError(answer, { status: 400, code: 'BAD_REQUEST', fields: [field] });
    await expectNothingWritten();
  });
});

describe('well-formed text around the check', () => {
  it('keeps a surrogate pair (an emoji) in every field, as sent', async () => {
    const created = await writer.client.notes.create.mutate({ title: 'x\ud83d\ude00y', body: '\ud83d\ude00' });
    const found = await writer.client.notes.list.query({ search: 'x\ud83d\ude00' });

    expect([created.title, created.body]).toEqual(['x😀y', '😀']);
    expect(found.items.map((each) => each.id)).toEqual([created.id]);

    await writer.client.notes.delete.mutate({ id: created.id });
  });

  // Percent-encoding carries UTF-8, which has no lone surrogates: the nearest a REST
  // search gets is the bytes one would take (%ED%A0%80), which are no character, and
  // URL decoding reads each as U+FFFD. The search is then for well-formed text.
  it('reads the bytes of a lone surrogate in a REST query string as U+FFFD characters', async () => {
    const token = writer.tokens().access;
    const replaced = await writer.client.notes.create.mutate({ title: 'x\ufffd\ufffd\ufffdy' });

    const answer = await rest('GET', '/api/notes/?search=x%ED%A0%80y', { token });

    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.items.map((each: Note) => each.id)).toEqual([replaced.id]);

    await writer.client.notes.delete.mutate({ id: replaced.id });
  });
});
