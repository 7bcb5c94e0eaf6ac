import { errorInfo, type Note } from '@scoped-notes/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { expectRestError, restCaller, type RestCall } from './support/rest-calls';
import { expectFieldRejection, expectRejection } from './support/sdk-errors';
import { startTestServer, type TestServer, type TestUser } from './support/test-server';
import { bearer, comparableError, expectFieldError, expectWireError, wireMutation } from './support/trpc-wire';

// Each note has a version that every write adds 1 to. A write or delete given a
// stale `expectedVersion` answers CONFLICT with the current version and changes
// nothing; over REST the version is the ETag and a stale If-Match is 412. Another
// user's note stays NOT_FOUND, whatever version is given.

const UNKNOWN_ID = '0123456789abcdef01234567';

let server: TestServer;
let call: RestCall;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  call = restCaller(server.url);
  [alice, bob] = await Promise.all([server.registerAndLogin('alice'), server.registerAndLogin('bob')]);
});

afterAll(() => server.close());

const newNote = (title = 'versioned') => alice.client.notes.create.mutate({ title, body: 'v1 body', tags: ['one'] });

describe('the version', () => {
  test('starts at 1, and update and replace each add 1; an empty update changes nothing', async () => {
    const note = await newNote();
    expect(note.version).toBe(1);

    const updated = await alice.client.notes.update.mutate({ id: note.id, title: 'second' });
    expect(updated.version).toBe(2);

    const replaced = await alice.client.notes.replace.mutate({ id: note.id, title: 'second', body: 'v1 body' });
    expect(replaced.version).toBe(3);

    const untouched = await alice.client.notes.update.mutate({ id: note.id });
    expect(untouched).toEqual(replaced);
    await expect(alice.client.notes.get.query({ id: note.id })).resolves.toMatchObject({ version: 3 });
  });

  test('concurrent updates each count: 20 at once end at version 21', async () => {
    const note = await newNote();

    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) => alice.client.notes.update.mutate({ id: note.id, body: `edit ${index}` })),
    );

    expect(new Set(results.map((each) => each.version)).size).toBe(20);
    await expect(alice.client.notes.get.query({ id: note.id })).resolves.toMatchObject({ version: 21 });
  });
});

describe('expectedVersion over tRPC', () => {
  test('the current version lets update, replace and delete through', async () => {
    const note = await newNote();

    const updated = await alice.client.notes.update.mutate({ id: note.id, title: 'ok', expectedVersion: 1 });
    const replaced = await alice.client.notes.replace.mutate({ id: note.id, title: 'ok', body: '', expectedVersion: 2 });
    expect([updated.version, replaced.version]).toEqual([2, 3]);

    await expect(alice.client.notes.delete.mutate({ id: note.id, expectedVersion: 3 })).resolves.toEqual({ id: note.id });
    await expectRejection(alice.client.notes.get.query({ id: note.id }), 'NOT_FOUND');
  });

  test.each([
    ['update', (note: Note, expectedVersion: number) => alice.client.notes.update.mutate({ id: note.id, title: 'lost', expectedVersion })],
    [
      'replace',
      (note: Note, expectedVersion: number) =>
        alice.client.notes.replace.mutate({ id: note.id, title: 'lost', body: 'lost', tags: [], expectedVersion }),
    ],
    ['delete', (note: Note, expectedVersion: number) => alice.client.notes.delete.mutate({ id: note.id, expectedVersion })],
  ])('a stale or future version on %s is CONFLICT with currentVersion, and nothing changes', async (_, write) => {
    const note = await newNote();
    const current = await alice.client.notes.update.mutate({ id: note.id, body: 'v2 body' });

    for (const stale of [1, 3, 999]) {
      const error = await expectRejection(write(note, stale), 'CONFLICT');

      expect(error.data?.currentVersion).toBe(2);
      expect(errorInfo(error).currentVersion).toBe(2);
      expect(error.data?.httpStatus).toBe(409);
      expect(error.message).toBe('Version mismatch: the note is at version 2');
      await expect(alice.client.notes.get.query({ id: note.id })).resolves.toEqual(current);
    }
  });

  test('of two writers holding the same version, exactly one wins', async () => {
    const note = await newNote();

    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, index) =>
        alice.client.notes.update.mutate({ id: note.id, title: `writer ${index}`, expectedVersion: 1 }),
      ),
    );
    const won = outcomes.filter((each) => each.status === 'fulfilled');

    expect(won).toHaveLength(1);
    for (const lost of outcomes.filter((each) => each.status === 'rejected')) {
      expect((lost as PromiseRejectedResult).reason.data).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    }
    await expect(alice.client.notes.get.query({ id: note.id })).resolves.toEqual((won[0] as PromiseFulfilledResult<Note>).value);
  });

  test('another user\'s note, or none, is NOT_FOUND whatever version is given, answered alike', async () => {
    const note = await newNote();
    const asBob = bearer(bob.tokens().access);

    for (const [procedure, input] of [
      ['notes.update', { title: 'taken', expectedVersion: 1 }],
      ['notes.update', { title: 'taken', expectedVersion: 7 }],
      ['notes.replace', { title: 'taken', body: '', expectedVersion: 1 }],
      ['notes.delete', { expectedVersion: 1 }],
      ['notes.delete', { expectedVersion: 7 }],
    ] as const) {
      const foreign = await wireMutation(server.url, procedure, { id: note.id, ...input }, asBob);
      const unknown = await wireMutation(server.url, procedure, { id: UNKNOWN_ID, ...input }, asBob);

      expect(expectWireError(foreign, 'NOT_FOUND').data).not.toHaveProperty('currentVersion');
      expect(comparableError(foreign.error)).toEqual(comparableError(unknown.error));
    }
    await expect(alice.client.notes.get.query({ id: note.id })).resolves.toEqual(note);
  });

  test('expectedVersion must be a positive whole number, never a string', async () => {
    const note = await newNote();
    const asAlice = bearer(alice.tokens().access);

    for (const expectedVersion of ['1', 0, -1, 1.5, null, { $gt: 0 }, '"1"']) {
      const answer = await wireMutation(server.url, 'notes.update', { id: note.id, title: 'x', expectedVersion }, asAlice);
      expectFieldError(answer, 'expectedVersion');
    }
    await expectFieldRejection(
      alice.client.notes.delete.mutate({ id: note.id, expectedVersion: '1' as unknown as number }),
      'expectedVersion',
    );
    await expect(alice.client.notes.get.query({ id: note.id })).resolves.toEqual(note);
  });
});

