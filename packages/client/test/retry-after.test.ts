import { describe, expect, it } from 'vitest';

import { createNotesClient, errorInfo } from '../src/index';

// How errorInfo() reads Retry-After off the answer, with answers made up in a `fetch`;
// apps/server/test/sdk-rate-limits.test.ts checks it against the real server's limits.

type WireCode = 'TOO_MANY_REQUESTS' | 'UNAUTHORIZED';

const WIRE: Record<WireCode, { jsonRpc: number; httpStatus: number }> = {
  TOO_MANY_REQUESTS: { jsonRpc: -32029, httpStatus: 429 },
  UNAUTHORIZED: { jsonRpc: -32001, httpStatus: 401 },
};

/** A client whose every call is answered with a tRPC error of `code` and the given headers. */
function clientAnswering(code: WireCode, headers: Record<string, string>) {
  const { jsonRpc, httpStatus } = WIRE[code];
  const body = { error: { message: 'Refused', code: jsonRpc, data: { code, httpStatus, path: 'auth.login', requestId: 'made-up', fields: null } } };

  return createNotesClient({
    url: 'http://127.0.0.1:9',
    fetch: async () => new Response(JSON.stringify(body), { status: httpStatus, headers: { 'content-type': 'application/json', ...headers } }),
  });
}

async function infoOfLogin(code: WireCode, headers: Record<string, string> = {}) {
  const error = await clientAnswering(code, headers)
    .login({ username: 'ada', password: 'correct horse' })
    .then(
      () => {
        throw new Error('expected the login to be refused');
      },
      (refused: unknown) => refused,
    );

  return errorInfo(error);
}

describe('errorInfo().retryAfterSeconds', () => {
  it('is the whole seconds of a TOO_MANY_REQUESTS answer', async () => {
    expect(await infoOfLogin('TOO_MANY_REQUESTS', { 'retry-after': '42' })).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      httpStatus: 429,
      retryAfterSeconds: 42,
    });
  });

  it('counts an HTTP date from now, rounded up, and never below 0', async () => {
    const inHalfAMinute = new Date(Date.now() + 30_000).toUTCString();
    const past = new Date(Date.now() - 60_000).toUTCString();

    const ahead = (await infoOfLogin('TOO_MANY_REQUESTS', { 'retry-after': inHalfAMinute })).retryAfterSeconds;

    expect(ahead).toBeGreaterThanOrEqual(28);
    expect(ahead).toBeLessThanOrEqual(30);
    expect((await infoOfLogin('TOO_MANY_REQUESTS', { 'retry-after': past })).retryAfterSeconds).toBe(0);
  });

  it.each([
    ['no Retry-After', {}],
    ['a Retry-After that is neither seconds nor a date', { 'retry-after': 'soon' }],
    ['a negative Retry-After', { 'retry-after': '-5' }],
  ])('is undefined for a TOO_MANY_REQUESTS with %s', async (_, headers) => {
    const info = await infoOfLogin('TOO_MANY_REQUESTS', headers);

    expect(info.code).toBe('TOO_MANY_REQUESTS');
    expect(info.retryAfterSeconds).toBeUndefined();
  });

  it('is undefined for any other error, even one that carries the header', async () => {
    const info = await infoOfLogin('UNAUTHORIZED', { 'retry-after': '42' });

    expect(info.code).toBe('UNAUTHORIZED');
    expect(info.retryAfterSeconds).toBeUndefined();
  });

  it('is undefined when the call got no answer, and for errors that are not the SDK\'s', async () => {
    const offline = createNotesClient({ url: 'http://127.0.0.1:9', fetch: () => Promise.reject(new TypeError('fetch failed')) });
    const error = await offline.notes.list.query({}).catch((refused: unknown) => refused);

    expect(errorInfo(error)).toMatchObject({ code: null, retryAfterSeconds: undefined });
    expect(errorInfo(new Error('other')).retryAfterSeconds).toBeUndefined();
  });
});
