import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { startTestServer, type TestServer } from './support/test-server';

// A page from a file, a sandboxed frame or a data: URL sends `Origin: null`. No
// CORS_ORIGINS entry may stand for it: a value that is not an http(s) origin (which
// the URL parser would turn into the origin "null") stops the server instead.

const WEB_ORIGIN = 'https://app.example.com';

/** What starting a server with this CORS_ORIGINS threw, or null if it started (it is then closed again). */
async function startupError(corsOrigins: string): Promise<unknown> {
  try {
    const started = await startTestServer({ CORS_ORIGINS: corsOrigins });
    await started.close();

    return null;
  } catch (error) {
    return error;
  }
}

describe('values whose origin would be "null"', () => {
  test.each(['localhost:5173', 'file:///x', 'mailto:x'])('CORS_ORIGINS with %s stops the server, naming the variable', async (value) => {
    const error = await startupError(`${WEB_ORIGIN}, ${value}`);

    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('CORS_ORIGINS');
  });
});

describe('a running server', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ CORS_ORIGINS: WEB_ORIGIN });
  });

  afterAll(() => server.close());

  const preflight = (path: string, origin: string, method: string) =>
    fetch(`${server.url}${path}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': method } });

  test('never allows Origin: null, on a preflight or a real request, over REST or tRPC', async () => {
    const answers = [
      await preflight('/api/notes/', 'null', 'POST'),
      await preflight('/trpc/notes.create', 'null', 'POST'),
      await fetch(`${server.url}/api/notes/`, { headers: { origin: 'null' } }),
      await fetch(`${server.url}/trpc/auth.me`, { headers: { origin: 'null' } }),
    ];

    for (const answer of answers) expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight('/api/notes/', WEB_ORIGIN, 'POST')).headers.get('access-control-allow-origin')).toBe(WEB_ORIGIN);
  });
});
