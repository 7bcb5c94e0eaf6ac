import type { Note } from '@scoped-notes/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { expectRestError } from './support/rest-calls';
import { startTestServer, type TestServer, type TestUser } from './support/test-server';

// Media types are case-insensitive (RFC 9110 8.3.1): any spelling of application/json
// is JSON, over tRPC and REST alike, and the procedure gets the input. Other types,
// look-alikes included, stay 415 and change nothing.

const JSON_SPELLINGS = ['APPLICATION/JSON', 'Application/Json; charset=UTF-8', 'application/JSON;CHARSET="utf-8"'];
const NOT_JSON = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'application/json-patch+json'];

let server: TestServer;
let alice: TestUser;
let note: Note;

beforeAll(async () => {
  server = await startTestServer();
  alice = await server.registerAndLogin('media');
  note = await alice.client.notes.create.mutate({ title: 'Original', body: 'original body' });
});

afterAll(() => server.close());

function send(method: string, path: string, contentType: string, input: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${alice.tokens().access}`, 'content-type': contentType },
    body: JSON.stringify(input),
  });
}

const listTitles = async () => (await alice.client.notes.list.query({ limit: 100 })).items.map((each) => each.title).sort();

describe('over tRPC', () => {
  test.each(JSON_SPELLINGS)('Content-Type: %s is JSON, and the procedure gets the input', async (contentType) => {
    const title = `tRPC ${contentType}`;

    const response = await send('POST', '/trpc/notes.create', contentType, { title, body: 'sent as JSON', tags: ['media'] });
    const created = ((await response.json()) as { result: { data: Note } }).result.data;

    expect(response.status).toBe(200);
    expect(created).toMatchObject({ title, body: 'sent as JSON', tags: ['media'] });
    expect(await alice.client.notes.get.query({ id: created.id })).toMatchObject({ title, body: 'sent as JSON' });
  });

  test.each(NOT_JSON)('Content-Type: %s is 415, and nothing is created', async (contentType) => {
    const before = await listTitles();

    const response = await send('POST', '/trpc/notes.create', contentType, { title: `tRPC ${contentType}` });

    expect(response.status).toBe(415);
    expect(((await response.json()) as { error: { data: { code: string } } }).error.data.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await listTitles()).toEqual(before);
  });
});

describe('over REST', () => {
  test.each(JSON_SPELLINGS)('Content-Type: %s is JSON on POST, PUT and PATCH, and each reaches the procedure', async (contentType) => {
    const posted = await send('POST', '/api/notes/', contentType, { title: `REST ${contentType}`, tags: ['media'] });
    const created = (await posted.json()) as Note;
    const path = `/api/notes/${created.id}/`;

    const put = await send('PUT', path, contentType, { title: 'Replaced', body: 'put body' });
    const patched = await send('PATCH', path, contentType, { body: 'patched body' });

    expect([posted.status, put.status, patched.status]).toEqual([201, 200, 200]);
    expect(created).toMatchObject({ title: `REST ${contentType}`, tags: ['media'], version: 1 });
    expect(await alice.client.notes.get.query({ id: created.id })).toMatchObject({ title: 'Replaced', body: 'patched body', tags: [], version: 3 });
  });

  test('a POST that takes no input may carry any spelling of application/json too', async () => {
    const response = await send('POST', '/api/logout-all/', 'APPLICATION/JSON', {});

    expect(response.status).toBe(200);
    await alice.client.login({ username: alice.username, password: alice.password });
  });

  test.each(NOT_JSON)('Content-Type: %s is 415 on POST, PUT and PATCH, and nothing changes', async (contentType) => {
    const before = await listTitles();
    const path = `/api/notes/${note.id}/`;

    for (const [method, url] of [['POST', '/api/notes/'], ['PUT', path], ['PATCH', path]] as const) {
      const response = await send(method, url, contentType, { title: 'Changed', body: 'changed' });
      const text = await response.text();

      expectRestError({ status: response.status, headers: response.headers, text, body: JSON.parse(text) }, { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    }
    expect(await listTitles()).toEqual(before);
    expect(await alice.client.notes.get.query({ id: note.id })).toMatchObject({ title: 'Original', body: 'original body', version: 1 });
  });
});
