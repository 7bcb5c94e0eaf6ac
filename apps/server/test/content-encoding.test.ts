import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';

import type { Note } from '@scoped-notes/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { capturedLogger } from './support/log-lines';
import { expectRestError } from './support/rest-calls';
import { startTestServer, type TestServer, type TestUser } from './support/test-server';

// A compressed request body is refused before it is read, over tRPC and REST alike:
// 415 with one message, nothing written, and no server error for a body that does not
// even decompress. Only `identity` (in any case) or no Content-Encoding is accepted.

const MESSAGE = 'Send the body without Content-Encoding';

type Bytes = Uint8Array<ArrayBuffer>;

const compressors: Record<string, (text: string) => Bytes> = {
  gzip: (text) => new Uint8Array(gzipSync(text)),
  deflate: (text) => new Uint8Array(deflateSync(text)),
  br: (text) => new Uint8Array(brotliCompressSync(text)),
};
const gzip = compressors.gzip as (text: string) => Bytes;
const plain = (text: string) => new TextEncoder().encode(text);

/** Each coding with a body it really compresses, and with bytes that decompress to nothing. */
const encodedBodies = (input: object): Array<[string, string, Bytes]> => [
  ...Object.entries(compressors).map(([coding, compress]): [string, string, Bytes] => [coding, 'valid', compress(JSON.stringify(input))]),
  ...['gzip', 'deflate', 'br'].map((coding): [string, string, Bytes] => [coding, 'invalid', plain('not compressed at all')]),
  ['GZip', 'valid', gzip(JSON.stringify(input))],
  ['identity, gzip', 'valid', gzip(JSON.stringify(input))],
  ['x-unknown-coding', 'plain', plain(JSON.stringify(input))],
];

const captured = capturedLogger();
let server: TestServer;
let alice: TestUser;
let note: Note;

beforeAll(async () => {
  server = await startTestServer({}, { log: captured.log });
  alice = await server.registerAndLogin('encoding');
  note = await alice.client.notes.create.mutate({ title: 'Original', body: 'original body' });
});

afterAll(() => server.close());

function send(method: string, path: string, contentEncoding: string | null, body: BodyInit): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${alice.tokens().access}`,
      'content-type': 'application/json',
      ...(contentEncoding === null ? {} : { 'content-encoding': contentEncoding }),
    },
    body,
  });
}

const listTitles = async () => (await alice.client.notes.list.query({ limit: 100 })).items.map((each) => each.title).sort();

const serverErrorLines = () => captured.lines.filter((line) => line.level >= 50);

describe('over tRPC', () => {
  test.each(encodedBodies({ title: 'compressed over tRPC' }))(
    'Content-Encoding: %s with a %s body is 415 in the tRPC error shape, and nothing is created',
    async (coding, _, body) => {
      const before = await listTitles();

      const response = await send('POST', '/trpc/notes.create', coding, body);

      expect(response.status).toBe(415);
      expect(await response.json()).toEqual({
        error: {
          code: -32015,
          message: MESSAGE,
          data: { code: 'UNSUPPORTED_MEDIA_TYPE', httpStatus: 415, path: 'notes.create', requestId: response.headers.get('x-request-id'), fields: null },
        },
      });
      expect(await listTitles()).toEqual(before);
      expect(serverErrorLines()).toEqual([]);
    },
  );

  test.each(['identity', 'IDENTITY', ''])('Content-Encoding: %j (or none) is a plain body, and the note is created', async (coding) => {
    const title = `tRPC identity ${coding || 'empty'}`;

    const response = await send('POST', '/trpc/notes.create', coding, JSON.stringify({ title }));
    const unlabelled = await send('POST', '/trpc/notes.create', null, JSON.stringify({ title: `${title} none` }));

    expect([response.status, unlabelled.status]).toEqual([200, 200]);
    expect(await listTitles()).toEqual(expect.arrayContaining([title, `${title} none`]));
  });
});

describe('over REST', () => {
  test.each(encodedBodies({ title: 'compressed over REST', body: 'changed' }))(
    'Content-Encoding: %s with a %s body is 415 on POST, PUT and PATCH, and nothing changes',
    async (coding, _, body) => {
      const before = await listTitles();
      const path = `/api/notes/${note.id}/`;

      for (const [method, url] of [['POST', '/api/notes/'], ['PUT', path], ['PATCH', path]] as const) {
        const response = await send(method, url, coding, body);
        const text = await response.text();

        expectRestError({ status: response.status, headers: response.headers, text, body: JSON.parse(text) }, { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
        expect(JSON.parse(text).error.message, `${method} ${url}`).toBe(MESSAGE);
      }
      expect(await listTitles()).toEqual(before);
      expect(await alice.client.notes.get.query({ id: note.id })).toMatchObject({ title: 'Original', body: 'original body', version: 1 });
      expect(serverErrorLines()).toEqual([]);
    },
  );

  test('a POST that takes no input is refused too when it names a coding', async () => {
    const response = await send('POST', '/api/logout-all/', 'gzip', gzip('{}'));

    expect(response.status).toBe(415);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe(MESSAGE);
    expect(await alice.client.auth.me.query()).toMatchObject({ username: alice.username });
  });

  test.each(['identity', 'Identity', ''])('Content-Encoding: %j (or none) is a plain body on POST, PUT and PATCH', async (coding) => {
    const posted = await send('POST', '/api/notes/', coding, JSON.stringify({ title: `REST identity ${coding}` }));
    const created = (await posted.json()) as Note;
    const path = `/api/notes/${created.id}/`;

    const put = await send('PUT', path, coding, JSON.stringify({ title: 'Replaced', body: 'put body' }));
    const patched = await send('PATCH', path, null, JSON.stringify({ body: 'patched body' }));

    expect([posted.status, put.status, patched.status]).toEqual([201, 200, 200]);
    expect(await alice.client.notes.get.query({ id: created.id })).toMatchObject({ title: 'Replaced', body: 'patched body', version: 3 });
  });
});
