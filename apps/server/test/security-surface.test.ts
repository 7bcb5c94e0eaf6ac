import type { Note } from '@scoped-notes/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { expectRestError, restCaller, type RestCall } from './support/rest-calls';
import { startTestServer, TEST_PASSWORD, type TestServer, type TestUser } from './support/test-server';
import { bearer, expectFieldError, expectWireError, expectWireSuccess, wireMutation, wireQuery } from './support/trpc-wire';

// What every response carries and what the server accepts at its edge: security
// headers, CORS for the configured origins only (F-17), JSON bodies only and
// within the size limit, and no operator objects anywhere (F-13).

const WEB_ORIGIN = 'https://app.example.com';
const DEV_ORIGIN = 'http://localhost:5173';
const EVIL_ORIGIN = 'https://evil.example.net';
const MAX_BODY_BYTES = 2048;

let server: TestServer;
let rest: RestCall;
let alice: TestUser;
let aliceNote: Note;

beforeAll(async () => {
  server = await startTestServer({ CORS_ORIGINS: `${WEB_ORIGIN}, ${DEV_ORIGIN}/`, MAX_BODY_BYTES: String(MAX_BODY_BYTES) });
  rest = restCaller(server.url);
  alice = await server.registerAndLogin('surface');
  aliceNote = await alice.client.notes.create.mutate({ title: 'Surface', body: 'keep' });
});

afterAll(() => server.close());

const send = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init);
const authorised = () => ({ authorization: `Bearer ${alice.tokens().access}` });

