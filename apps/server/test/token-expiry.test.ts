import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { msUntilExpired } from './support/forged-tokens';
import { startTestServer, type TestServer } from './support/test-server';
import { bearer, expectWireError, expectWireSuccess, wireMutation, wireQuery } from './support/trpc-wire';

// Real expiry with short lifetimes: access tokens live 1 s and refresh tokens 2 s
// here, and each test waits only until just past the `exp` it is about.

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ ACCESS_TOKEN_TTL: '1', REFRESH_TOKEN_TTL: '2' });
});

afterAll(() => server.close());

async function freshLogin(name: string): Promise<{ access: string; refresh: string }> {
  const { tokens } = await server.registerAndLogin(name);

  return tokens();
}

/** Waits for the next whole second, so a token issued now lives almost its full lifetime. */
function startOfNextSecond(): Promise<void> {
  return sleep(1000 - (Date.now() % 1000));
}

describe('an expired access token', () => {
  test('is UNAUTHORIZED on auth.me and notes.list, and the refresh token still brings a working one', async () => {
    await startOfNextSecond();
    const { access, refresh } = await freshLogin('expiring');
    expect((await wireQuery(server.url, 'auth.me', undefined, bearer(access))).status).toBe(200);

    await sleep(msUntilExpired(access));

    expectWireError(await wireQuery(server.url, 'auth.me', undefined, bearer(access)), 'UNAUTHORIZED');
    expectWireError(await wireQuery(server.url, 'notes.list', {}, bearer(access)), 'UNAUTHORIZED');

    const renewed = expectWireSuccess(await wireMutation(server.url, 'auth.refresh', { refresh })) as { access: string };
    expect((await wireQuery(server.url, 'auth.me', undefined, bearer(renewed.access))).status).toBe(200);
  });
});

describe('an expired refresh token', () => {
  test('is UNAUTHORIZED at auth.refresh', async () => {
    const { refresh } = await freshLogin('stale');

    await sleep(msUntilExpired(refresh));

    expectWireError(await wireMutation(server.url, 'auth.refresh', { refresh }), 'UNAUTHORIZED');
  });
});
