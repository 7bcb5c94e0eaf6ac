import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { startTestServer, type TestServer } from './support/test-server';

// OPTIONS on any known path answers 204 with the methods it takes in `Allow`, with no
// token and no body: the REST paths, the read-only pages beside them, /health, and
// each tRPC procedure. A CORS preflight from an origin that is not allowed gets that
// same answer, without CORS headers, over tRPC as over REST.

const WEB_ORIGIN = 'https://app.example.com';
const GET_ONLY = 'GET, HEAD, OPTIONS';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ CORS_ORIGINS: WEB_ORIGIN });
});

afterAll(() => server.close());

const options = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { method: 'OPTIONS', headers });

async function expectAllowed(response: Response, allow: string): Promise<void> {
  expect(response.status).toBe(204);
  expect(response.headers.get('allow')).toBe(allow);
  expect(await response.text()).toBe('');
}

describe('OPTIONS on a known path: 204 with Allow', () => {
  test.each([
    ['/health', GET_ONLY],
    ['/api/openapi.json', GET_ONLY],
    ['/api/docs', GET_ONLY],
    ['/api/docs/', GET_ONLY],
    ['/api/docs/start.js', GET_ONLY],
    ['/api/docs/swagger-ui.css', GET_ONLY],
    ['/api/notes/', 'GET, HEAD, POST, OPTIONS'],
    ['/trpc/notes.list', 'GET, OPTIONS'],
    ['/trpc/auth.me', 'GET, OPTIONS'],
    ['/trpc/notes.create', 'POST, OPTIONS'],
    ['/trpc/auth.login', 'POST, OPTIONS'],
  ])('%s: %s', async (path, allow) => {
    await expectAllowed(await options(path), allow);
  });

  test.each(['/health', '/api/openapi.json', '/api/docs'])('other methods on %s are 405 with the same Allow', async (path) => {
    const response = await fetch(`${server.url}${path}`, { method: 'POST' });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe(GET_ONLY);
  });
});

describe('other methods on a tRPC procedure: 405 with Allow, in the tRPC error shape', () => {
  test.each([
    ['PUT', '/trpc/notes.create', 'POST, OPTIONS'],
    ['DELETE', '/trpc/notes.list', 'GET, OPTIONS'],
    ['PATCH', '/trpc/auth.login', 'POST, OPTIONS'],
  ])('%s %s', async (method, path, allow) => {
    const response = await fetch(`${server.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: '{}' });
    const body = (await response.json()) as { error: { message: string; data: { code: string; httpStatus: number } } };

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe(allow);
    expect(body.error.data).toMatchObject({ code: 'METHOD_NOT_SUPPORTED', httpStatus: 405 });
    expect(body.error.message).toContain(allow);
  });

  test.each([
    ['/trpc/notes.list', 'GET, OPTIONS'],
    ['/trpc/auth.login', 'POST, OPTIONS'],
  ])('HEAD %s: 405 with Allow, like any other method tRPC does not take', async (path, allow) => {
    const response = await fetch(`${server.url}${path}`, { method: 'HEAD' });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe(allow);
  });

  test.each(['PUT', 'HEAD'])('%s on an unknown procedure: 404', async (method) => {
    const response = await fetch(`${server.url}/trpc/notes.nothing`, { method });

    expect(response.status).toBe(404);
  });
});

describe('OPTIONS on an unknown path: 404 in the usual shape', () => {
  test.each(['/trpc/notes.nothing', '/trpc'])('%s: 404 NOT_FOUND in the tRPC error shape', async (path) => {
    const response = await options(path);
    const body = (await response.json()) as { error: { data: { code: string; httpStatus: number; requestId: string } } };

    expect(response.status).toBe(404);
    expect(body.error.data).toMatchObject({ code: 'NOT_FOUND', httpStatus: 404, requestId: response.headers.get('x-request-id') });
  });

  test('/api/nowhere/: 404 NOT_FOUND', async () => {
    expect((await options('/api/nowhere/')).status).toBe(404);
  });
});

describe('a preflight from an origin that is not allowed', () => {
  const preflight = (path: string, method: string) =>
    options(path, { origin: 'https://evil.example.net', 'access-control-request-method': method, 'access-control-request-headers': 'content-type' });

  test.each([
    ['/api/notes/', 'POST', 'GET, HEAD, POST, OPTIONS'],
    ['/trpc/notes.create', 'POST', 'POST, OPTIONS'],
    ['/trpc/notes.list', 'GET', 'GET, OPTIONS'],
    ['/health', 'GET', GET_ONLY],
  ])('%s: the plain 204 with Allow and no CORS headers', async (path, method, allow) => {
    const response = await preflight(path, method);

    await expectAllowed(response, allow);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-methods')).toBeNull();
  });

  test('from the allowed origin, the same paths get the CORS headers', async () => {
    for (const path of ['/api/notes/', '/trpc/notes.create', '/health']) {
      const response = await options(path, { origin: WEB_ORIGIN, 'access-control-request-method': 'POST' });

      expect(response.status, path).toBe(204);
      expect(response.headers.get('access-control-allow-origin'), path).toBe(WEB_ORIGIN);
    }
  });
});