describe('security headers', () => {
  const answers: Array<[string, () => Promise<Response>]> = [
    ['GET /health', () => send('/health')],
    ['tRPC success', () => send('/trpc/notes.list', { headers: authorised() })],
    ['tRPC 401', () => send('/trpc/auth.me')],
    ['tRPC 415', () => send('/trpc/auth.login', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' })],
    ['REST success', () => send('/api/me/', { headers: authorised() })],
    ['REST 401', () => send('/api/notes/')],
    ['REST 405', () => send('/api/me/', { method: 'PUT' })],
    ['the docs page', () => send('/api/docs')],
    ['a docs asset', () => send('/api/docs/swagger-ui-bundle.js')],
    ['the OpenAPI document', () => send('/api/openapi.json')],
    ['an unknown path', () => send('/no/such/page')],
    ['an unknown API path', () => send('/api/nowhere/')],
    ['a preflight', () => send('/api/notes/', { method: 'OPTIONS', headers: { origin: WEB_ORIGIN, 'access-control-request-method': 'GET' } })],
  ];

  test.each(answers)('on %s', async (_, answer) => {
    const response = await answer();
    const csp = response.headers.get('content-security-policy') ?? '';
    const directives = new Map(csp.split(';').map((each) => {
      const [name = '', ...values] = each.trim().split(/\s+/);
      return [name, values] as const;
    }));

    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp).not.toMatch(/https:|\*|unsafe-eval/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('x-request-id')).toMatch(/\S/);
  });
});

describe('CORS', () => {
  const preflight = (path: string, origin: string, method: string) =>
    send(path, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization, content-type' },
    });

  const targets = (): Array<[string, string[]]> => [
    ['/api/notes/', ['GET', 'POST']],
    [`/api/notes/${aliceNote.id}/`, ['PATCH', 'GET', 'DELETE', 'PUT']],
    ['/trpc/notes.list', ['GET']],
    ['/trpc/notes.create', ['POST']],
  ];

  test('a preflight from a configured origin is allowed without a token, for every path and method (F-17)', async () => {
    for (const [path, methods] of targets()) {
      for (const method of methods) {
        for (const origin of [WEB_ORIGIN, DEV_ORIGIN]) {
          const response = await preflight(path, origin, method);
          const label = `${method} ${path} from ${origin}`;

          expect(response.status, label).toBe(204);
          expect(response.headers.get('access-control-allow-origin'), label).toBe(origin);
          expect(response.headers.get('access-control-allow-headers')?.toLowerCase().split(',').map((h) => h.trim())).toEqual(
            expect.arrayContaining(['authorization', 'content-type']),
          );
          expect(response.headers.get('access-control-allow-methods')?.split(','), label).toContain(method);
          expect(response.headers.get('access-control-allow-credentials'), label).toBeNull();
          expect(response.headers.get('vary')).toMatch(/origin/i);
        }
      }
    }
  });

  test('the real requests from that origin answer with the CORS headers, errors included', async () => {
    const listed = await send('/api/notes/', { headers: { origin: WEB_ORIGIN, ...authorised() } });
    const patched = await send(`/api/notes/${aliceNote.id}/`, {
      method: 'PATCH',
      headers: { origin: WEB_ORIGIN, 'content-type': 'application/json', ...authorised() },
      body: JSON.stringify({ body: 'patched cross-origin' }),
    });
    const overTrpc = await send('/trpc/notes.list', { headers: { origin: DEV_ORIGIN, ...authorised() } });
    const expired = await send('/trpc/notes.list', { headers: { origin: WEB_ORIGIN, authorization: 'Bearer not.a.token' } });

    for (const [response, origin, status] of [[listed, WEB_ORIGIN, 200], [patched, WEB_ORIGIN, 200], [overTrpc, DEV_ORIGIN, 200], [expired, WEB_ORIGIN, 401]] as const) {
      expect(response.status).toBe(status);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('access-control-expose-headers')?.split(',')).toEqual(expect.arrayContaining(['x-request-id', 'retry-after']));
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });

  /** The tokens of an answer's Vary header, lower-cased, in order. */
  const varyTokens = (response: Response) =>
    (response.headers.get('vary') ?? '').split(',').map((token) => token.trim().toLowerCase()).filter(Boolean);

  test("tRPC answers keep CORS's Vary: Origin beside tRPC's own tokens, each token once", async () => {
    const answers: Array<[string, Response]> = [
      ['query', await send('/trpc/notes.list', { headers: { origin: WEB_ORIGIN, ...authorised() } })],
      ['mutation', await send('/trpc/notes.create', {
        method: 'POST',
        headers: { origin: DEV_ORIGIN, 'content-type': 'application/json', ...authorised() },
        body: JSON.stringify({ title: 'Varied' }),
      })],
      ['error', await send('/trpc/notes.list', { headers: { origin: WEB_ORIGIN, authorization: 'Bearer not.a.token' } })],
      ['no Origin', await send('/trpc/notes.list', { headers: authorised() })],
    ];

    for (const [label, response] of answers) {
      const tokens = varyTokens(response);

      expect(tokens, label).toEqual(expect.arrayContaining(['origin', 'trpc-accept', 'accept']));
      expect(new Set(tokens).size, `${label}: ${tokens.join(', ')}`).toBe(tokens.length);
    }
    expect(answers.map(([, response]) => response.headers.get('access-control-allow-origin'))).toEqual([WEB_ORIGIN, DEV_ORIGIN, WEB_ORIGIN, null]);
  });

  test('REST answers and the 415 over tRPC carry Vary: Origin, once', async () => {
    const answers: Array<[string, Response]> = [
      ['REST', await send('/api/notes/', { headers: { origin: WEB_ORIGIN, ...authorised() } })],
      ['REST error', await send('/api/notes/', { headers: { origin: WEB_ORIGIN } })],
      ['tRPC 415', await send('/trpc/notes.create', { method: 'POST', headers: { origin: WEB_ORIGIN, 'content-type': 'text/plain', ...authorised() }, body: '{}' })],
    ];

    for (const [label, response] of answers) {
      expect(varyTokens(response), label).toEqual(['origin']);
      expect(response.headers.get('access-control-allow-origin'), label).toBe(WEB_ORIGIN);
    }
  });

  test('an unlisted origin gets no Access-Control-Allow-Origin, on a preflight or a real request', async () => {
    for (const [path, methods] of targets()) {
      for (const origin of [EVIL_ORIGIN, 'null', `${WEB_ORIGIN}.evil.net`, 'http://app.example.com']) {
        const response = await preflight(path, origin, methods[0] as string);

        expect(response.headers.get('access-control-allow-origin'), `${path} from ${origin}`).toBeNull();
        expect(response.status).not.toBe(401);
      }
    }

    const real = await send('/api/notes/', { headers: { origin: EVIL_ORIGIN, ...authorised() } });
    expect(real.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('a request with no Origin gets no CORS headers', async () => {
    const response = await send('/api/notes/', { headers: authorised() });

    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('only JSON bodies, within the size limit, over tRPC', () => {
  const countNotes = async () => (await alice.client.notes.list.query({ limit: 100 })).items.length;

  test.each([
    ['text/plain', () => ({ 'content-type': 'text/plain' }), () => '{"title":"typed"}'],
    ['form-urlencoded', () => ({ 'content-type': 'application/x-www-form-urlencoded' }), () => 'title=typed'],
    ['octet-stream', () => ({ 'content-type': 'application/octet-stream' }), () => new TextEncoder().encode('{"title":"typed"}')],
    ['multipart/form-data', () => ({}), () => {
      const form = new FormData();
      form.set('title', 'typed');
      return form;
    }],
    ['no Content-Type', () => ({}), () => new TextEncoder().encode('{"title":"typed"}')],
  ])('%s: 415 in the tRPC error shape, and nothing is created', async (_, headers, body) => {
    const before = await countNotes();

    const response = await send('/trpc/notes.create', { method: 'POST', headers: { ...authorised(), ...headers() }, body: body() });
    const answer = (await response.json()) as { error: { code: number; message: string; data: Record<string, unknown> } };

    expect(response.status).toBe(415);
    expect(answer).toEqual({
      error: {
        code: -32015,
        message: 'Send the body as application/json',
        data: { code: 'UNSUPPORTED_MEDIA_TYPE', httpStatus: 415, path: 'notes.create', requestId: response.headers.get('x-request-id'), fields: null },
      },
    });
    expect(await countNotes()).toBe(before);
  });

  test('the 415 has the same shape as the router\'s own errors', async () => {
    const refused = (await (await send('/trpc/auth.login', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' })).json()) as { error: { data: object } };
    const formatted = await wireMutation(server.url, 'auth.login', { username: 'x', password: 'y' });

    expect(Object.keys(refused.error).sort()).toEqual(Object.keys(formatted.error ?? {}).sort());
    expect(Object.keys(refused.error.data).sort()).toEqual(Object.keys(formatted.error?.data ?? {}).sort());
  });

  test('application/json with a charset parameter is accepted', async () => {
    const response = await send('/trpc/notes.create', {
      method: 'POST',
      headers: { ...authorised(), 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ title: 'with charset', body: '' }),
    });

    expect(response.status).toBe(200);
  });

  test.each([
    ['with a Content-Length over the limit', false],
    ['streamed without a Content-Length', true],
  ])('a body %s is 413 PAYLOAD_TOO_LARGE, and nothing is created', async (_, streamed) => {
    const before = await countNotes();
    const text = JSON.stringify({ title: 'big', body: 'x'.repeat(MAX_BODY_BYTES * 4) });
    const chunks = [text.slice(0, 1000), text.slice(1000)];
    const body = streamed
      ? new ReadableStream({
          pull(controller) {
            const next = chunks.shift();
            if (next === undefined) controller.close();
            else controller.enqueue(new TextEncoder().encode(next));
          },
        })
      : text;

    const response = await send('/trpc/notes.create', {
      method: 'POST',
      headers: { ...authorised(), 'content-type': 'application/json' },
      body,
      ...(streamed ? { duplex: 'half' } : {}),
    } as RequestInit);
    const answer = (await response.json()) as { error: { data: { code: string } } };

    expect(response.status).toBe(413);
    expect(answer.error.data.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await countNotes()).toBe(before);
  });
});

describe('operator objects where strings or numbers belong (F-13)', () => {
  const gt = { $gt: '' };

  test.each([
    ['auth.register', 'email', { username: 'fine-name', email: gt, password: TEST_PASSWORD }],
    ['auth.logout', 'refresh', { refresh: gt }],
  ])('%s with %s as an operator: BAD_REQUEST', async (path, field, input) => {
    expectFieldError(await wireMutation(server.url, path, input), field);
  });

  test.each([
    ['auth.revokeSession', 'id', { id: { $ne: null } }],
    ['auth.changePassword', 'currentPassword', { currentPassword: gt, newPassword: 'a new password' }],
    ['auth.changePassword', 'newPassword', { currentPassword: TEST_PASSWORD, newPassword: gt }],
    ['auth.deleteAccount', 'password', { password: gt }],
  ])('%s with %s as an operator: BAD_REQUEST, and the account is untouched', async (path, field, input) => {
    expectFieldError(await wireMutation(server.url, path, input, authorised()), field);

    expectWireSuccess(await wireQuery(server.url, 'auth.me', undefined, authorised()));
  });

  test('auth.activity with limit as an operator: BAD_REQUEST', async () => {
    expectFieldError(await wireQuery(server.url, 'auth.activity', { limit: { $gt: 0 } }, authorised()), 'limit');
  });

  test.each([
    ['POST', '/api/token/', { username: gt, password: gt }, ['username', 'password']],
    ['POST', '/api/token/', { username: { $regex: '^s' }, password: 'x' }, ['username']],
    ['POST', '/api/register/', { username: gt, password: TEST_PASSWORD }, ['username']],
    ['POST', '/api/token/refresh/', { refresh: { $ne: '' } }, ['refresh']],
    ['POST', '/api/logout/', { refresh: { $ne: '' } }, ['refresh']],
    ['POST', '/api/password/', { currentPassword: gt, newPassword: gt }, ['currentPassword', 'newPassword']],
    ['POST', '/api/me/delete/', { password: gt }, ['password']],
    ['POST', '/api/notes/', { title: gt, body: '' }, ['title']],
    ['PATCH', '__NOTE__', { title: { $set: 'x' } }, ['title']],
  ])('REST %s %s with an operator object: 400', async (method, path, body, fields) => {
    const url = path === '__NOTE__' ? `/api/notes/${aliceNote.id}/` : path;
    const answer = await rest(method, url, { body, token: alice.tokens().access });

    expectRestError(answer, { status: 400, code: 'BAD_REQUEST', fields });
    expect(answer.text).not.toMatch(/"access"|"refresh":"ey/);
  });

  test.each(['/api/notes/?tags[$ne]=x', '/api/activity/?limit[$gt]=0', '/api/notes/?limit[$gt]=0'])('REST GET %s: 400', async (path) => {
    const answer = await rest('GET', path, { token: alice.tokens().access });

    expectRestError(answer, { status: 400, code: 'BAD_REQUEST', fields: [path.slice(path.indexOf('?') + 1, path.indexOf('='))] });
  });

  test('alice\'s note and account are as they were', async () => {
    await expect(alice.client.notes.get.query({ id: aliceNote.id })).resolves.toMatchObject({ title: 'Surface' });
    expectWireSuccess(await wireMutation(server.url, 'auth.login', { username: alice.username, password: alice.password }));
    expectWireError(await wireQuery(server.url, 'notes.list', {}, bearer('forged.token.here')), 'UNAUTHORIZED');
  });
});