describe('ETag and If-Match over REST', () => {
  const path = (note: Note) => `/api/notes/${note.id}/`;
  const token = () => alice.tokens().access;

  test('GET, POST, PATCH and PUT answer with the version as a strong ETag', async () => {
    const created = await call('POST', '/api/notes/', { token: token(), body: { title: 'etag' } });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');

    const note = created.body as Note;
    expect((await call('GET', path(note), { token: token() })).headers.get('etag')).toBe('"1"');

    const patched = await call('PATCH', path(note), { token: token(), body: { body: 'patched' } });
    expect([patched.headers.get('etag'), patched.body.version]).toEqual(['"2"', 2]);

    const put = await call('PUT', path(note), { token: token(), body: { title: 'etag', body: 'put' } });
    expect([put.headers.get('etag'), put.body.version]).toEqual(['"3"', 3]);
  });

  test.each(['"1"', 'W/"1"', '*'])('If-Match %s that matches lets PATCH, PUT and DELETE through', async (ifMatch) => {
    const forVersion = (version: number) => (ifMatch === '*' ? '*' : ifMatch.replace('1', String(version)));
    const note = await newNote();

    const patched = await call('PATCH', path(note), { token: token(), body: { title: 'p' }, headers: { 'If-Match': forVersion(1) } });
    expect(patched.status, patched.text).toBe(200);

    const put = await call('PUT', path(note), { token: token(), body: { title: 'p', body: '' }, headers: { 'If-Match': forVersion(2) } });
    expect(put.status, put.text).toBe(200);

    const deleted = await call('DELETE', path(note), { token: token(), headers: { 'If-Match': forVersion(3) } });
    expect(deleted.status, deleted.text).toBe(204);
  });

  test('a stale If-Match is 412 PRECONDITION_FAILED with the current ETag, and nothing changes', async () => {
    const note = await newNote();
    const current = await alice.client.notes.update.mutate({ id: note.id, title: 'moved on' });

    for (const [method, body] of [
      ['PATCH', { title: 'lost' }],
      ['PUT', { title: 'lost', body: 'lost' }],
      ['DELETE', undefined],
    ] as const) {
      const answer = await call(method, path(note), { token: token(), body, headers: { 'If-Match': '"1"' } });

      expectRestError(answer, { status: 412, code: 'PRECONDITION_FAILED' });
      expect(answer.body.error.message).toBe('Version mismatch: the note is at version 2');
      expect(answer.headers.get('etag')).toBe('"2"');
    }
    await expect(alice.client.notes.get.query({ id: note.id })).resolves.toEqual(current);
  });

  test('a stale expectedVersion in the body or query is 409 CONFLICT with the current ETag', async () => {
    const note = await newNote();
    await alice.client.notes.update.mutate({ id: note.id, title: 'moved on' });

    const patched = await call('PATCH', path(note), { token: token(), body: { title: 'lost', expectedVersion: 1 } });
    expectRestError(patched, { status: 409, code: 'CONFLICT' });
    expect(patched.headers.get('etag')).toBe('"2"');

    const deleted = await call('DELETE', `${path(note)}?expectedVersion=1`, { token: token() });
    expectRestError(deleted, { status: 409, code: 'CONFLICT' });

    expect((await call('DELETE', `${path(note)}?expectedVersion=2`, { token: token() })).status).toBe(204);
  });

  test.each(['1', '"abc"', '"0"', '"-1"', '"1", "2"', 'W/1', '"1', '', '"99999999999999999"'])(
    'a malformed If-Match %j is 400 and changes nothing',
    async (ifMatch) => {
      const note = await newNote();

      for (const [method, body] of [
        ['PATCH', { title: 'lost' }],
        ['DELETE', undefined],
      ] as const) {
        const answer = await call(method, path(note), { token: token(), body, headers: { 'If-Match': ifMatch } });
        expectRestError(answer, { status: 400, code: 'BAD_REQUEST' });
      }
      await expect(alice.client.notes.get.query({ id: note.id })).resolves.toEqual(note);
    },
  );

  test('If-Match and an expectedVersion that disagree are 400', async () => {
    const note = await newNote();

    const answer = await call('PATCH', path(note), { token: token(), body: { title: 'x', expectedVersion: 1 }, headers: { 'If-Match': '"2"' } });
    expectRestError(answer, { status: 400, code: 'BAD_REQUEST' });
  });

  test('another user\'s note is 404 with any If-Match, byte for byte as an unknown id', async () => {
    const note = await newNote();
    const asBob = bob.tokens().access;

    for (const ifMatch of ['"1"', '"5"', '*']) {
      const foreign = await call('PATCH', path(note), { token: asBob, body: { title: 'taken' }, headers: { 'If-Match': ifMatch } });
      const unknown = await call('PATCH', `/api/notes/${UNKNOWN_ID}/`, { token: asBob, body: { title: 'taken' }, headers: { 'If-Match': ifMatch } });

      expectRestError(foreign, { status: 404, code: 'NOT_FOUND' });
      expect(foreign.headers.get('etag')).toBeNull();
      expect({ ...foreign.body.error, requestId: null }).toEqual({ ...unknown.body.error, requestId: null });

      const deleted = await call('DELETE', path(note), { token: asBob, headers: { 'If-Match': ifMatch } });
      expectRestError(deleted, { status: 404, code: 'NOT_FOUND' });
    }
    await expect(alice.client.notes.get.query({ id: note.id })).resolves.toEqual(note);
  });

  test('after REST has sent expectedVersion as a number from text, tRPC still refuses "1"', async () => {
    const note = await newNote();
    expect((await call('DELETE', `${path(note)}?expectedVersion=7`, { token: token() })).status).toBe(409);
    expect((await call('PATCH', path(note), { token: token(), body: { title: 'x', expectedVersion: 7 } })).status).toBe(409);

    const asAlice = bearer(alice.tokens().access);
    expectFieldError(await wireMutation(server.url, 'notes.delete', { id: note.id, expectedVersion: '1' }, asAlice), 'expectedVersion');
    expectFieldError(await wireMutation(server.url, 'notes.update', { id: note.id, title: 'y', expectedVersion: '1' }, asAlice), 'expectedVersion');
    await expect(alice.client.notes.get.query({ id: note.id })).resolves.toEqual(note);
  });

  test('the OpenAPI document describes If-Match, the ETag and 409/412 on each versioned write', async () => {
    const document = (await call('GET', '/api/openapi.json')).body;
    const oneNote = document.paths['/api/notes/{id}'];

    for (const method of ['put', 'patch', 'delete']) {
      const operation = oneNote[method];
      expect(operation.parameters.map((each: { in: string; name: string }) => `${each.in}:${each.name}`)).toContain('header:If-Match');
      expect(operation.responses['412'].headers).toHaveProperty('ETag');
      expect(operation.responses['412'].content['application/json'].example.error.code).toBe('PRECONDITION_FAILED');
      expect(operation.responses['409'].content['application/json'].example.error.code).toBe('CONFLICT');
    }
    for (const method of ['get', 'put', 'patch']) expect(oneNote[method].responses['200'].headers).toHaveProperty('ETag');
    expect(document.paths['/api/notes'].post.responses['201'].headers).toHaveProperty('ETag');
  });

  test('If-Match on a request that takes no version is ignored', async () => {
    const created = await call('POST', '/api/notes/', { token: token(), body: { title: 'x' }, headers: { 'If-Match': '"9"' } });
    expect(created.status).toBe(201);

    const listed = await call('GET', '/api/notes/', { token: token(), headers: { 'If-Match': 'garbage' } });
    expect(listed.status).toBe(200);
  });
});
