import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { claimsOf, nowInSeconds, signedToken, unsignedToken } from './support/forged-tokens';
import { expectRestError, restCaller, type RestAnswer, type RestCall } from './support/rest-calls';
import { startTestServer, TEST_PASSWORD, uniqueUsername, type TestServer } from './support/test-server';

// Every error status of the REST table, each with the one documented body.

const MAX_BODY_BYTES = 4096;
const UNKNOWN_ID = '0123456789abcdef01234567';

describe('REST errors', () => {
  let server: TestServer;
  let call: RestCall;
  let alice: { username: string; access: string; refresh: string };
  let bob: { access: string };
  let aliceNote: { id: string; title: string; body: string; updatedAt: string };

  async function signUp(name: string) {
    const username = uniqueUsername(name);
    await call('POST', '/api/register/', { body: { username, password: TEST_PASSWORD } });
    const token = await call('POST', '/api/token/', { body: { username, password: TEST_PASSWORD } });

    return { username, access: token.body.access as string, refresh: token.body.refresh as string };
  }

  beforeAll(async () => {
    server = await startTestServer({ MAX_BODY_BYTES: String(MAX_BODY_BYTES) });
    call = restCaller(server.url);
    alice = await signUp('alice');
    bob = await signUp('bob');
    aliceNote = (await call('POST', '/api/notes/', { token: alice.access, body: { title: 'Mine', body: 'secret' } })).body;
  });

  afterAll(async () => {
    await server.close();
  });

  /** A request whose body is sent exactly as given, as Alice. */
  async function sendRaw(method: string, path: string, headers: Record<string, string>, body: BodyInit): Promise<RestAnswer> {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { ...headers, authorization: `Bearer ${alice.access}` },
      body,
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);
    const text = await response.text();

    return { status: response.status, headers: response.headers, text, body: JSON.parse(text) };
  }

  describe('400', () => {
    it('names each failing field of a body', async () => {
      const answer = await call('POST', '/api/register/', { body: { username: 'x', password: 'short', isAdmin: true } });

      expectRestError(answer, { status: 400, code: 'BAD_REQUEST', fields: ['username', 'password', 'isAdmin'] });
      expect(answer.body.error.fields.isAdmin).toEqual(['Unknown field']);
      expect(answer.body.error.message).toMatch(/^Invalid input: username: /);
    });

    it('refuses fields that would reassign a note, and leaves the note as it was', async () => {
      const byOperator = await call('PATCH', `/api/notes/${aliceNote.id}/`, { token: alice.access, body: { $set: { owner: 'bob' } } });
      const byField = await call('PATCH', `/api/notes/${aliceNote.id}/`, { token: alice.access, body: { owner: 'bob' } });
      const onCreate = await call('POST', '/api/notes/', { token: alice.access, body: { title: 'x', owner: 'bob' } });

      expectRestError(byOperator, { status: 400, code: 'BAD_REQUEST', fields: ['$set'] });
      expectRestError(byField, { status: 400, code: 'BAD_REQUEST', fields: ['owner'] });
      expectRestError(onCreate, { status: 400, code: 'BAD_REQUEST', fields: ['owner'] });
      expect((await call('GET', `/api/notes/${aliceNote.id}/`, { token: alice.access })).body).toEqual(aliceNote);
    });

    it('refuses query operators in a body and in the query string', async () => {
      const login = await call('POST', '/api/token/', { body: { username: { $gt: '' }, password: { $gt: '' } } });
      const query = await call('GET', '/api/notes/?tag[$ne]=x', { token: alice.access });

      expectRestError(login, { status: 400, code: 'BAD_REQUEST', fields: ['username', 'password'] });
      expectRestError(query, { status: 400, code: 'BAD_REQUEST', fields: ['tag[$ne]'] });
    });

    it('checks query parameters as numbers where the document says so', async () => {
      expectRestError(await call('GET', '/api/notes/?limit=abc', { token: alice.access }), {
        status: 400,
        code: 'BAD_REQUEST',
        fields: ['limit'],
      });
      expectRestError(await call('GET', '/api/notes/?limit=0', { token: alice.access }), {
        status: 400,
        code: 'BAD_REQUEST',
        fields: ['limit'],
      });
      expect((await call('GET', '/api/notes/?limit=1', { token: alice.access })).body.items).toHaveLength(1);
    });

    it('refuses a PUT that lacks a field, since it replaces the whole note', async () => {
      const answer = await call('PUT', `/api/notes/${aliceNote.id}/`, { token: alice.access, body: { title: 'Only a title' } });

      expectRestError(answer, { status: 400, code: 'BAD_REQUEST', fields: ['body'] });
    });

    it('refuses a body that is not JSON, or JSON that is not an object', async () => {
      for (const text of ['{"title":', '"just a string"', 'null', '{"__proto__":{"x":1}}']) {
        const answer = await sendRaw('POST', '/api/notes/', { 'content-type': 'application/json; charset=utf-8' }, text);

        expectRestError(answer, { status: 400, code: 'BAD_REQUEST' });
      }
    });
  });

  describe('401 with WWW-Authenticate: Bearer', () => {
    function forgedTokens(): Record<string, string> {
      const claims = claimsOf(alice.access);
      const expired = { ...claims, iat: nowInSeconds() - 120, exp: nowInSeconds() - 60 };

      return {
        expired: signedToken(expired, server.secret),
        'refresh token': alice.refresh,
        'alg none': unsignedToken(claims, 'none'),
        'alg None': unsignedToken(claims, 'None'),
        'alg NONE': unsignedToken(claims, 'NONE'),
        HS512: signedToken(claims, server.secret, 'HS512'),
        'other secret': signedToken(claims, 'not-the-server-secret-0123456789-abcdefghij'),
      };
    }

    it('answers a missing or malformed Authorization header', async () => {
      const headers: Array<Record<string, string>> = [
        {},
        { authorization: 'Bearer ' },
        { authorization: 'Basic abc' },
        { authorization: 'Bearer a.b' },
        { authorization: alice.access },
      ];

      for (const each of headers) {
        for (const path of ['/api/me/', '/api/notes/', `/api/notes/${aliceNote.id}/`]) {
          const answer = await call('GET', path, { headers: each });

          expectRestError(answer, { status: 401, code: 'UNAUTHORIZED' });
          expect(answer.headers.get('www-authenticate'), JSON.stringify(each)).toMatch(/^Bearer\b/);
        }
      }
    });

    it('answers an expired, wrong-type or forged token, and never with the profile', async () => {
      for (const [kind, token] of Object.entries(forgedTokens())) {
        const answer = await call('GET', '/api/me/', { token });

        expectRestError(answer, { status: 401, code: 'UNAUTHORIZED' });
        expect(answer.headers.get('www-authenticate'), kind).toBe('Bearer error="invalid_token"');
        expect(answer.text).not.toContain(alice.username);
      }
    });

    it('answers wrong credentials and a bad refresh token', async () => {
      const login = await call('POST', '/api/token/', { body: { username: alice.username, password: 'not the password' } });
      const refresh = await call('POST', '/api/token/refresh/', { body: { refresh: alice.access } });

      expectRestError(login, { status: 401, code: 'UNAUTHORIZED' });
      expectRestError(refresh, { status: 401, code: 'UNAUTHORIZED' });
      expect(login.headers.get('www-authenticate')).toBe('Bearer');
    });
  });

  describe('404', () => {
    it("answers another user's, a deleted, an unknown and a malformed id alike, for every method", async () => {
      const doomed = (await call('POST', '/api/notes/', { token: bob.access, body: { title: 'doomed' } })).body;
      expect((await call('DELETE', `/api/notes/${doomed.id}/`, { token: bob.access })).status).toBe(204);

      const ids = [aliceNote.id, doomed.id, UNKNOWN_ID, 'not-an-id', '123', 'a'.repeat(100), '%24ne'];
      const bodies: Record<string, unknown> = { PUT: { title: 't', body: 'b' }, PATCH: { title: 't' } };

      for (const method of ['GET', 'PUT', 'PATCH', 'DELETE']) {
        const texts = new Set<string>();
        for (const id of ids) {
          const answer = await call(method, `/api/notes/${id}/`, {
            token: bob.access,
            body: bodies[method],
            headers: { 'X-Request-Id': 'same-for-every-id' },
          });

          expectRestError(answer, { status: 404, code: 'NOT_FOUND' });
          texts.add(answer.text);
        }
        expect([...texts], method).toHaveLength(1);
      }

      expect((await call('GET', `/api/notes/${aliceNote.id}/`, { token: alice.access })).body).toEqual(aliceNote);
    });

    it('answers an unknown REST path', async () => {
      expectRestError(await call('GET', '/api/nothing-here/'), { status: 404, code: 'NOT_FOUND' });
      expectRestError(await call('GET', '/api/notes/a/b/'), { status: 404, code: 'NOT_FOUND' });
      expectRestError(await call('POST', '/api'), { status: 404, code: 'NOT_FOUND' });
    });
  });

  describe('405 with Allow', () => {
    it('answers a known path asked with another method', async () => {
      const cases: Array<[string, string, string]> = [
        ['DELETE', '/api/me/', 'GET, HEAD, OPTIONS'],
        ['PUT', '/api/notes/', 'GET, HEAD, POST, OPTIONS'],
        ['POST', `/api/notes/${aliceNote.id}`, 'GET, HEAD, PUT, PATCH, DELETE, OPTIONS'],
        ['GET', '/api/token/', 'POST, OPTIONS'],
        ['HEAD', '/api/register', 'POST, OPTIONS'],
      ];

      for (const [method, path, allow] of cases) {
        const answer = await call(method, path, { token: alice.access });

        expect(answer.status, `${method} ${path}`).toBe(405);
        expect(answer.headers.get('allow')).toBe(allow);
        if (method !== 'HEAD') expectRestError(answer, { status: 405, code: 'METHOD_NOT_SUPPORTED' });
      }
    });

    it('answers OPTIONS with the allowed methods and without asking for a token', async () => {
      const answer = await call('OPTIONS', `/api/notes/${aliceNote.id}/`);

      expect(answer.status).toBe(204);
      expect(answer.headers.get('allow')).toBe('GET, HEAD, PUT, PATCH, DELETE, OPTIONS');
    });
  });

  it('409: answers a taken username, whatever its case', async () => {
    const answer = await call('POST', '/api/register/', { body: { username: alice.username.toUpperCase(), password: TEST_PASSWORD } });

    expectRestError(answer, { status: 409, code: 'CONFLICT' });
  });

  describe('413', () => {
    it('refuses a body over MAX_BODY_BYTES before parsing it', async () => {
      // Not JSON at all: a 413 rather than a 400 shows it was never parsed.
      const answer = await sendRaw('POST', '/api/notes/', { 'content-type': 'application/json' }, `{${'x'.repeat(MAX_BODY_BYTES)}`);

      expectRestError(answer, { status: 413, code: 'PAYLOAD_TOO_LARGE' });
    });

    it('refuses a body without Content-Length once it passes the limit', async () => {
      const chunks = [`{"title":"${'x'.repeat(MAX_BODY_BYTES)}`, '"}'];
      const stream = new ReadableStream({
        pull(controller) {
          const next = chunks.shift();
          if (next === undefined) controller.close();
          else controller.enqueue(new TextEncoder().encode(next));
        },
      });

      const answer = await sendRaw('POST', '/api/notes/', { 'content-type': 'application/json' }, stream);

      expectRestError(answer, { status: 413, code: 'PAYLOAD_TOO_LARGE' });
    });
  });

  it('415: refuses a body that is not JSON', async () => {
    const cases: Array<[string, Record<string, string>, BodyInit]> = [
      ['POST', { 'content-type': 'text/plain' }, '{"title":"x"}'],
      ['PUT', { 'content-type': 'application/x-www-form-urlencoded' }, 'title=x&body=y'],
      // Bytes, so fetch adds no Content-Type of its own.
      ['PATCH', {}, new TextEncoder().encode('{"title":"x"}')],
    ];

    for (const [method, headers, body] of cases) {
      const path = method === 'POST' ? '/api/notes/' : `/api/notes/${aliceNote.id}/`;

      expectRestError(await sendRaw(method, path, headers, body), { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    }
  });
});
