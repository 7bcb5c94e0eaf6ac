import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { rawRequest, type RawAnswer } from './support/raw-http';
import { REST_OPERATIONS } from './support/rest-operations-list';
import { startTestServer, type TestServer, type TestUser } from './support/test-server';

// HEAD answers exactly as GET would, without the body (RFC 9110 9.3.2), on every
// path that answers GET: the REST mirror, its document and docs page, and /health.

const UNKNOWN_ID = '0123456789abcdef01234567';
// Headers that differ between any two requests, whatever their method.
const PER_REQUEST = new Set(['date', 'x-request-id']);

let server: TestServer;
let alice: TestUser;
let bob: TestUser;
let noteId: string;

beforeAll(async () => {
  server = await startTestServer();
  alice = await server.registerAndLogin('head-alice');
  bob = await server.registerAndLogin('head-bob');
  noteId = (await alice.client.notes.create.mutate({ title: 'Headed', body: 'only the headers', tags: ['head'] })).id;
});

afterAll(() => server.close());

const asAlice = () => ({ authorization: `Bearer ${alice.tokens().access}` });

function comparable({ status, headers }: RawAnswer): { status: number; headers: Record<string, string> } {
  const kept = [...headers].filter(([name]) => !PER_REQUEST.has(name)).sort(([a], [b]) => a.localeCompare(b));

  return { status, headers: Object.fromEntries(kept) };
}

/** GET then HEAD of `path` with the same headers; checks that HEAD sent no body and answers as GET did. */
async function expectHeadLikeGet(path: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const get = await rawRequest(server.url, 'GET', path, headers);
  const head = await rawRequest(server.url, 'HEAD', path, headers);

  expect(get.bytesAfterHeaders, `GET ${path}`).toBeGreaterThan(0);
  expect(Number(get.headers.get('content-length')), `GET ${path}`).toBe(get.bytesAfterHeaders);
  expect(head.bytesAfterHeaders, `HEAD ${path}`).toBe(0);
  expect(comparable(head), `HEAD ${path}`).toEqual(comparable(get));

  return head;
}

describe('HEAD on the REST mirror', () => {
  const getPaths = () =>
    REST_OPERATIONS.filter((operation) => operation.startsWith('GET ')).map((operation) => `${operation.slice(4).replace('{id}', noteId)}/`);

  test('every path that answers GET answers HEAD with its status and headers, and no body', async () => {
    const paths = getPaths();
    expect(paths).toContain(`/api/notes/${noteId}/`);

    for (const path of paths) {
      const head = await expectHeadLikeGet(path, asAlice());

      expect(head.status, path).toBe(200);
      expect(head.headers.get('content-type'), path).toMatch(/^application\/json/);
    }
  });

  test('a note keeps its ETag, and a list its query', async () => {
    const note = await expectHeadLikeGet(`/api/notes/${noteId}/`, asAlice());
    const filtered = await expectHeadLikeGet('/api/notes/?tag=head&limit=1&sort=created', asAlice());
    const empty = await expectHeadLikeGet('/api/notes/?tag=nothing', asAlice());

    expect(note.headers.get('etag')).toBe('"1"');
    expect(Number(filtered.headers.get('content-length'))).toBeGreaterThan(Number(empty.headers.get('content-length')));
  });

  test('without a token, or with a bad one, HEAD is 401 with WWW-Authenticate, as GET is', async () => {
    const missing = await expectHeadLikeGet('/api/me/');
    const forged = await expectHeadLikeGet(`/api/notes/${noteId}/`, { authorization: 'Bearer not.a.token' });

    expect([missing.status, missing.headers.get('www-authenticate')]).toEqual([401, 'Bearer']);
    expect([forged.status, forged.headers.get('www-authenticate')]).toEqual([401, 'Bearer error="invalid_token"']);
  });

  test("another user's note is 404 like an unknown one, and shows no ETag", async () => {
    const asBob = { authorization: `Bearer ${bob.tokens().access}` };
    const foreign = await expectHeadLikeGet(`/api/notes/${noteId}/`, asBob);
    const unknown = await expectHeadLikeGet(`/api/notes/${UNKNOWN_ID}/`, asBob);

    expect(foreign.status).toBe(404);
    expect(foreign.headers.has('etag')).toBe(false);
    expect(comparable(foreign)).toEqual(comparable(unknown));
  });

  test('a bad query parameter is 400 over HEAD too', async () => {
    expect((await expectHeadLikeGet('/api/notes/?limit=0', asAlice())).status).toBe(400);
  });

  test.each([
    ['/api/register/', 'POST, OPTIONS'],
    ['/api/token/', 'POST, OPTIONS'],
    ['/api/logout-all/', 'POST, OPTIONS'],
    [`/api/sessions/${UNKNOWN_ID}/`, 'DELETE, OPTIONS'],
  ])('HEAD %s, which has no GET, is 405 with Allow: %s', async (path, allow) => {
    const head = await rawRequest(server.url, 'HEAD', path, asAlice());

    expect(head.status).toBe(405);
    expect(head.headers.get('allow')).toBe(allow);
    expect(head.bytesAfterHeaders).toBe(0);
  });
});

describe('HEAD on the document, the docs page and /health', () => {
  test.each([
    ['/api/openapi.json', /^application\/json/],
    ['/api/docs', /^text\/html/],
    ['/api/docs/', /^text\/html/],
    ['/api/docs/start.js', /^text\/javascript/],
    ['/api/docs/swagger-ui.css', /^text\/css/],
    ['/health', /^application\/json/],
  ])('HEAD %s answers as GET does, without the body', async (path, type) => {
    const head = await expectHeadLikeGet(path);

    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toMatch(type);
    expect(head.headers.get('cache-control')).toMatch(/\S/);
  });
});
